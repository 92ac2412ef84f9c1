/**
 * What the two-replica test reads out of the replicas' logs and answers: pure functions, tested in
 * evidence.test.ts (the test script does the I/O).
 */

/** The `sources` of a health answer: each an upstream result with the time it was fetched when it succeeded. */
export type HealthSources = Record<string, { ok: boolean; fetchedAt?: string }>;

export interface Executions {
  /** Timestamps of the scaffolder's "execution initiated" audit events for the task. */
  initiated: string[];
  /** Timestamps of its "execution succeeded/failed" events. */
  ended: string[];
}

// eslint-disable-next-line no-control-regex -- the development log format colours its fields
const ANSI = /\u001b\[[0-9;]*m/g;
const TASK_ID =
  /"taskId":"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/;
const STATUS = / status="(initiated|succeeded|failed)"$/;
const TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) /;

function lines(log: string): string[] {
  return log.replace(ANSI, '').split('\n');
}

/**
 * The scaffolder's task executions in one replica's log, by task id: its audit event `scaffolder.task` with
 * actionType "execution" is written by the replica that claimed the task, once when it starts and once when it
 * ends. A task started and never ended on a replica was running there when it stopped.
 */
export function executionsByTask(log: string): Map<string, Executions> {
  const out = new Map<string, Executions>();
  for (const line of lines(log)) {
    if (
      !line.includes(' scaffolder.task ') ||
      !line.includes('"actionType":"execution"')
    )
      continue;
    const id = TASK_ID.exec(line)?.[1];
    const status = STATUS.exec(line)?.[1];
    const time = TIME.exec(line)?.[1];
    if (!id || !status || !time) continue;
    const entry = out.get(id) ?? { initiated: [], ended: [] };
    (status === 'initiated' ? entry.initiated : entry.ended).push(time);
    out.set(id, entry);
  }
  return out;
}

/** Rounds of the owner watcher ("Platform notifications: checked ...") each replica logged from `since` on. */
export function countRoundsByReplica<K extends string>(
  logs: Record<K, string>,
  since: Date,
): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const [replica, log] of Object.entries(logs) as Array<[K, string]>) {
    out[replica] = lines(log).filter(line => {
      const time = TIME.exec(line)?.[1];
      return (
        time !== undefined &&
        Date.parse(time) >= since.getTime() &&
        line.includes(' Platform notifications: checked ')
      );
    }).length;
  }
  return out;
}

/**
 * Of the sources the second replica answered successfully, how many carry the first replica's fetchedAt: served
 * from the shared cache entry rather than fetched again upstream.
 */
export function hitRatio(pairs: Array<[HealthSources, HealthSources]>): {
  reads: number;
  hits: number;
  ratio: number;
} {
  let reads = 0;
  let hits = 0;
  for (const [first, second] of pairs) {
    for (const [key, source] of Object.entries(second ?? {})) {
      if (!source?.ok || !source.fetchedAt) continue;
      reads += 1;
      if (first?.[key]?.ok && first[key].fetchedAt === source.fetchedAt)
        hits += 1;
    }
  }
  return { reads, hits, ratio: reads ? hits / reads : 0 };
}
