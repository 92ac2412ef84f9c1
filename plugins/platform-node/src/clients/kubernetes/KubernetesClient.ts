import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { KubernetesConfig } from './config';
import { UpstreamError } from '../../http/UpstreamError';
import { KubernetesAccess } from './accessDenied';
import { toKubernetesUpstreamError } from './kubernetesError';
import {
  ArgoApplicationResource,
  NamespaceResource,
  SecretResource,
} from './types';

const APPLICATIONS = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  plural: 'applications',
} as const;

// What each call needs from RBAC, so a 401/403 can name it (see accessDenied.ts).
const app = (namespace: string) => ({
  resource: APPLICATIONS.plural,
  group: APPLICATIONS.group,
  namespace,
});
const NS = (verb: KubernetesAccess['verb']): KubernetesAccess => ({
  verb,
  resource: 'namespaces',
  group: '',
});
const secret = (
  verb: KubernetesAccess['verb'],
  namespace: string,
): KubernetesAccess => ({ verb, resource: 'secrets', group: '', namespace });

/**
 * The field manager every write of the platform names (create, merge patch, server-side apply), so the API
 * server's managedFields say who owns a field (without it the User-Agent is recorded, e.g. `node-fetch`).
 *
 * @public
 */
export const KUBERNETES_FIELD_MANAGER = 'backstage-platform';

/**
 * The Kubernetes calls the platform needs (namespaces, secrets, Argo CD Applications), through
 * `@kubernetes/client-node` 1.x. Failures are `UpstreamError`s (`KubernetesUpstreamError` with the Status
 * reason for API answers); reads of missing objects resolve to `undefined`.
 *
 * @public
 */
export class KubernetesClient {
  private readonly core: CoreV1Api;
  private readonly custom: CustomObjectsApi;

  constructor(private readonly config: KubernetesConfig) {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [
        {
          name: 'platform',
          server: config.url,
          // client-node base64-decodes caData (kubeconfig certificate-authority-data); config holds PEM.
          caData: config.caData
            ? Buffer.from(config.caData, 'utf8').toString('base64')
            : undefined,
          // client-node refuses plain http unless TLS verification is "skipped"; there is no TLS to verify.
          skipTLSVerify: config.skipTLSVerify || config.url.startsWith('http:'),
        },
      ],
      users: [{ name: 'platform', token: config.token }],
      contexts: [{ name: 'platform', cluster: 'platform', user: 'platform' }],
      currentContext: 'platform',
    });
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.custom = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  async getApplication(
    namespace: string,
    name: string,
  ): Promise<ArgoApplicationResource | undefined> {
    return this.orUndefined(
      `GET application ${namespace}/${name}`,
      { verb: 'get', ...app(namespace) },
      () =>
        this.custom.getNamespacedCustomObject({
          ...APPLICATIONS,
          namespace,
          name,
        }),
    );
  }

  /** Lists Applications in a namespace, optionally filtered by a label selector. */
  async listApplications(
    namespace: string,
    options: { labelSelector?: string } = {},
  ): Promise<ArgoApplicationResource[]> {
    const list = await this.call(
      `LIST applications in ${namespace}`,
      { verb: 'list', ...app(namespace) },
      () =>
        this.custom.listNamespacedCustomObject({
          ...APPLICATIONS,
          namespace,
          labelSelector: options.labelSelector,
        }),
    );
    return (list as { items?: ArgoApplicationResource[] })?.items ?? [];
  }

  async createApplication(
    namespace: string,
    body: ArgoApplicationResource,
  ): Promise<ArgoApplicationResource> {
    return this.call(
      `CREATE application ${namespace}/${body.metadata.name}`,
      { verb: 'create', ...app(namespace) },
      () =>
        this.custom.createNamespacedCustomObject({
          ...APPLICATIONS,
          namespace,
          body,
          fieldManager: KUBERNETES_FIELD_MANAGER,
        }),
    );
  }

  /** Server-side apply: the fields in `body` become owned by `fieldManager`. */
  async applyApplication(
    namespace: string,
    body: ArgoApplicationResource,
    options: { fieldManager: string; force?: boolean },
  ): Promise<ArgoApplicationResource> {
    return this.call(
      `APPLY application ${namespace}/${body.metadata.name}`,
      { verb: 'patch', apply: true, ...app(namespace) },
      () =>
        this.custom.patchNamespacedCustomObject(
          {
            ...APPLICATIONS,
            namespace,
            name: body.metadata.name,
            body,
            fieldManager: options.fieldManager,
            force: options.force,
          },
          setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
        ),
    );
  }

  /** JSON merge patch (e.g. `{"operation": {...}}` to request a sync). */
  async mergePatchApplication(
    namespace: string,
    name: string,
    patch: Record<string, unknown>,
  ): Promise<ArgoApplicationResource> {
    return this.call(
      `PATCH application ${namespace}/${name}`,
      { verb: 'patch', ...app(namespace) },
      () =>
        this.custom.patchNamespacedCustomObject(
          {
            ...APPLICATIONS,
            namespace,
            name,
            body: patch,
            fieldManager: KUBERNETES_FIELD_MANAGER,
          },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        ),
    );
  }

  async getNamespace(name: string): Promise<NamespaceResource | undefined> {
    return this.orUndefined(`GET namespace ${name}`, NS('get'), () =>
      this.core.readNamespace({ name }),
    );
  }

  async createNamespace(body: NamespaceResource): Promise<NamespaceResource> {
    return this.call(
      `CREATE namespace ${body.metadata.name}`,
      NS('create'),
      () =>
        this.core.createNamespace({
          body: body as any,
          fieldManager: KUBERNETES_FIELD_MANAGER,
        }),
    );
  }

  async mergePatchNamespace(
    name: string,
    patch: Record<string, unknown>,
  ): Promise<NamespaceResource> {
    return this.call(`PATCH namespace ${name}`, NS('patch'), () =>
      this.core.patchNamespace(
        { name, body: patch, fieldManager: KUBERNETES_FIELD_MANAGER },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
  }

  async getSecret(
    namespace: string,
    name: string,
  ): Promise<SecretResource | undefined> {
    return this.orUndefined(
      `GET secret ${namespace}/${name}`,
      secret('get', namespace),
      () => this.core.readNamespacedSecret({ namespace, name }),
    );
  }

  async createSecret(
    namespace: string,
    body: SecretResource,
  ): Promise<SecretResource> {
    return this.call(
      `CREATE secret ${namespace}/${body.metadata.name}`,
      secret('create', namespace),
      () =>
        this.core.createNamespacedSecret({
          namespace,
          body: body as any,
          fieldManager: KUBERNETES_FIELD_MANAGER,
        }),
    );
  }

  async mergePatchSecret(
    namespace: string,
    name: string,
    patch: Record<string, unknown>,
  ): Promise<SecretResource> {
    return this.call(
      `PATCH secret ${namespace}/${name}`,
      secret('patch', namespace),
      () =>
        this.core.patchNamespacedSecret(
          {
            namespace,
            name,
            body: patch,
            fieldManager: KUBERNETES_FIELD_MANAGER,
          },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        ),
    );
  }

  async deleteSecret(namespace: string, name: string): Promise<void> {
    await this.call(
      `DELETE secret ${namespace}/${name}`,
      secret('delete', namespace),
      () => this.core.deleteNamespacedSecret({ namespace, name }),
    );
  }

  private async call<T>(
    where: string,
    access: KubernetesAccess,
    fn: () => Promise<unknown>,
  ): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new UpstreamError({
              upstream: 'kubernetes',
              kind: 'timeout',
              message: `${where} did not answer within ${this.config.timeoutMs} ms`,
            }),
          ),
        this.config.timeoutMs,
      );
    });
    try {
      return (await Promise.race([fn(), timeout])) as T;
    } catch (error) {
      throw toKubernetesUpstreamError(error, where, access);
    } finally {
      clearTimeout(timer);
    }
  }

  private async orUndefined<T>(
    where: string,
    access: KubernetesAccess,
    fn: () => Promise<unknown>,
  ): Promise<T | undefined> {
    try {
      return await this.call<T>(where, access, fn);
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 404) {
        return undefined;
      }
      throw error;
    }
  }
}
