import type {
  ArgoApplicationResource,
  MsaDeployConfig,
  ScaffolderConfig,
} from '@paved-road/backstage-plugin-platform-node';
import { buildApplication } from './application';
import { deployApplicationEntry } from './deployPaths';

/**
 * The Argo CD Application of a service's msa_deploy entry, as configured: the Argo CD namespace,
 * project and destination from `platform.scaffolder.argocd`, the repo, branch and layout from
 * `platform.scaffolder.msaDeploy`. What both the Application action and the add-service action write.
 */
export function serviceApplication(
  config: ScaffolderConfig,
  msaDeploy: MsaDeployConfig,
  service: {
    serviceName: string;
    entityRef: string;
    owner: string;
    namespace: string;
  },
): ArgoApplicationResource {
  return buildApplication({
    serviceName: service.serviceName,
    entityRef: service.entityRef,
    owner: service.owner,
    namespace: service.namespace,
    argocdNamespace: config.argocd.namespace,
    project: config.argocd.project,
    destinationServer: config.argocd.destinationServer,
    repoUrl: msaDeploy.repoUrl,
    targetRevision: msaDeploy.branch,
    layout: msaDeploy.layout,
    entryPath: deployApplicationEntry(msaDeploy.layout, service.serviceName),
  });
}
