import type { TempoSearchResponse } from '@paved-road/backstage-plugin-platform-node';

/** One hit of a Tempo search. */
export type TempoHit = TempoSearchResponse['traces'][number];

/** Searches one window (unix seconds, both ends inclusive) for at most `limit` traces. */
export type WindowSearch = (
  window: { start: number; end: number },
  limit: number,
) => Promise<TempoHit[]>;

export interface NewestTracesOptions {
  /** Range to search, unix seconds. */
  start: number;
  end: number;
  /** How many of the newest traces are wanted. */
  want: number;
  /** `limit` sent with each window; an answer this long may be any subset of the window. */
  windowLimit: number;
  /** Upstream requests allowed for one call. */
  maxRequests: number;
  /** Width of the first (newest) window, seconds. */
  firstWindowSeconds: number;
}

export interface NewestTraces {
  /** Newest first by start time, at most `want`. */
  traces: TempoHit[];
  /** False when the request budget ran out before `want` traces or the whole range were seen. */
  complete: boolean;
  requests: number;
}

const startNs = (hit: TempoHit) => BigInt(hit.startTimeUnixNano);

/**
 * The newest `want` traces of a range from a Tempo that answers with the FIRST traces it meets, not the newest
 * (measured on Tempo 2.7.2): windows are searched from the end of the range backwards, each narrow enough that
 * Tempo returns all of it (fewer hits than the window limit; a full answer halves the window and asks again),
 * growing while they come back sparse. Once the windows searched cover [t, end] completely and hold `want`
 * traces that start at or after t, those are exactly the newest `want`: any trace starting later overlaps a
 * searched window and was returned.
 */
export async function newestTraces(
  search: WindowSearch,
  o: NewestTracesOptions,
): Promise<NewestTraces> {
  const found = new Map<string, TempoHit>();
  let cursor = o.end;
  let width = Math.max(1, Math.min(o.firstWindowSeconds, o.end - o.start));
  let requests = 0;
  let coveredFrom = o.end + 1;
  const countFrom = (fromS: number) => {
    const from = BigInt(fromS) * 1_000_000_000n;
    let n = 0;
    for (const hit of found.values()) if (startNs(hit) >= from) n += 1;
    return n;
  };
  while (
    requests < o.maxRequests &&
    coveredFrom > o.start &&
    countFrom(coveredFrom) < o.want
  ) {
    const window = { start: Math.max(o.start, cursor - width), end: cursor };
    const hits = await search(window, o.windowLimit);
    requests += 1;
    const saturated = hits.length >= o.windowLimit;
    if (saturated && window.end - window.start > 1) {
      width = Math.max(1, Math.floor((window.end - window.start) / 2));
      continue;
    }
    // A one-second window that is still full cannot be split further: keep what it gave.
    for (const hit of hits) found.set(hit.traceID, hit);
    coveredFrom = window.start;
    cursor = window.start;
    const seen = countFrom(coveredFrom);
    const perSecond = hits.length / Math.max(1, window.end - window.start + 1);
    const needed =
      perSecond > 0 ? Math.ceil((o.want - seen) / perSecond) : width * 4;
    width = Math.max(1, Math.min(width * 4, Math.max(width * 2, needed)));
  }
  const traces = [...found.values()]
    .sort((a, b) => {
      const d = startNs(b) - startNs(a);
      if (d !== 0n) return d > 0n ? 1 : -1;
      return a.traceID < b.traceID ? -1 : 1;
    })
    .slice(0, o.want);
  return {
    traces,
    complete: coveredFrom <= o.start || countFrom(coveredFrom) >= o.want,
    requests,
  };
}

/**
 * Window limit and request budget for a page of `want` traces: a first window of one minute, windows of at
 * most max(100, 4 x want) hits, and 12 requests (at 5 traces a second that is 3-4 requests for a page of 20).
 */
export function searchBudget(
  want: number,
): Pick<
  NewestTracesOptions,
  'windowLimit' | 'maxRequests' | 'firstWindowSeconds'
> {
  return {
    windowLimit: Math.min(1000, Math.max(100, want * 4)),
    maxRequests: 12,
    firstWindowSeconds: 60,
  };
}
