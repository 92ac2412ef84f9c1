import {
  LogLine,
  LogsValue,
} from '@paved-road/backstage-plugin-platform-common';
import {
  ElasticsearchClient,
  ElasticsearchConfig,
  EsHit,
  EsLogSearchInput,
  EsPartialResults,
  EsSortValues,
  SourceCache,
  UpstreamError,
  buildEsLogSearch,
  kibanaDiscoverUrl,
} from '@paved-road/backstage-plugin-platform-node';
import { Cached } from '../UpstreamCache';
import { TimeRange, alignRange } from '../timeRange';
import { PollPage, SharedPoll } from '../tail/SharedPoll';
import { TailViewer } from '../tail/viewerChannel';
import { EsLogTarget } from './esLogTarget';
import { esHitToLogLine } from './esLogLine';
import { LogFilters, lineMatches } from './logFilterQueries';

const ALIGN_MS = 5000;
const POLL_PAGE = 500;

/** Where a live poll goes on: after this sort position, from this start. */
interface PollCursor {
  startMs: number;
  after?: EsSortValues;
}

/** A 16- or 32-digit form of a 16-32 digit id (the route takes 16-32): shorter ids are zero-padded to 32. */
const traceIdForEs = (id: string) =>
  id.length === 16 || id.length === 32 ? id : id.padStart(32, '0');

/** The partial-result warning the card shows: how many shards failed and why, or that the search timed out. */
export function partialWarning(partial: EsPartialResults): string {
  const shards = partial.failedShards
    ? `${partial.failedShards} of ${partial.totalShards} shards failed`
    : undefined;
  const parts = [
    shards,
    partial.timedOut ? 'the search timed out' : undefined,
  ].filter(Boolean);
  const reasons = partial.reasons.length
    ? ` (${partial.reasons.join('; ')})`
    : '';
  return `Elasticsearch answered with partial results: ${parts.join(
    ' and ',
  )}${reasons}; lines may be missing.`;
}

function build(input: EsLogSearchInput) {
  const body = buildEsLogSearch(input);
  if (!body.ok) {
    // the route and the target validated every input; reaching here is a bug, logged as internal
    throw new Error(`Elasticsearch log search not built: ${body.message}`);
  }
  return body.value;
}

function toLines(hits: EsHit[], target: EsLogTarget): LogLine[] {
  return hits
    .map(hit => esHitToLogLine(hit, target.fields))
    .filter((line): line is LogLine => line !== undefined);
}

/**
 * Log lines of an entity from Elasticsearch: one `_search` built from structured clauses per read (the level,
 * text and trace id filtered by Elasticsearch), a Kibana Discover link for the same query when
 * `platform.elasticsearch.kibanaUrl` is set, partial answers flagged as warnings; and the live view, one
 * shared `search_after` poll per (instance, index, selector).
 */
export class EsLogs {
  private readonly poll: SharedPoll<EsLogTarget, PollCursor>;

  constructor(
    private readonly deps: {
      config: ElasticsearchConfig;
      clients: Map<string, ElasticsearchClient>;
      cache: SourceCache;
      pollIntervalMs?: number;
      now?: () => number;
    },
  ) {
    this.poll = new SharedPoll<EsLogTarget, PollCursor>({
      upstream: 'Elasticsearch',
      intervalMs: deps.pollIntervalMs,
      now: deps.now,
      keyId: t =>
        JSON.stringify([t.instance, t.index, t.fields, t.service, t.namespace]),
      start: (_key, nowMs) => ({ startMs: nowMs }),
      poll: (key, cursor) => this.pollOnce(key, cursor),
    });
  }

  /** Poll loops running now (at most one per instance, index and selector). */
  upstreamPolls(): number {
    return this.poll.upstreamCount();
  }

  private client(target: EsLogTarget): ElasticsearchClient {
    const client = this.deps.clients.get(target.instance);
    if (!client) {
      throw new UpstreamError({
        upstream: 'Elasticsearch',
        kind: 'not-configured',
        message: `no instance named '${target.instance}' in platform.elasticsearch.instances`,
      });
    }
    return client;
  }

  async read(
    target: EsLogTarget,
    requested: TimeRange,
    options: LogFilters & {
      limit?: number;
      direction?: 'backward' | 'forward';
    },
  ): Promise<Cached<LogsValue>> {
    const { config, cache } = this.deps;
    const limit = Math.min(options.limit ?? 100, config.maxLines);
    const range = alignRange(requested, ALIGN_MS, 'ceil');
    const text = options.text?.trim() ? options.text : undefined;
    const traceId = options.traceId ? traceIdForEs(options.traceId) : undefined;
    const body = build({
      fields: target.fields,
      service: target.service,
      namespace: target.namespace,
      levels: options.levels,
      text,
      traceId,
      range,
      size: limit,
      direction: options.direction ?? 'backward',
    });
    const instance = config.instances.find(i => i.name === target.instance);
    const answer = await cache.get(
      [
        'elasticsearch',
        instance?.url ?? target.instance,
        target.index,
        JSON.stringify(body),
      ],
      () => this.client(target).search(target.index, body),
    );
    const result = answer.value;
    const lines = toLines(result.hits, target);
    const exploreUrl = config.kibanaUrl
      ? kibanaDiscoverUrl({
          kibanaUrl: config.kibanaUrl,
          fields: target.fields,
          service: target.service,
          namespace: target.namespace,
          levels: options.levels,
          text,
          traceId,
          range,
        })
      : undefined;
    return {
      value: {
        lines,
        truncated: result.hits.length >= limit,
        limit,
        ...(exploreUrl ? { exploreUrl, exploreKind: 'kibana' as const } : {}),
        ...(result.partial
          ? { warnings: [partialWarning(result.partial)] }
          : {}),
      },
      fetchedAt: answer.fetchedAt,
    };
  }

  /** Live view: joins the shared poll of the target and receives the lines that pass its own filters. */
  tail(
    target: EsLogTarget,
    filters: LogFilters,
    viewer: TailViewer,
  ): { close(): void } {
    return this.poll.subscribe(
      target,
      line => lineMatches(line, filters),
      viewer,
    );
  }

  private async pollOnce(
    target: EsLogTarget,
    cursor: PollCursor,
  ): Promise<PollPage<PollCursor>> {
    const now = (this.deps.now ?? Date.now)();
    const size = Math.min(POLL_PAGE, this.deps.config.maxLines);
    const body = build({
      fields: target.fields,
      service: target.service,
      namespace: target.namespace,
      range: { startMs: cursor.startMs, endMs: Math.max(now, cursor.startMs) },
      size,
      direction: 'forward',
      ...(cursor.after ? { searchAfter: cursor.after } : {}),
    });
    // not cached: each poll asks for what is new since the last
    const result = await this.client(target).search(target.index, body);
    const last = result.hits[result.hits.length - 1];
    const sort = last?.sort;
    const after =
      sort &&
      sort.length === 2 &&
      typeof sort[0] === 'number' &&
      (typeof sort[1] === 'number' || typeof sort[1] === 'string')
        ? ([sort[0], sort[1]] as EsSortValues)
        : cursor.after;
    return {
      lines: toLines(result.hits, target),
      cursor: { startMs: cursor.startMs, ...(after ? { after } : {}) },
      more: result.hits.length >= size,
    };
  }
}
