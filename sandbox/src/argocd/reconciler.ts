/**
 * The Argo CD "controller" of the sandbox: keeps Applications (stored in the Kubernetes simulator's
 * store, namespace `argocd`) in step with the git server. On start and on every push to
 * `platform/msa_deploy` it applies `apps/*.yaml` (app-of-apps) and moves each affected Application
 * through OutOfSync/Progressing/Running to Synced/Healthy with a history entry for the commit.
 */
import type { EventEmitter } from 'node:events';
import { parse as parseYaml } from 'yaml';
import type { RefUpdate } from '../git/server.ts';
import { MSA_DEPLOY } from '../git/msaDeploy.ts';
import { RepoRoot, validRepoId, type RepoId } from '../git/repos.ts';
import { APPLICATIONS } from '../kubernetes/resources.ts';
import type {
  ChangeEvent,
  KubeObject,
  KubeStore,
} from '../kubernetes/store.ts';
import type { Json } from '../kubernetes/patch.ts';
import { isChartSource, RepoReader, sourceFiles } from './repoReader.ts';
import {
  resourcesFromManifest,
  resourcesFromValues,
  type ManifestResource,
} from './manifests.ts';

export const ARGOCD_NAMESPACE = 'argocd';
const CONTROLLER = 'argocd-application-controller';
const HISTORY_LIMIT = 10;

export interface ReconcilerOptions {
  store: KubeStore;
  repos: RepoRoot;
  /** base URL of the sandbox git server, e.g. `http://127.0.0.1:17080` */
  gitBaseUrl: string;
  gitEvents: EventEmitter;
  /** time an operation stays Running before it succeeds */
  syncDelayMs: number;
  log?: (msg: string) => void;
}

type Rec = Record<string, any>;

function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function appSource(app: KubeObject): Rec | undefined {
  const spec = app.spec as Rec | undefined;
  if (!spec) return undefined;
  if (spec.source && typeof spec.source === 'object') return spec.source as Rec;
  if (Array.isArray(spec.sources) && spec.sources.length > 0)
    return spec.sources[0] as Rec;
  return undefined;
}

/** What the health switch writes: Argo CD's Degraded app with a Degraded Deployment carrying the message. */
function markDegraded(status: Rec, message: string): void {
  status.health = { status: 'Degraded', message };
  if (Array.isArray(status.resources))
    for (const r of status.resources as Rec[])
      if (r.kind === 'Deployment') r.health = { status: 'Degraded', message };
}

export class Reconciler {
  private readonly opts: ReconcilerOptions;
  private queue: Promise<void> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  /** Applications the sandbox's health switch holds Degraded (name -> health message). */
  private readonly heldDegraded = new Map<string, string>();
  private readonly onRef = (u: RefUpdate) =>
    this.enqueue(() => this.handleRefUpdate(u));
  private readonly onChange = (ev: ChangeEvent) => {
    if (ev.resource !== APPLICATIONS || ev.type === 'DELETED') return;
    const meta = ev.object.metadata as Rec;
    if (meta.namespace !== ARGOCD_NAMESPACE) return;
    if (ev.object.operation !== undefined) {
      this.enqueue(() => this.handleOperationField(meta.name));
    } else if (ev.type === 'ADDED' && ev.object.status === undefined) {
      this.enqueue(() => this.initialize(meta.name));
    }
  };

  constructor(opts: ReconcilerOptions) {
    this.opts = opts;
  }

  private log(msg: string): void {
    this.opts.log?.(`[argocd] ${msg}`);
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    const next = this.queue
      .then(() => (this.stopped ? undefined : fn()))
      .catch(err => this.log(`reconcile error: ${(err as Error).message}`));
    this.queue = next;
    return next;
  }

  /** Resolves once every queued reconcile step has run. */
  idle(): Promise<void> {
    return this.queue;
  }

  async start(): Promise<void> {
    this.opts.gitEvents.on('ref-update', this.onRef);
    this.opts.store.events.on('change', this.onChange);
    await this.enqueue(async () => {
      const reader = this.readerFor(MSA_DEPLOY);
      const head = reader ? await reader.resolve('refs/heads/main') : undefined;
      if (!reader || !head) return;
      await this.applyAppsOfApps(reader, head);
      for (const app of this.opts.store.list(APPLICATIONS, ARGOCD_NAMESPACE)) {
        await this.finishOperation(
          (app.metadata as Rec).name,
          head,
          { automated: true },
          true,
        );
      }
    });
  }

  stop(): void {
    this.stopped = true;
    this.opts.gitEvents.off('ref-update', this.onRef);
    this.opts.store.events.off('change', this.onChange);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  repoIdOf(repoURL: unknown): RepoId | undefined {
    if (typeof repoURL !== 'string') return undefined;
    const base = this.opts.gitBaseUrl.replace(/\/$/, '');
    let u: URL;
    let b: URL;
    try {
      u = new URL(repoURL);
      b = new URL(base);
    } catch {
      return undefined;
    }
    if (u.host !== b.host) return undefined;
    const segs = u.pathname.split('/').filter(Boolean);
    if (segs.length !== 2) return undefined;
    return validRepoId(segs[0], segs[1]);
  }

  private readerFor(id: RepoId): RepoReader | undefined {
    return new RepoReader(this.opts.repos.dirOf(id));
  }

  private async applyAppsOfApps(
    reader: RepoReader,
    sha: string,
  ): Promise<string[]> {
    const files = (await reader.listFiles(sha)).filter(f =>
      /^apps\/[^/]+\.ya?ml$/.test(f),
    );
    const names: string[] = [];
    for (const f of files) {
      const text = await reader.readFile(sha, f);
      if (text === undefined) continue;
      let obj: unknown;
      try {
        obj = parseYaml(text);
      } catch (e) {
        this.log(`${f}: ${(e as Error).message}`);
        continue;
      }
      if (
        typeof obj !== 'object' ||
        obj === null ||
        (obj as Rec).kind !== 'Application'
      )
        continue;
      const app = obj as Rec;
      app.metadata = { ...(app.metadata ?? {}), namespace: ARGOCD_NAMESPACE };
      delete app.status;
      delete app.operation;
      const name = app.metadata.name;
      if (typeof name !== 'string') continue;
      const r = this.opts.store.apply(
        APPLICATIONS,
        ARGOCD_NAMESPACE,
        name,
        app,
        { manager: 'argocd-controller', force: true },
      );
      if (!r.ok) this.log(`apply ${f}: ${r.status.message}`);
      else names.push(name);
    }
    return names;
  }

  private tracksRef(source: Rec, ref: string): boolean {
    const target =
      typeof source.targetRevision === 'string' && source.targetRevision
        ? source.targetRevision
        : 'HEAD';
    if (target === 'HEAD') return ref === 'refs/heads/main';
    return (
      ref === target ||
      ref === `refs/heads/${target}` ||
      ref === `refs/tags/${target}`
    );
  }

  private async handleRefUpdate(u: RefUpdate): Promise<void> {
    if (!u.after) return;
    const id = { owner: u.owner, name: u.name };
    const reader = this.readerFor(id);
    if (!reader) return;
    const isRoot =
      u.owner === MSA_DEPLOY.owner &&
      u.name === MSA_DEPLOY.name &&
      u.ref === 'refs/heads/main';
    const changed = new Set(await reader.changedFiles(u.before, u.after));
    const before = new Set(
      this.opts.store
        .list(APPLICATIONS, ARGOCD_NAMESPACE)
        .map(a => (a.metadata as Rec).name as string),
    );
    if (isRoot) await this.applyAppsOfApps(reader, u.after);
    const files = await reader.listFiles(u.after);
    for (const app of this.opts.store.list(APPLICATIONS, ARGOCD_NAMESPACE)) {
      const name = (app.metadata as Rec).name as string;
      const source = appSource(app);
      if (!source) continue;
      const repo = this.repoIdOf(source.repoURL);
      if (
        !repo ||
        repo.owner !== u.owner ||
        repo.name !== u.name ||
        !this.tracksRef(source, u.ref)
      )
        continue;
      const covered = sourceFiles(
        files,
        String(source.path ?? '.'),
        source.directory?.include,
        source.directory?.recurse === true,
      );
      const isNew = !before.has(name);
      const touched =
        covered.some(f => changed.has(f)) ||
        (u.before !== undefined && [...changed].some(f => !files.includes(f)));
      if (isNew || touched) {
        this.log(`${name}: new revision ${u.after.slice(0, 7)}`);
        this.startOperation(name, u.after, { automated: true });
      }
    }
  }

  /** A freshly created Application without status: sync it when automated, else report OutOfSync. */
  private async initialize(name: string): Promise<void> {
    const got = this.opts.store.get(APPLICATIONS, ARGOCD_NAMESPACE, name);
    if (!got.ok || got.object.status !== undefined) return;
    const source = appSource(got.object);
    const repo = source ? this.repoIdOf(source.repoURL) : undefined;
    const reader = repo ? this.readerFor(repo) : undefined;
    const target =
      source &&
      typeof source.targetRevision === 'string' &&
      source.targetRevision !== 'HEAD'
        ? source.targetRevision
        : 'main';
    const sha = reader ? await reader.resolve(target) : undefined;
    const automated =
      (got.object.spec as Rec | undefined)?.syncPolicy?.automated !== undefined;
    if (sha && automated) {
      this.startOperation(name, sha, { automated: true });
      return;
    }
    this.patchStatus(name, status => {
      status.sync = {
        status: sha ? 'OutOfSync' : 'Unknown',
        comparedTo: this.comparedTo(got.object),
        ...(sha ? { revision: sha } : {}),
      };
      status.health = { status: 'Missing' };
      status.reconciledAt = nowIso();
      if (!sha) {
        status.conditions = [
          {
            type: 'ComparisonError',
            message: `repository ${String(
              source?.repoURL ?? '',
            )} is not served by the sandbox git server`,
            lastTransitionTime: nowIso(),
          },
        ];
      }
    });
  }

  /** `operation` written through the Kubernetes API (kubectl/Backstage sync trigger). */
  private async handleOperationField(name: string): Promise<void> {
    const got = this.opts.store.get(APPLICATIONS, ARGOCD_NAMESPACE, name);
    if (!got.ok || got.object.operation === undefined) return;
    const op = got.object.operation as Rec;
    const initiatedBy =
      op.initiatedBy && typeof op.initiatedBy === 'object'
        ? op.initiatedBy
        : { username: 'unknown' };
    const explicit =
      op.sync && typeof op.sync.revision === 'string'
        ? op.sync.revision
        : undefined;
    const sha = await this.resolveRevision(got.object, explicit);
    const latest = this.opts.store.get(APPLICATIONS, ARGOCD_NAMESPACE, name);
    if (!latest.ok) return;
    const obj = { ...latest.object };
    delete obj.operation;
    delete (obj.metadata as Rec).managedFields;
    this.opts.store.update(APPLICATIONS, ARGOCD_NAMESPACE, name, obj, {
      manager: CONTROLLER,
    });
    if (this.isRunning(latest.object)) return;
    this.startOperation(name, sha ?? '', initiatedBy);
  }

  async resolveRevision(
    app: KubeObject,
    revision?: string,
  ): Promise<string | undefined> {
    const source = appSource(app);
    const repo = source ? this.repoIdOf(source.repoURL) : undefined;
    if (!repo || !(await this.opts.repos.exists(repo))) return undefined;
    const reader = this.readerFor(repo);
    const rev =
      revision ||
      (typeof source?.targetRevision === 'string' &&
      source.targetRevision !== 'HEAD'
        ? source.targetRevision
        : 'HEAD');
    return reader?.resolve(rev);
  }

  isRunning(app: KubeObject): boolean {
    const st = app.status as Rec | undefined;
    return (
      st?.operationState?.phase === 'Running' ||
      st?.operationState?.phase === 'Terminating'
    );
  }

  private comparedTo(app: KubeObject): Rec {
    const spec = (app.spec ?? {}) as Rec;
    const out: Rec = { destination: spec.destination ?? {} };
    if (spec.source) out.source = spec.source;
    if (spec.sources) out.sources = spec.sources;
    return out;
  }

  private patchStatus(
    name: string,
    mutate: (status: Rec, app: KubeObject) => void,
  ): KubeObject | undefined {
    const got = this.opts.store.get(APPLICATIONS, ARGOCD_NAMESPACE, name);
    if (!got.ok) return undefined;
    const obj = got.object;
    delete (obj.metadata as Rec).managedFields;
    const status = ((obj.status as Rec | undefined) ?? {}) as Rec;
    mutate(status, obj);
    const held = this.heldDegraded.get(name);
    if (held !== undefined) markDegraded(status, held);
    obj.status = status as Json;
    const r = this.opts.store.update(
      APPLICATIONS,
      ARGOCD_NAMESPACE,
      name,
      obj,
      { manager: CONTROLLER },
    );
    return r.ok ? r.object : undefined;
  }

  /**
   * The health switch: holds the Application Degraded (its status and its Deployments' health, through every sync)
   * until released; releasing makes it Healthy again unless a sync is still running (which ends Healthy).
   * Undefined when there is no such Application.
   */
  setHeldDegraded(
    name: string,
    message: string | undefined,
  ): KubeObject | undefined {
    if (!this.opts.store.get(APPLICATIONS, ARGOCD_NAMESPACE, name).ok)
      return undefined;
    if (message !== undefined) {
      this.heldDegraded.set(name, message);
      this.log(`health switch: ${name} held Degraded`);
      return this.patchStatus(name, () => {});
    }
    this.heldDegraded.delete(name);
    this.log(`health switch: ${name} released`);
    return this.patchStatus(name, status => {
      if (this.isRunningStatus(status)) return;
      status.health = { status: 'Healthy' };
      if (Array.isArray(status.resources))
        for (const r of status.resources as Rec[])
          if (r.health) r.health = { status: 'Healthy' };
    });
  }

  private isRunningStatus(status: Rec): boolean {
    return status.operationState?.phase === 'Running';
  }

  /** Moves an Application into a Running sync operation; it succeeds after `syncDelayMs`. */
  startOperation(
    name: string,
    sha: string,
    initiatedBy: Rec,
  ): KubeObject | undefined {
    const startedAt = nowIso();
    const updated = this.patchStatus(name, (status, app) => {
      status.sync = {
        ...(status.sync ?? {}),
        status: 'OutOfSync',
        comparedTo: this.comparedTo(app),
      };
      status.health = { status: 'Progressing' };
      status.operationState = {
        operation: { sync: { revision: sha }, initiatedBy, retry: {} },
        phase: 'Running',
        message: `waiting for healthy state of apps/Deployment/${name}`,
        startedAt,
      };
      status.reconciledAt = startedAt;
    });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.enqueue(() =>
        this.finishOperation(name, sha, initiatedBy, false, startedAt),
      );
    }, this.opts.syncDelayMs);
    this.timers.add(timer);
    return updated;
  }

  /** Reads what an Application deploys at a revision. */
  async manifestsAt(
    app: KubeObject,
    sha: string,
  ): Promise<{ resources: ManifestResource[]; chart: boolean } | undefined> {
    const source = appSource(app);
    const repo = source ? this.repoIdOf(source.repoURL) : undefined;
    if (!source || !repo || !sha || !(await this.opts.repos.exists(repo)))
      return undefined;
    const reader = this.readerFor(repo);
    if (!reader) return undefined;
    let files: string[];
    try {
      files = await reader.listFiles(sha);
    } catch {
      return undefined;
    }
    const sourcePath = String(source.path ?? '.');
    const chart = isChartSource(files, sourcePath);
    const dest =
      ((app.spec as Rec)?.destination?.namespace as string | undefined) ??
      'default';
    const covered = sourceFiles(
      files,
      sourcePath,
      source.directory?.include,
      source.directory?.recurse === true,
    );
    const resources: ManifestResource[] = [];
    for (const f of covered) {
      const text = await reader.readFile(sha, f);
      if (text === undefined) continue;
      if (chart) {
        if (/(^|\/)values\.ya?ml$/.test(f))
          resources.push(
            ...resourcesFromValues(text, (app.metadata as Rec).name, dest),
          );
      } else resources.push(...resourcesFromManifest(text, dest));
    }
    return { resources, chart };
  }

  private async finishOperation(
    name: string,
    sha: string,
    initiatedBy: Rec,
    initial: boolean,
    startedAt?: string,
  ): Promise<void> {
    const got = this.opts.store.get(APPLICATIONS, ARGOCD_NAMESPACE, name);
    if (!got.ok) return;
    const m = await this.manifestsAt(got.object, sha);
    const now = nowIso();
    this.patchStatus(name, (status, app) => {
      const source = appSource(app) ?? {};
      if (!m) {
        status.sync = { status: 'Unknown', comparedTo: this.comparedTo(app) };
        status.health = { status: 'Unknown' };
        status.operationState = {
          ...(status.operationState ?? {}),
          phase: 'Error',
          message: `ComparisonError: failed to load target state: repository ${String(
            source.repoURL ?? '',
          )} not reachable`,
          startedAt: startedAt ?? now,
          finishedAt: now,
        };
        status.conditions = [
          {
            type: 'ComparisonError',
            message: `repository ${String(
              source.repoURL ?? '',
            )} is not served by the sandbox git server`,
            lastTransitionTime: now,
          },
        ];
        status.reconciledAt = now;
        return;
      }
      const images = [...new Set(m.resources.flatMap(r => r.images))].sort();
      const resources = m.resources.map(r => ({
        ...(r.group ? { group: r.group } : {}),
        version: r.version,
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        status: 'Synced',
        ...(['Deployment', 'Service', 'StatefulSet', 'DaemonSet'].includes(
          r.kind,
        )
          ? { health: { status: 'Healthy' } }
          : {}),
      }));
      status.sync = {
        status: 'Synced',
        comparedTo: this.comparedTo(app),
        revision: sha,
      };
      status.health = { status: 'Healthy' };
      status.resources = resources;
      status.summary = images.length ? { images } : {};
      status.sourceType = m.chart ? 'Helm' : 'Directory';
      status.reconciledAt = now;
      delete status.conditions;
      const history: Rec[] = Array.isArray(status.history)
        ? status.history
        : [];
      const nextId = history.length
        ? Number(history[history.length - 1].id ?? 0) + 1
        : 0;
      history.push({
        revision: sha,
        deployedAt: now,
        id: nextId,
        source,
        deployStartedAt: startedAt ?? now,
        initiatedBy,
      });
      status.history = history.slice(-HISTORY_LIMIT);
      status.operationState = {
        operation: { sync: { revision: sha }, initiatedBy, retry: {} },
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        syncResult: {
          resources: m.resources.map(r => ({
            group: r.group,
            version: r.version,
            kind: r.kind,
            namespace: r.namespace,
            name: r.name,
            status: 'Synced',
            message: `${r.kind.toLowerCase()}${r.group ? `.${r.group}` : ''}/${
              r.name
            } ${initial ? 'unchanged' : 'configured'}`,
            hookPhase: 'Running',
            syncPhase: 'Sync',
          })),
          revision: sha,
          source,
        },
        startedAt: startedAt ?? now,
        finishedAt: now,
      };
    });
    this.log(`${name}: synced ${sha.slice(0, 7)}`);
  }
}
