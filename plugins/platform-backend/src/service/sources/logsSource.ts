import { Entity } from '@backstage/catalog-model';
import {
  PLATFORM_ANNOTATIONS as A,
  LogLine,
  LogsValue,
} from '@paved-road/backstage-plugin-platform-common';
import {
  LokiClient,
  LokiQueryData,
  LokiTail,
  PlatformConfig,
  PlatformSource,
  SourceCache,
  UpstreamError,
} from '@paved-road/backstage-plugin-platform-node';
import { LogTarget, Target, logTarget } from '../entityTargets';
import { logsQuerySchema } from '../../router/params';
import { rangeQuery } from './rangeQuery';
import { TimeRange, alignRange } from '../timeRange';
import { Cached } from '../UpstreamCache';
import { SharedTail } from '../tail/SharedTail';
import { tenantExploreUrl } from './exploreDatasource';
import { LogFilters, lineMatches, logFilterQueries } from './logFilterQueries';
import { flattenStreams } from './logLine';
import { EsLogs } from './esLogs';
import {
  ES_LOG_ANNOTATIONS,
  EsLogTarget,
  esLogTarget,
  usesElasticsearch,
} from './esLogTarget';

export type { LogFilters } from './logFilterQueries';

const ALIGN_MS = 5000;
const msToNs = (ms: number) => (BigInt(ms) * 1_000_000n).toString();

function streamsOf(data: LokiQueryData) {
  if (data.resultType !== 'streams') {
    throw new UpstreamError({
      upstream: 'Loki',
      kind: 'bad-response',
      message: `a log query answered resultType ${data.resultType}`,
    });
  }
  return data.result;
}

const lineKey = (line: LogLine) =>
  `${line.timestampNs}\u0000${line.line}\u0000${JSON.stringify(line.labels)}`;

/** `GET .../logs`: a range, the line filters, and how many lines from which end. */
export interface LogsQuery extends LogFilters {
  range: TimeRange;
  limit?: number;
  direction?: 'backward' | 'forward';
}

/** Where an entity's logs are: Loki (a selector and tenant) or Elasticsearch (an index and fields). */
export type LogsTarget = LogTarget | EsLogTarget;

const isEs = (target: LogsTarget): target is EsLogTarget =>
  (target as EsLogTarget).backend === 'elasticsearch';

/**
 * Log lines of an entity and their live view, from Loki (one shared upstream tail per tenant and selector) or,
 * for an entity with an `elasticsearch-*` annotation, from Elasticsearch ({@link EsLogs}, one shared poll per
 * instance, index and selector). The route, its filters and its answer are the same for both.
 */
export class LogsSource
  implements PlatformSource<LogsTarget, LogsQuery, LogsValue>
{
  readonly id = 'logs';
  readonly annotations = [
    A.lokiLabels,
    A.kubernetesId,
    A.lokiTenant,
    A.kubernetesNamespace,
    ...ES_LOG_ANNOTATIONS,
  ];
  readonly query = rangeQuery(
    logsQuerySchema,
    (query, range): LogsQuery => ({
      range,
      limit: query.limit,
      direction: query.direction,
      levels: query.level,
      text: query.text,
      traceId: query.traceId,
    }),
  );

  private readonly sharedTail: SharedTail;

  constructor(
    private readonly deps: {
      config: PlatformConfig;
      loki?: LokiClient;
      /** Present when `platform.elasticsearch` is configured. */
      elasticsearch?: EsLogs;
      cache: SourceCache;
    },
  ) {
    this.sharedTail = new SharedTail({
      open: (key, startNs, listener) =>
        this.deps.loki!.tail(
          key.selector,
          {
            start: startNs,
            limit: Math.min(100, this.maxLines()),
            delayFor: 1,
          },
          listener,
          { tenant: key.tenant },
        ),
      toLines: frame => flattenStreams(frame.streams ?? [], 'forward'),
    });
  }

  /** The server cap on lines per request. */
  maxLines(): number {
    return this.deps.config.loki?.maxLines ?? 1000;
  }

  /** Upstream tails this process holds now (at most one per tenant and selector). */
  upstreamTails(): number {
    return this.sharedTail.upstreamCount();
  }

  /** Live views open now: Loki tails plus Elasticsearch poll loops. */
  upstreamPolls(): number {
    return this.deps.elasticsearch?.upstreamPolls() ?? 0;
  }

  target(entity: Entity): Target<LogsTarget> {
    return usesElasticsearch(entity)
      ? esLogTarget(entity, this.deps.config)
      : logTarget(entity, this.deps.config);
  }

  read(target: LogsTarget, query: LogsQuery): Promise<Cached<LogsValue>> {
    if (isEs(target)) {
      return this.es().read(target, query.range, query);
    }
    return this.readRange(target, query.range, query);
  }

  private es(): EsLogs {
    if (!this.deps.elasticsearch) {
      throw new UpstreamError({
        upstream: 'Elasticsearch',
        kind: 'not-configured',
        message:
          'Elasticsearch is not configured in this backend (platform.elasticsearch)',
      });
    }
    return this.deps.elasticsearch;
  }

  async readRange(
    target: LogTarget,
    requested: TimeRange,
    options: LogFilters & {
      limit?: number;
      direction?: 'backward' | 'forward';
    },
  ): Promise<Cached<LogsValue>> {
    const { config, loki, cache } = this.deps;
    const limit = Math.min(options.limit ?? 100, this.maxLines());
    const direction = options.direction ?? 'backward';
    // Whole 5 s steps: "the last hour" asked twice within the TTL is one upstream query.
    const range = alignRange(requested, ALIGN_MS, 'ceil');
    const queries = logFilterQueries(target.selector, options);
    const start = msToNs(range.startMs);
    const end = msToNs(range.endMs);
    const answers = await Promise.all(
      queries.map(query =>
        cache.get(
          [
            'loki',
            config.loki!.url,
            target.tenant,
            query,
            start,
            end,
            limit,
            direction,
          ],
          () =>
            loki!.queryRange(
              query,
              { start, end, limit, direction },
              { tenant: target.tenant },
            ),
        ),
      ),
    );
    // The union of the queries: each holds the `limit` first lines of its own carrier, so the first `limit`
    // of the merge are the first `limit` of the union.
    const seen = new Set<string>();
    const merged: LogLine[] = [];
    let full = false;
    for (const answer of answers) {
      const lines = flattenStreams(streamsOf(answer.value), direction);
      full ||= lines.length >= limit;
      for (const line of lines) {
        const key = lineKey(line);
        if (!seen.has(key)) {
          seen.add(key);
          merged.push(line);
        }
      }
    }
    const sign = direction === 'backward' ? -1 : 1;
    merged.sort((a, b) => {
      const diff = BigInt(a.timestampNs) - BigInt(b.timestampNs);
      if (diff === 0n) return 0;
      return diff > 0n ? sign : -sign;
    });
    // The text filter is Loki's own (`|=`, the same substring test); the level and the exact trace id are
    // checked here, as the queries are unions.
    const lines = merged
      .filter(line =>
        lineMatches(line, { levels: options.levels, traceId: options.traceId }),
      )
      .slice(0, limit);
    const exploreUrl = tenantExploreUrl(
      config.grafana?.url,
      {
        uid: config.grafana?.lokiDatasourceUid,
        uidsByTenant: config.grafana?.lokiDatasourceUids,
        defaultTenant: config.loki!.tenant,
      },
      target.tenant,
      queries,
      range,
    );
    const fetchedAt = answers.map(a => a.fetchedAt).sort()[0];
    return {
      value: {
        lines,
        truncated: full,
        limit,
        ...(exploreUrl ? { exploreUrl } : {}),
      },
      fetchedAt,
    };
  }

  /**
   * Live tail from now: joins the shared upstream tail of the entity's selector and receives the lines that pass
   * its own filters, in batches per upstream frame.
   */
  tail(
    target: LogsTarget,
    filters: LogFilters,
    listener: {
      onLines(lines: LogLine[]): void;
      onError(error: UpstreamError): void;
      onClose(): void;
    },
  ): LokiTail {
    if (isEs(target)) {
      return this.es().tail(target, filters, listener);
    }
    return this.sharedTail.subscribe(
      { tenant: target.tenant, selector: target.selector },
      line => lineMatches(line, filters),
      listener,
    );
  }
}
