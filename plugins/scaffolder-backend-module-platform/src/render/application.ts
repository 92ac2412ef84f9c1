import type { ArgoApplicationResource } from '@paved-road/backstage-plugin-platform-node';

/** Annotation recording which catalog entity owns a generated resource. */
export const ENTITY_REF_ANNOTATION = 'backstage.io/entity-ref';

/** Annotation (Kubernetes objects, msa_deploy manifests) or description line (Jenkins) naming a resource's owner. */
export const OWNER_ANNOTATION = 'platform.paved-road.dev/owner';

/** Input of {@link buildApplication}. */
export interface ApplicationModel {
  serviceName: string;
  entityRef: string;
  /** Owner entity ref, recorded as platform.paved-road.dev/owner. */
  owner: string;
  namespace: string;
  argocdNamespace: string;
  project: string;
  destinationServer: string;
  repoUrl: string;
  targetRevision: string;
  layout: 'manifest' | 'values';
  /** Path of the service's entry in the repo: the manifest file, or the values folder. */
  entryPath: string;
  createNamespace?: boolean;
}

/**
 * The Argo CD Application for one msa_deploy entry (the integration contract's app-of-apps shape):
 * manifest layout = `path: .` + `directory.include: <file>`, values layout = the service's chart folder.
 */
export function buildApplication(
  model: ApplicationModel,
): ArgoApplicationResource {
  const source: NonNullable<ArgoApplicationResource['spec']['source']> =
    model.layout === 'manifest'
      ? {
          repoURL: model.repoUrl,
          targetRevision: model.targetRevision,
          path: '.',
          directory: { include: model.entryPath },
        }
      : {
          repoURL: model.repoUrl,
          targetRevision: model.targetRevision,
          path: model.entryPath,
          helm: { valueFiles: ['values.yaml'] },
        };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: model.serviceName,
      namespace: model.argocdNamespace,
      labels: {
        'app.kubernetes.io/part-of': 'msa',
        'app.kubernetes.io/managed-by': 'backstage',
        'backstage.io/kubernetes-id': model.serviceName,
      },
      annotations: {
        [ENTITY_REF_ANNOTATION]: model.entityRef,
        [OWNER_ANNOTATION]: model.owner,
      },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: {
      project: model.project,
      source,
      destination: {
        server: model.destinationServer,
        namespace: model.namespace,
      },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions:
          model.createNamespace === false ? [] : ['CreateNamespace=true'],
      },
    },
  };
}
