import { LogLevel, LogLine, LogsValue } from '@paved-road/backstage-plugin-platform-common';
import {
  LokiClient,
  LokiTail,
  PlatformConfig,
  UpstreamError,
  buildLogQuery,
} from '@paved-road/backstage-plugin-platform-node';
import { LogTarget } from '../entityTargets';
import { TimeRange, alignRange } from '../timeRange';
import { Cached, UpstreamCache } from '../UpstreamCache';
import { tenantExploreUrl } from './exploreDatasource';
import { flattenStreams, toLogLine } from './logLine';

/** Filters of a log read, already validated at the edge. */
export interface LogFilters {
  levels?: LogLevel[];
  text?: string;
  traceId?: string;
}

const ALIGN_MS = 5000;
const msToNs = (ms: number) => (BigInt(ms) * 1_000_000n).toString();

function keep(line: LogLine, levels?: LogLevel[]): boolean {
  return !levels?.length || levels.includes(line.level);
}

/** Log lines of an entity from Loki, and live tail. */
export class LogsSource {
  constructor(private readonly deps: { config: PlatformConfig; loki?: LokiClient; cache: UpstreamCache }) {}

  /** The server cap on lines per request. */
  maxLines(): number {
    return this.deps.config.loki?.maxLines ?? 1000;
  }

  async read(
    target: LogTarget,
    requested: TimeRange,
    options: LogFilters & { limit?: number; direction?: 'backward' | 'forward' },
  ): Promise<Cached<LogsValue>> {
    const { config, loki, cache } = this.deps;
    const limit = Math.min(options.limit ?? 100, this.maxLines());
    const direction = options.direction ?? 'backward';
    // Whole 5 s steps: "the last hour" asked twice within the TTL is one upstream query.
    const range = alignRange(requested, ALIGN_MS, 'ceil');
    const query = buildLogQuery({ selector: target.selector, ...options });
    const start = msToNs(range.startMs);
    const end = msToNs(range.endMs);
    const result = await cache.get(
      ['loki', config.loki!.url, target.tenant, query, start, end, limit, direction],
      () => loki!.queryRange(query, { start, end, limit, direction }, { tenant: target.tenant }),
    );
    if (result.value.resultType !== 'streams') {
      throw new UpstreamError({
        upstream: 'Loki',
        kind: 'bad-response',
        message: `a log query answered resultType ${result.value.resultType}`,
      });
    }
    const all = flattenStreams(result.value.result, direction);
    const lines = all.filter(line => keep(line, options.levels)).slice(0, limit);
    const exploreUrl = tenantExploreUrl(
      config.grafana?.url,
      { uid: config.grafana?.lokiDatasourceUid, uidsByTenant: config.grafana?.lokiDatasourceUids, defaultTenant: config.loki!.tenant },
      target.tenant,
      [query],
      range,
    );
    return {
      value: { lines, truncated: all.length >= limit, limit, ...(exploreUrl ? { exploreUrl } : {}) },
      fetchedAt: result.fetchedAt,
    };
  }

  /** Starts a live tail from now; lines are delivered in batches per upstream frame. */
  tail(
    target: LogTarget,
    filters: LogFilters,
    listener: { onLines(lines: LogLine[]): void; onError(error: UpstreamError): void; onClose(): void },
  ): LokiTail {
    const query = buildLogQuery({ selector: target.selector, ...filters });
    return this.deps.loki!.tail(
      query,
      { start: msToNs(Date.now()), limit: Math.min(100, this.maxLines()), delayFor: 1 },
      {
        onFrame: frame => {
          const lines = (frame.streams ?? [])
            .flatMap(stream => stream.values.map(entry => toLogLine(stream.stream, entry)))
            .filter(line => keep(line, filters.levels));
          if (lines.length > 0) {
            listener.onLines(lines);
          }
        },
        onError: listener.onError,
        onClose: listener.onClose,
      },
      { tenant: target.tenant },
    );
  }
}
