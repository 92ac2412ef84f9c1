import {
  ArgoApplicationSummary,
  ArgoCdValue,
} from '@paved-road/backstage-plugin-platform-common';
import {
  ArgoApplication,
  ArgoCdClient,
  KubernetesClient,
  PlatformConfig,
  UpstreamError,
  parseArgoApplication,
} from '@paved-road/backstage-plugin-platform-node';
import { ArgoTarget } from '../entityTargets';
import { Cached, UpstreamCache } from '../UpstreamCache';

/** Maps an Argo CD Application to the wire summary. */
export function summarizeApplication(
  app: ArgoApplication,
  instance: string,
  webUrl: string | undefined,
): ArgoApplicationSummary {
  const source = app.spec.source ?? app.spec.sources?.[0];
  const status = app.status;
  const revision = status?.sync?.revision ?? status?.sync?.revisions?.[0];
  const namespace = app.metadata.namespace;
  return {
    name: app.metadata.name,
    ...(namespace ? { namespace } : {}),
    instance,
    project: app.spec.project,
    repoURL: source?.repoURL,
    path: source?.path,
    targetRevision: source?.targetRevision,
    destinationNamespace: app.spec.destination?.namespace,
    syncStatus: status?.sync?.status ?? 'Unknown',
    healthStatus: status?.health?.status ?? 'Unknown',
    healthMessage: status?.health?.message,
    revision,
    operation: status?.operationState
      ? {
          phase: status.operationState.phase,
          message: status.operationState.message,
          startedAt: status.operationState.startedAt,
          finishedAt: status.operationState.finishedAt,
        }
      : undefined,
    images: status?.summary?.images ?? [],
    history: (status?.history ?? []).map(entry => ({
      id: entry.id,
      revision: entry.revision ?? entry.revisions?.[0] ?? '',
      deployStartedAt: entry.deployStartedAt,
      deployedAt: entry.deployedAt,
    })),
    reconciledAt: status?.reconciledAt,
    webUrl: webUrl
      ? `${webUrl}/applications/${
          namespace ? `${encodeURIComponent(namespace)}/` : ''
        }${encodeURIComponent(app.metadata.name)}`
      : undefined,
  };
}

const UPSTREAM = 'Argo CD';

/** Reads and syncs an entity's Argo CD applications, through the Argo CD API or Kubernetes resources. */
export class ArgoCdSource {
  constructor(
    private readonly deps: {
      config: PlatformConfig;
      api?: ArgoCdClient;
      kubernetes?: KubernetesClient;
      cache: UpstreamCache;
    },
  ) {}

  private viaKubernetes(): boolean {
    return this.deps.config.argocd?.source === 'kubernetes';
  }

  private keyParts(target: ArgoTarget) {
    return [
      'argocd',
      this.viaKubernetes() ? 'k8s' : 'api',
      target.instance,
      target.name,
      target.selector,
      target.project,
      target.appNamespace,
    ];
  }

  /**
   * The applications, from the cache unless the entry is older than `maxAgeMs`: then it is dropped and read
   * again (concurrent readers share that one request through the cache's coalescing).
   */
  async read(
    target: ArgoTarget,
    options?: { maxAgeMs?: number },
  ): Promise<Cached<ArgoCdValue>> {
    const cached = await this.readCached(target);
    const maxAgeMs = options?.maxAgeMs;
    if (
      maxAgeMs === undefined ||
      Date.now() - Date.parse(cached.fetchedAt) <= maxAgeMs
    ) {
      return cached;
    }
    await this.deps.cache.invalidate(this.keyParts(target));
    return this.readCached(target);
  }

  private readCached(target: ArgoTarget): Promise<Cached<ArgoCdValue>> {
    return this.deps.cache.get(this.keyParts(target), async () => {
      const apps = await this.fetch(target);
      if (apps.length === 0) {
        throw new UpstreamError({
          upstream: UPSTREAM,
          kind: 'not-found',
          message: target.name
            ? `no application named '${target.name}' is visible to the configured account`
            : `no application matches the selector '${target.selector}'`,
        });
      }
      const webUrl = this.deps.config.argocd?.instances.find(
        i => i.name === target.instance,
      )?.webUrl;
      return {
        applications: apps.map(app =>
          summarizeApplication(app, target.instance, webUrl),
        ),
      };
    });
  }

  /** Starts a sync of the named application and returns its new state. */
  async sync(target: ArgoTarget): Promise<ArgoApplicationSummary> {
    if (!target.name) {
      throw new UpstreamError({
        upstream: UPSTREAM,
        kind: 'not-configured',
        message:
          'sync needs the argocd/app-name annotation (a selector may match several applications)',
      });
    }
    const webUrl = this.deps.config.argocd?.instances.find(
      i => i.name === target.instance,
    )?.webUrl;
    let app: ArgoApplication;
    if (this.viaKubernetes()) {
      const namespace =
        target.appNamespace ?? this.deps.config.argocd!.kubernetesNamespace;
      // What the Argo CD UI writes to request a sync: the controller picks the operation up.
      const patched = await this.kubernetes().mergePatchApplication(
        namespace,
        target.name,
        {
          operation: {
            initiatedBy: { username: 'backstage' },
            sync: { syncStrategy: { hook: {} } },
          },
        },
      );
      app = this.validate(patched);
    } else {
      app = await this.api().syncApplication(target.instance, target.name, {
        project: target.project,
        appNamespace: target.appNamespace,
      });
    }
    await this.deps.cache.invalidate(this.keyParts(target));
    return summarizeApplication(app, target.instance, webUrl);
  }

  private async fetch(target: ArgoTarget): Promise<ArgoApplication[]> {
    if (this.viaKubernetes()) {
      const namespace =
        target.appNamespace ?? this.deps.config.argocd!.kubernetesNamespace;
      const raw = target.name
        ? [
            await this.kubernetes().getApplication(namespace, target.name),
          ].filter(Boolean)
        : await this.kubernetes().listApplications(namespace, {
            labelSelector: target.selector,
          });
      return raw
        .map(item => this.validate(item))
        .filter(app => !target.project || app.spec.project === target.project);
    }
    // A list by name instead of a GET: a missing app is an empty list, not a 403 (existence hiding).
    return this.api().listApplications(target.instance, {
      name: target.name,
      selector: target.selector,
      projects: target.project ? [target.project] : undefined,
      appNamespace: target.appNamespace,
    });
  }

  private validate(item: unknown): ArgoApplication {
    const parsed = parseArgoApplication(item);
    if (!parsed.ok) {
      throw new UpstreamError({
        upstream: 'Kubernetes',
        kind: 'bad-response',
        message: `an Application resource has an unexpected shape: ${parsed.message}`,
      });
    }
    return parsed.value;
  }

  private api(): ArgoCdClient {
    if (!this.deps.api) {
      throw new UpstreamError({
        upstream: UPSTREAM,
        kind: 'not-configured',
        message: 'Argo CD API is not configured',
      });
    }
    return this.deps.api;
  }

  private kubernetes(): KubernetesClient {
    if (!this.deps.kubernetes) {
      throw new UpstreamError({
        upstream: 'Kubernetes',
        kind: 'not-configured',
        message: 'platform.kubernetes is not configured',
      });
    }
    return this.deps.kubernetes;
  }
}
