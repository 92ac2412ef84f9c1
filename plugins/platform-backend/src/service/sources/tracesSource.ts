import { Entity } from '@backstage/catalog-model';
import {
  PLATFORM_ANNOTATIONS as A,
  TraceDetail,
  TracesValue,
} from '@paved-road/backstage-plugin-platform-common';
import {
  PlatformConfig,
  PlatformSource,
  SourceCache,
  TempoClient,
  UpstreamError,
  buildTraceQuery,
} from '@paved-road/backstage-plugin-platform-node';
import { TraceTarget, traceTarget } from '../entityTargets';
import { tracesQuerySchema } from '../../router/params';
import { rangeQuery } from './rangeQuery';
import { TimeRange, alignRange } from '../timeRange';
import { Cached } from '../UpstreamCache';
import { tenantExploreUrl } from './exploreDatasource';
import { newestTraces, searchBudget } from './newestTraceSearch';
import { normaliseTrace, summariseSearch } from './traceNormalise';
import { scopeTrace } from './traceScope';

/** `GET .../traces`: a range and the search's filters. */
export interface TracesQuery {
  range: TimeRange;
  minDurationMs?: number;
  errorsOnly?: boolean;
  limit?: number;
}

/** Trace search and trace detail of an entity from Tempo. */
export class TracesSource
  implements PlatformSource<TraceTarget, TracesQuery, TracesValue>
{
  readonly id = 'traces';
  readonly annotations = [
    A.tempoServiceName,
    A.kubernetesId,
    A.tempoTenant,
    A.kubernetesNamespace,
  ];
  readonly query = rangeQuery(
    tracesQuerySchema,
    (query, range): TracesQuery => ({
      range,
      minDurationMs: query.minDurationMs,
      errorsOnly: query.errorsOnly,
      limit: query.limit,
    }),
  );

  constructor(
    private readonly deps: {
      config: PlatformConfig;
      tempo?: TempoClient;
      cache: SourceCache;
    },
  ) {}

  target(entity: Entity) {
    return traceTarget(entity, this.deps.config);
  }

  read(target: TraceTarget, query: TracesQuery): Promise<Cached<TracesValue>> {
    return this.search(target, query.range, query);
  }

  async search(
    target: TraceTarget,
    requested: TimeRange,
    options: { minDurationMs?: number; errorsOnly?: boolean; limit?: number },
  ): Promise<Cached<TracesValue>> {
    const { config, tempo, cache } = this.deps;
    const range = alignRange(requested, 5000, 'ceil');
    const q = buildTraceQuery({
      ...target,
      errorsOnly: options.errorsOnly,
      minDurationMs: options.minDurationMs,
    });
    const limit = Math.min(options.limit ?? 20, config.tempo!.maxTraces);
    const start = Math.floor(range.startMs / 1000);
    const end = Math.ceil(range.endMs / 1000);
    let fetchedAt: string | undefined;
    const result = await newestTraces(
      async (window, windowLimit) => {
        const answer = await cache.get(
          [
            'tempo',
            config.tempo!.url,
            target.tenant,
            'search',
            q,
            window.start,
            window.end,
            windowLimit,
          ],
          () =>
            tempo!.search(
              { q, start: window.start, end: window.end, limit: windowLimit },
              { tenant: target.tenant },
            ),
        );
        // The oldest answer used is how stale the page can be.
        if (!fetchedAt || answer.fetchedAt < fetchedAt)
          fetchedAt = answer.fetchedAt;
        return answer.value.traces;
      },
      { start, end, want: limit, ...searchBudget(limit) },
    );
    const exploreUrl = tenantExploreUrl(
      config.grafana?.url,
      {
        uid: config.grafana?.tempoDatasourceUid,
        uidsByTenant: config.grafana?.tempoDatasourceUids,
        defaultTenant: config.tempo!.tenant,
      },
      target.tenant,
      [q],
      range,
    );
    return {
      value: {
        traces: summariseSearch(
          { traces: result.traces },
          Boolean(options.errorsOnly),
        ),
        ...(result.complete ? {} : { incomplete: true }),
        ...(exploreUrl ? { exploreUrl } : {}),
      },
      fetchedAt: fetchedAt ?? new Date().toISOString(),
    };
  }

  /**
   * One trace, only when it involves the entity's service (and namespace, when scoped), and only its spans
   * inside the entity's namespace scope (see scopeTrace).
   */
  async get(
    target: TraceTarget,
    traceId: string,
  ): Promise<Cached<TraceDetail>> {
    const { config, tempo, cache } = this.deps;
    const id = traceId.replace(/^0+(?=.)/, '');
    const result = await cache.get(
      ['tempo', config.tempo!.url, target.tenant, 'trace', id],
      () => tempo!.traceById(id, { tenant: target.tenant }),
    );
    const scoped = result.value
      ? scopeTrace(normaliseTrace(traceId, result.value), target)
      : undefined;
    if (!scoped) {
      throw new UpstreamError({
        upstream: 'Tempo',
        kind: 'not-found',
        message: `trace ${traceId} was not found for service '${target.serviceName}'`,
      });
    }
    return { value: scoped, fetchedAt: result.fetchedAt };
  }
}
