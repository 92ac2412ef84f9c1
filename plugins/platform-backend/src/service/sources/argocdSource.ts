import { Entity } from '@backstage/catalog-model';
import {
  ArgoApplicationSummary,
  ArgoCdValue,
  PLATFORM_ANNOTATIONS as A,
  SourceResult,
} from '@paved-road/backstage-plugin-platform-common';
import {
  ArgoApplication,
  ArgoCdClient,
  KubernetesClient,
  PlatformConfig,
  PlatformSource,
  SourceCache,
  UpstreamError,
  parseArgoApplication,
} from '@paved-road/backstage-plugin-platform-node';
import { ArgoTarget, argoTarget } from '../entityTargets';
import { argoReason } from '../health';
import { argocdQuerySchema, queryOrThrow } from '../../router/params';
import { Cached } from '../UpstreamCache';
import { answerEach, fromCached } from './sourceResults';

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
/** A following card polls about once a second: however many tabs follow, Argo CD sees about one read a second. */
const FRESH_MAX_AGE_MS = 1_000;

/** `GET .../argocd?fresh=true`: an answer at most a second old, for a card following a sync. */
export interface ArgoCdQuery {
  fresh?: boolean;
}

/** Reads and syncs an entity's Argo CD applications, through the Argo CD API or Kubernetes resources. */
export class ArgoCdSource
  implements PlatformSource<ArgoTarget, ArgoCdQuery, ArgoCdValue>
{
  readonly id = 'argocd';
  readonly annotations = [
    A.argocdAppName,
    A.argocdAppSelector,
    A.argocdInstanceName,
    A.argocdProjectName,
    A.argocdAppNamespace,
  ];
  readonly query = {
    parse: (raw: Record<string, unknown>): ArgoCdQuery =>
      queryOrThrow(argocdQuerySchema, raw),
    forHealth: (): ArgoCdQuery => ({}),
  };
  readonly judge = argoReason;

  constructor(
    private readonly deps: {
      config: PlatformConfig;
      api?: ArgoCdClient;
      kubernetes?: KubernetesClient;
      cache: SourceCache;
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

  target(entity: Entity) {
    return argoTarget(entity, this.deps.config);
  }

  /**
   * The applications, from the cache unless `fresh` and the entry is older than a second: then it is dropped and
   * read again (concurrent readers share that one request through the cache's coalescing).
   */
  async read(
    target: ArgoTarget,
    query: ArgoCdQuery = {},
  ): Promise<Cached<ArgoCdValue>> {
    const cached = await this.readCached(target);
    const maxAgeMs = query.fresh ? FRESH_MAX_AGE_MS : undefined;
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

  /**
   * The fleet view's applications: one list per Argo CD instance (per application namespace when read through
   * Kubernetes), each entity keeping its named application. An entity that selects its applications by label
   * is read on its own (one request each): the fleet's one list is matched by name only.
   */
  async readMany(
    targets: ReadonlyMap<string, ArgoTarget>,
  ): Promise<Map<string, SourceResult<ArgoCdValue>>> {
    const groups = new Map<string, Map<string, ArgoTarget>>();
    const bySelector: Array<[string, ArgoTarget]> = [];
    for (const [key, target] of targets) {
      if (!target.name) {
        bySelector.push([key, target]);
        continue;
      }
      const groupKey = JSON.stringify([
        target.instance,
        this.viaKubernetes() ? this.appNamespaceOf(target) : '',
      ]);
      const group = groups.get(groupKey) ?? new Map<string, ArgoTarget>();
      group.set(key, target);
      groups.set(groupKey, group);
    }
    const answers = await Promise.all([
      ...[...groups.values()].map(group => this.readGroup(group)),
      ...bySelector.map(
        async ([key, target]) => new Map([[key, await this.readOne(target)]]),
      ),
    ]);
    return new Map(answers.flatMap(answer => [...answer]));
  }

  private async readOne(
    target: ArgoTarget,
  ): Promise<SourceResult<ArgoCdValue>> {
    try {
      return fromCached(await this.read(target));
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      return { ok: false, error: error.toSourceError() };
    }
  }

  private readGroup(
    group: Map<string, ArgoTarget>,
  ): Promise<Map<string, SourceResult<ArgoCdValue>>> {
    const first = group.values().next().value as ArgoTarget;
    const webUrl = this.deps.config.argocd?.instances.find(
      i => i.name === first.instance,
    )?.webUrl;
    // The cache holds the upstream's list (it may be Redis); the by-name index is built per read.
    let byName: Map<string, ArgoApplication[]>;
    let fetchedAt: string;
    return answerEach(
      group,
      async () => {
        const apps = await this.deps.cache.get(
          [
            'argocd',
            this.viaKubernetes() ? 'k8s' : 'api',
            first.instance,
            'fleet',
            this.viaKubernetes() ? this.appNamespaceOf(first) : '',
          ],
          () => this.fetchAll(first),
        );
        byName = new Map();
        for (const app of apps.value) {
          const same = byName.get(app.metadata.name);
          if (same) same.push(app);
          else byName.set(app.metadata.name, [app]);
        }
        fetchedAt = apps.fetchedAt;
      },
      target => {
        const mine = (byName.get(target.name!) ?? []).filter(app =>
          this.isTargetApp(app, target),
        );
        if (mine.length === 0) {
          return {
            ok: false,
            error: {
              kind: 'not-found',
              message: `no application named '${target.name}' is visible to the configured account`,
            },
          };
        }
        return {
          ok: true,
          value: {
            applications: mine.map(app => {
              const summary = summarizeApplication(
                app,
                target.instance,
                webUrl,
              );
              // The fleet shows the deployed revision and its age: the newest history entry is enough.
              return { ...summary, history: summary.history.slice(-1) };
            }),
          },
          fetchedAt,
        };
      },
    );
  }

  private appNamespaceOf(target: ArgoTarget): string {
    return target.appNamespace ?? this.deps.config.argocd!.kubernetesNamespace;
  }

  /** Whether a listed application is the one a named target means (name, project, application namespace). */
  private isTargetApp(app: ArgoApplication, target: ArgoTarget): boolean {
    if (app.metadata.name !== target.name) return false;
    if (target.project && app.spec.project !== target.project) return false;
    const namespace = app.metadata.namespace;
    return target.appNamespace
      ? namespace === target.appNamespace
      : namespace === undefined ||
          namespace === this.deps.config.argocd!.kubernetesNamespace;
  }

  /** Every application the instance shows the configured account (the API), or of one namespace (Kubernetes). */
  private async fetchAll(target: ArgoTarget): Promise<ArgoApplication[]> {
    if (this.viaKubernetes()) {
      const raw = await this.kubernetes().listApplications(
        this.appNamespaceOf(target),
        {},
      );
      return raw.map(item => this.validate(item));
    }
    return this.api().listApplications(target.instance, {});
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
