/** Jenkins state: the item tree, the build queue and the executor that "runs" pipelines. */
import {
  FOLDER_CLASS,
  newFolder,
  newJob,
  type Build,
  type Folder,
  type Item,
  type Job,
  type JobClass,
  type QueueItem,
} from './model.ts';
import { runPipeline } from './runner.ts';
import { parseXml, XmlError } from './xml.ts';

export interface JenkinsTimings {
  /** time an item waits in the queue */
  quietPeriodMs: number;
  /** time a build shows `building: true` before its deploy step runs */
  buildDurationMs: number;
}

export interface JenkinsControllerOptions {
  timings: JenkinsTimings;
  gitBaseUrl: string;
  gitUsername: string;
  gitPassword: string;
  log?: (msg: string) => void;
}

export type CreateResult =
  | { ok: true; item: Item }
  | { ok: false; status: number; error: string };

export class JenkinsController {
  readonly root: Folder = newFolder('', '');
  private readonly queue = new Map<number, QueueItem>();
  private nextQueueId = 1;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly opts: JenkinsControllerOptions;
  private stopped = false;

  constructor(opts: JenkinsControllerOptions) {
    this.opts = opts;
  }

  find(path: string[]): Item | undefined {
    let cur: Item = this.root;
    for (const p of path) {
      if (cur.type !== 'folder') return undefined;
      const next = cur.items.get(p);
      if (!next) return undefined;
      cur = next;
    }
    return cur;
  }

  /** Creates a folder or job from its config.xml under a parent folder. */
  create(parentPath: string[], name: string, configXml: string): CreateResult {
    const parent = this.find(parentPath);
    if (!parent || parent.type !== 'folder')
      return { ok: false, status: 404, error: 'parent folder not found' };
    if (parent.items.has(name))
      return {
        ok: false,
        status: 400,
        error: `A job already exists with the name ‘${name}’`,
      };
    let rootName: string;
    let description = '';
    try {
      const root = parseXml(configXml);
      rootName = root.name;
      description =
        root.children.find(c => c.name === 'description')?.text ?? '';
    } catch (e) {
      const msg = e instanceof XmlError ? e.message : String(e);
      return {
        ok: false,
        status: 500,
        error: `com.thoughtworks.xstream.io.StreamException: ${msg}`,
      };
    }
    let item: Item;
    if (rootName === FOLDER_CLASS)
      item = newFolder(name, configXml, description);
    else if (rootName === 'flow-definition')
      item = newJob(
        name,
        'org.jenkinsci.plugins.workflow.job.WorkflowJob',
        configXml,
        description,
      );
    else if (rootName === 'project')
      item = newJob(
        name,
        'hudson.model.FreeStyleProject',
        configXml,
        description,
      );
    else
      return {
        ok: false,
        status: 500,
        error: `java.lang.IllegalArgumentException: unsupported item type <${rootName}>`,
      };
    parent.items.set(name, item);
    return { ok: true, item };
  }

  updateConfig(
    item: Item,
    configXml: string,
  ): { ok: true } | { ok: false; error: string } {
    try {
      const root = parseXml(configXml);
      let expected = 'flow-definition';
      if (item.type === 'folder') expected = FOLDER_CLASS;
      else if ((item as Job).jobClass === 'hudson.model.FreeStyleProject')
        expected = 'project';
      if (root.name !== expected)
        return {
          ok: false,
          error: `Expecting class ${expected} but got ${root.name}`,
        };
      item.configXml = configXml;
      item.description =
        root.children.find(c => c.name === 'description')?.text ?? '';
      if (item.type === 'job')
        item.disabled =
          root.children.find(c => c.name === 'disabled')?.text.trim() ===
          'true';
      return { ok: true };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }

  queueItem(id: number): QueueItem | undefined {
    return this.queue.get(id);
  }

  pendingFor(path: string[]): QueueItem | undefined {
    const key = path.join('/');
    return [...this.queue.values()].find(
      q =>
        q.jobPath.join('/') === key &&
        q.buildNumber === undefined &&
        !q.cancelled,
    );
  }

  /** Puts a build of a job in the queue (coalescing with a pending one, as Jenkins does). */
  schedule(path: string[]): QueueItem {
    const pending = this.pendingFor(path);
    if (pending) return pending;
    const q: QueueItem = {
      id: this.nextQueueId++,
      jobPath: [...path],
      inQueueSince: Date.now(),
      cancelled: false,
    };
    this.queue.set(q.id, q);
    this.later(this.opts.timings.quietPeriodMs, () => this.start(q));
    return q;
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, ms);
    this.timers.add(t);
  }

  private start(q: QueueItem): void {
    const job = this.find(q.jobPath);
    if (!job || job.type !== 'job') {
      q.cancelled = true;
      return;
    }
    const number = job.nextBuildNumber++;
    const build: Build = {
      number,
      queueId: q.id,
      building: true,
      result: null,
      timestamp: Date.now(),
      duration: 0,
      estimatedDuration: this.opts.timings.buildDurationMs + 1000,
      log: [
        'Started by user platform',
        `Running in Durability level: MAX_SURVIVABILITY`,
        '[Pipeline] Start of Pipeline',
      ],
    };
    job.builds.push(build);
    q.buildNumber = number;
    q.leftAt = Date.now();
    this.opts.log?.(`[jenkins] ${q.jobPath.join('/')} #${number} started`);
    this.later(this.opts.timings.buildDurationMs, () => {
      const p = this.finish(job, build).finally(() => this.running.delete(p));
      this.running.add(p);
    });
  }

  private async finish(job: Job, build: Build): Promise<void> {
    const { result, deployCommit } = await runPipeline(job.configXml, {
      buildNumber: build.number,
      gitBaseUrl: this.opts.gitBaseUrl,
      gitUsername: this.opts.gitUsername,
      gitPassword: this.opts.gitPassword,
      log: line => build.log.push(line),
    });
    build.result = result;
    build.deployCommit = deployCommit;
    build.log.push('[Pipeline] End of Pipeline', `Finished: ${result}`);
    build.duration = Date.now() - build.timestamp;
    build.building = false;
    this.opts.log?.(`[jenkins] ${job.name} #${build.number} ${result}`);
  }

  /** Waits for running pipelines (tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  /** Adds a job with completed historic builds (seed data). */
  seedJob(
    parentPath: string[],
    name: string,
    jobClass: JobClass,
    configXml: string,
    history: { result: Build['result']; ageMs: number; durationMs: number }[],
  ): Job {
    const r = this.create(parentPath, name, configXml);
    if (!r.ok || r.item.type !== 'job')
      throw new Error(`cannot seed ${name}: ${r.ok ? 'not a job' : r.error}`);
    const job = r.item;
    job.jobClass = jobClass;
    for (const h of history) {
      const number = job.nextBuildNumber++;
      job.builds.push({
        number,
        queueId: 0,
        building: false,
        result: h.result,
        timestamp: Date.now() - h.ageMs,
        duration: h.durationMs,
        estimatedDuration: h.durationMs,
        log: [
          'Started by user platform',
          '[Pipeline] Start of Pipeline',
          '[Pipeline] End of Pipeline',
          `Finished: ${h.result}`,
        ],
      });
    }
    return job;
  }
}
