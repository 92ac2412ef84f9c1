/** Object metadata the actions read and write. @public */
export interface KubernetesObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  uid?: string;
  finalizers?: string[];
  [key: string]: unknown;
}

/** An argoproj.io/v1alpha1 Application, typed as far as the platform reads it. @public */
export interface ArgoApplicationResource {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Application';
  metadata: KubernetesObjectMeta;
  spec: {
    project: string;
    source?: {
      repoURL: string;
      path?: string;
      targetRevision?: string;
      directory?: { include?: string; recurse?: boolean };
      helm?: Record<string, unknown>;
      [key: string]: unknown;
    };
    sources?: Array<Record<string, unknown>>;
    destination: { server?: string; name?: string; namespace?: string };
    syncPolicy?: {
      automated?: { prune?: boolean; selfHeal?: boolean };
      syncOptions?: string[];
    };
    [key: string]: unknown;
  };
  status?: Record<string, unknown>;
  operation?: Record<string, unknown>;
}

/** A core/v1 Namespace. @public */
export interface NamespaceResource {
  apiVersion?: 'v1';
  kind?: 'Namespace';
  metadata: KubernetesObjectMeta;
  /** `Terminating` while the namespace is being deleted (nothing new can be created in it). */
  status?: { phase?: string };
}

/** A core/v1 Secret. @public */
export interface SecretResource {
  apiVersion?: 'v1';
  kind?: 'Secret';
  metadata: KubernetesObjectMeta;
  type?: string;
  data?: Record<string, string>;
}
