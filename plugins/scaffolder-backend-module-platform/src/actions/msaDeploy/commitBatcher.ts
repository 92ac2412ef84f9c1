import {
  GitPushResult,
  GitRepository,
} from '@paved-road/backstage-plugin-platform-node';

/**
 * One writer's part of a batch: applies its change onto the checkout at `base` (HEAD, undefined on an unborn
 * branch) and commits it, or leaves the checkout as it was when there is nothing to change. Returns its result
 * and the HEAD it leaves (so the batch needs no extra git call to know). Pushing is the batch's.
 */
export type BatchStep<T> = (
  repo: GitRepository,
  base: string | undefined,
) => Promise<{ value: T; head: string | undefined }>;

/** What a writer asks of the batcher. */
export interface BatchedWrite<T> {
  /** The branch pushed to (the same for every writer of one key). */
  branch: string;
  /** A fresh checkout of the branch; the first writer of a batch provides it (its own temporary directory). */
  open: () => Promise<GitRepository>;
  step: BatchStep<T>;
  /** Pushes this writer takes part in before it fails (non-fast-forward from another writer every time). */
  maxAttempts: number;
  /** Told when a push lost a race and the batch re-applies onto the new head. */
  onRetry?: (attempt: number) => void;
}

interface Pending<T> extends BatchedWrite<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/** Pause before re-trying a push that lost a race, spread so concurrent writers do not collide again. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random());
  return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * Group commit for one repository and branch inside this process. Writers that arrive while a push is under
 * way wait together; the next batch clones once, lets each writer commit in arrival order, and pushes all
 * their commits at once. A writer whose step fails gets its error and its changes are dropped from the
 * checkout; the others go on. A non-fast-forward push (another replica, the pipeline's tag bump) re-applies
 * the whole batch onto the new head. A push that fails otherwise (refused, an error) is retried writer by
 * writer, so one writer's refused change never fails another's. Every writer ends with its own commit (or none), pushed or
 * not at all: nothing is half-written.
 */
export class CommitBatcher {
  private readonly queues = new Map<string, Pending<any>[]>();

  constructor(private readonly options: { maxBatch?: number } = {}) {}

  run<T>(key: string, write: BatchedWrite<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const queue = this.queues.get(key);
      const pending: Pending<T> = { ...write, resolve, reject };
      if (queue) {
        queue.push(pending);
        return;
      }
      this.queues.set(key, [pending]);
      void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    const queue = this.queues.get(key)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, this.options.maxBatch ?? 50);
      await this.runBatch(batch);
    }
    this.queues.delete(key);
  }

  /** Settles every writer of `batch`; never throws (the writers queued behind it must still run). */
  private async runBatch(batch: Pending<unknown>[]): Promise<void> {
    try {
      await this.commitAndPush(batch);
    } catch (error) {
      // Settling is once only: this reaches just the writers still waiting.
      batch.forEach(p => p.reject(error));
    }
  }

  private async commitAndPush(batch: Pending<unknown>[]): Promise<void> {
    let repo: GitRepository;
    try {
      repo = await batch[0].open();
    } catch (error) {
      batch.forEach(p => p.reject(error));
      return;
    }
    let live = batch;
    for (let attempt = 1; ; attempt++) {
      const applied = await this.applyAll(repo, live);
      live = applied.map(a => a.pending);
      if (live.length === 0) return;
      let pushed:
        | GitPushResult
        | { ok: false; reason: 'error'; error: unknown } = { ok: true };
      if (applied.some(a => a.committed)) {
        pushed = await repo
          .push(batch[0].branch)
          .catch(error => ({ ok: false, reason: 'error', error } as const));
      }
      if (pushed.ok) {
        applied.forEach(a => a.pending.resolve(a.result));
        return;
      }
      if (pushed.reason !== 'non-fast-forward' && live.length > 1) {
        // Refused or failed for a reason that may be one writer's: each writer pushes alone, as without batching.
        for (const pending of live) await this.runBatch([pending]);
        return;
      }
      if (pushed.reason === 'error') {
        live.forEach(p => p.reject(pushed.error));
        return;
      }
      const failure = new Error(
        `Pushing to msa_deploy failed after ${attempt} attempt(s): ${pushed.message}`,
      );
      const retrying: Pending<unknown>[] = [];
      for (const p of live) {
        if (pushed.reason === 'non-fast-forward' && attempt < p.maxAttempts) {
          retrying.push(p);
        } else {
          p.reject(failure);
        }
      }
      live = retrying;
      if (live.length === 0) return;
      live.forEach(p => p.onRetry?.(attempt));
      await backoff(attempt);
      try {
        await repo.resetToRemote(batch[0].branch, 1);
      } catch (error) {
        live.forEach(p => p.reject(error));
        return;
      }
    }
  }

  /** Runs each writer's step in order; a failed step is settled and its changes are dropped. */
  private async applyAll(
    repo: GitRepository,
    writers: Pending<unknown>[],
  ): Promise<
    Array<{ pending: Pending<unknown>; result: unknown; committed: boolean }>
  > {
    const applied = [];
    let base = await repo.head();
    for (const pending of writers) {
      try {
        const { value, head } = await pending.step(repo, base);
        applied.push({ pending, result: value, committed: head !== base });
        base = head;
      } catch (error) {
        pending.reject(error);
        await discardChanges(repo, base);
      }
    }
    return applied;
  }
}

/** Puts the checkout back to `base` (or to empty on an unborn branch), dropping staged and untracked files. */
async function discardChanges(
  repo: GitRepository,
  base: string | undefined,
): Promise<void> {
  if (base) {
    await repo.git(['reset', '--quiet', '--hard', base]);
  } else {
    await repo.git(['read-tree', '--empty']);
  }
  await repo.git(['clean', '-fdq']);
}
