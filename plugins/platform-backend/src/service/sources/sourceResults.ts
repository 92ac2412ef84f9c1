import { SourceResult } from '@paved-road/backstage-plugin-platform-common';
import { UpstreamError } from '@paved-road/backstage-plugin-platform-node';
import { Cached } from '../UpstreamCache';

/**
 * The per-entity answers of a batched read: `answer(target)` for each key, or the upstream's error for every
 * key when the shared read failed. Only an `UpstreamError` becomes data here; anything else is a bug and is
 * thrown (the fleet service logs it and shows an internal error).
 */
export async function answerEach<T, V>(
  targets: ReadonlyMap<string, T>,
  shared: () => Promise<unknown>,
  answer: (target: T) => SourceResult<V>,
): Promise<Map<string, SourceResult<V>>> {
  const results = new Map<string, SourceResult<V>>();
  try {
    await shared();
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    const failed = { ok: false as const, error: error.toSourceError() };
    for (const key of targets.keys()) results.set(key, failed);
    return results;
  }
  for (const [key, target] of targets) {
    results.set(key, answer(target));
  }
  return results;
}

/** A cached entry as a successful result. */
export function fromCached<V>(entry: Cached<V>): SourceResult<V> {
  return { ok: true, value: entry.value, fetchedAt: entry.fetchedAt };
}
