import { Entity } from '@backstage/catalog-model';
import {
  PLATFORM_ANNOTATIONS as A,
  ArgoCdValue,
  DeployMarker,
  MetricPoint,
  MetricSeries,
  MetricsValue,
  SourceResult,
} from '@paved-road/backstage-plugin-platform-common';
import {
  PlatformConfig,
  PlatformSource,
  SourceCache,
  SourceReadRequest,
  PromQueryData,
  PrometheusClient,
  RED_SERIES_LABEL,
  RedQueries,
  buildFleetRedQuery,
  buildRedQueries,
} from '@paved-road/backstage-plugin-platform-node';
import { MetricsTarget, metricsTarget } from '../entityTargets';
import { metricsReason } from '../health';
import { metricsQuerySchema } from '../../router/params';
import { rangeQuery } from './rangeQuery';
import { TimeRange } from '../timeRange';
import { BoundedMemo, DerivedMemo } from '../memo';
import { Cached } from '../UpstreamCache';
import { grafanaExploreUrl } from './exploreUrl';
import {
  RED_UNITS,
  emptyFleetMetrics,
  fleetRedValues,
  workloadKey,
} from './fleetRed';
import { answerEach } from './sourceResults';

const MAX_POINTS = 500;

/** A step that gives at most {@link MAX_POINTS} points, rounded up to a readable value. */
export function chooseStepSeconds(
  range: TimeRange,
  requested?: number,
): number {
  const spanSeconds = (range.endMs - range.startMs) / 1000;
  const minimum = Math.ceil(spanSeconds / MAX_POINTS);
  const nice = [
    15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400,
  ];
  const wanted = Math.max(
    requested ?? Math.ceil(spanSeconds / 120),
    minimum,
    1,
  );
  return requested !== undefined
    ? wanted
    : nice.find(s => s >= wanted) ?? wanted;
}

/**
 * Granularity of a metrics query's end. Equal views within it share one cache entry and one upstream request;
 * it bounds how old the last point is (beside the cache TTL), so it stays near a scrape interval.
 */
export const END_ALIGN_MS = 5_000;

/**
 * The evaluation grid of a range query, anchored at its end: points at end, end - step, ... so the last point
 * is at most {@link END_ALIGN_MS} old whatever the step (flooring the end to the step left "Last 7 days" with
 * its last point up to two hours back, before a young service's first sample). The start moves back to a whole
 * number of steps before the end.
 */
export function anchorRangeAtEnd(
  range: TimeRange,
  stepMs: number,
  alignMs = END_ALIGN_MS,
): TimeRange {
  const endMs = Math.floor(range.endMs / alignMs) * alignMs;
  const steps = Math.max(1, Math.ceil((endMs - range.startMs) / stepMs));
  return { startMs: endMs - steps * stepMs, endMs };
}

/** A requested end this close to now is "now": the range is a live view (`now-1h`) and is keyed by its span. */
const LIVE_END_TOLERANCE_MS = 5_000;

/** A range query's answer with the range it was evaluated over. */
interface RangeMatrix {
  startMs: number;
  endMs: number;
  data: PromQueryData;
}

function toPoints(values: Array<[number, string]>): MetricPoint[] {
  return values.map(([t, v]) => {
    const n = Number(v);
    return [t, Number.isFinite(n) ? n : null];
  });
}

/** Splits the combined RED matrix into the three wire series (empty series when there is no data). */
export function splitRedMatrix(data: PromQueryData): MetricSeries[] {
  const byName = new Map<string, MetricPoint[]>();
  if (data.resultType === 'matrix') {
    for (const series of data.result) {
      const name = series.metric[RED_SERIES_LABEL];
      if (name) {
        byName.set(name, toPoints(series.values));
      }
    }
  }
  return (['rate', 'errorRatio', 'p95'] as const).map(name => ({
    name,
    unit: RED_UNITS[name],
    points: byName.get(name) ?? [],
  }));
}

/** The fleet view's rate window: the seeds' dashboards read `[5m]`. */
const FLEET_WINDOW_SECONDS = 300;

/** `GET .../metrics`: a range (default the last hour) and an optional step. */
export interface MetricsQuery {
  range: TimeRange;
  stepSeconds?: number;
}

/** RED metrics over a range, plus deploy markers from the entity's Argo CD history. */
export class MetricsSource
  implements PlatformSource<MetricsTarget, MetricsQuery, MetricsValue>
{
  readonly id = 'metrics';
  readonly annotations = [
    A.kubernetesId,
    A.metricsWorkload,
    A.kubernetesNamespace,
  ];
  readonly query = rangeQuery(
    metricsQuerySchema,
    (query, range): MetricsQuery => ({
      range,
      stepSeconds: query.stepSeconds,
    }),
  );
  readonly judge = metricsReason;

  private readonly queries = new BoundedMemo<RedQueries>();
  private readonly values = new DerivedMemo<Cached<MetricsValue>>(8);

  constructor(
    private readonly deps: {
      config: PlatformConfig;
      prometheus?: PrometheusClient;
      cache: SourceCache;
    },
  ) {}

  target(entity: Entity) {
    return metricsTarget(entity, this.deps.config);
  }

  /**
   * The fleet view's metrics: one instant query for every workload of the entities' namespaces, grouped by
   * workload and namespace; each entity takes exactly its own workload in its own (bounded) namespace.
   */
  async readMany(
    targets: ReadonlyMap<string, MetricsTarget>,
  ): Promise<Map<string, SourceResult<MetricsValue>>> {
    const { config, prometheus, cache } = this.deps;
    const prom = config.prometheus!;
    const fleet = buildFleetRedQuery({
      source: prom.redSource,
      namespaceLabel: prom.namespaceLabel,
      windowSeconds: FLEET_WINDOW_SECONDS,
      namespaces: [...targets.values()].map(t => t.namespace),
    });
    // The cache holds the upstream's JSON (it may be Redis); the per-workload map is built per read.
    let values: Map<string, MetricsValue>;
    let fetchedAt: string;
    return answerEach(
      targets,
      async () => {
        const answer = await cache.get(
          ['prometheus', prom.url, 'query', fleet.query],
          () => prometheus!.query(fleet.query),
        );
        values = fleetRedValues(answer.value, fleet, FLEET_WINDOW_SECONDS);
        fetchedAt = answer.fetchedAt;
      },
      target => ({
        ok: true,
        value:
          values.get(
            workloadKey(
              target.workload,
              fleet.namespaceLabel ? target.namespace : undefined,
            ),
          ) ??
          emptyFleetMetrics(Date.parse(fetchedAt) / 1000, FLEET_WINDOW_SECONDS),
        fetchedAt,
      }),
    );
  }

  /** Deploy markers come from the Argo CD source's answer for the same entity. */
  read(
    target: MetricsTarget,
    query: MetricsQuery,
    request: Pick<SourceReadRequest, 'readSource'>,
  ): Promise<Cached<MetricsValue>> {
    return this.readRange(
      target,
      query.range,
      query.stepSeconds,
      () => request.readSource('argocd') as Promise<SourceResult<ArgoCdValue>>,
    );
  }

  async readRange(
    target: MetricsTarget,
    requested: TimeRange,
    stepSecondsRequested: number | undefined,
    deployments: () => Promise<SourceResult<ArgoCdValue>>,
  ): Promise<Cached<MetricsValue>> {
    const { config, prometheus, cache } = this.deps;
    const prom = config.prometheus!;
    const stepSeconds = chooseStepSeconds(requested, stepSecondsRequested);
    const range = anchorRangeAtEnd(requested, stepSeconds * 1000);
    const windowSeconds = Math.max(stepSeconds * 2, 60);
    // The PromQL text depends on the target and window only (the rest is config): built once per target.
    const queries = this.queries.get(
      JSON.stringify([target.workload, target.namespace, windowSeconds]),
      () =>
        buildRedQueries({
          source: prom.redSource,
          workload: target.workload,
          namespace: target.namespace,
          namespaceLabel: prom.namespaceLabel,
          windowSeconds,
        }),
    );
    const query = (r: TimeRange) => async (): Promise<RangeMatrix> => ({
      startMs: r.startMs,
      endMs: r.endMs,
      data: await prometheus!.queryRange(queries.combined, {
        start: r.startMs / 1000,
        end: r.endMs / 1000,
        step: stepSeconds,
      }),
    });
    // A live view ("the last hour") is keyed by its span, not its end: every tab polling it within the cache TTL
    // shares one upstream request whose last point is as old as the entry (at most the TTL), however many tabs
    // poll and whenever they do. A fixed range is keyed by its ends.
    const spanMs = requested.endMs - requested.startMs;
    const live =
      Math.abs(Date.now() - requested.endMs) <= LIVE_END_TOLERANCE_MS;
    const load = live
      ? cache.get(
          [
            'prometheus',
            prom.url,
            'query_range',
            queries.combined,
            'live',
            spanMs,
            stepSeconds,
          ],
          () => {
            const now = Date.now();
            return query(
              anchorRangeAtEnd(
                { startMs: now - spanMs, endMs: now },
                stepSeconds * 1000,
                1000,
              ),
            )();
          },
        )
      : cache.get(
          [
            'prometheus',
            prom.url,
            'query_range',
            queries.combined,
            range.startMs / 1000,
            range.endMs / 1000,
            stepSeconds,
          ],
          query(range),
        );
    // One request for the three series (told apart by a label), so a page view costs one upstream call.
    const [matrix, argo] = await Promise.all([load, deployments()]);
    // A cached hit with the same deployments derives the same value: reuse it (and its JSON text).
    return this.values.get(
      matrix,
      '',
      [
        argo.ok ? argo.value : `${argo.error.kind}\n${argo.error.message}`,
        stepSeconds,
      ],
      () =>
        this.derive(
          matrix,
          argo,
          { startMs: matrix.value.startMs, endMs: matrix.value.endMs },
          stepSeconds,
          queries,
        ),
    );
  }

  private derive(
    matrix: Cached<RangeMatrix>,
    argo: SourceResult<ArgoCdValue>,
    range: TimeRange,
    stepSeconds: number,
    queries: RedQueries,
  ): Cached<MetricsValue> {
    const { config } = this.deps;
    const warnings: string[] = [];
    let deployMarkers: DeployMarker[] = [];
    if (argo.ok) {
      deployMarkers = argo.value.applications.flatMap(app =>
        app.history
          .filter(entry => {
            const at = Date.parse(entry.deployedAt);
            return at >= range.startMs && at <= range.endMs;
          })
          .map(entry => ({
            at: entry.deployedAt,
            revision: entry.revision,
            application: app.name,
            // Argo CD reports images only for what runs now, i.e. for the live revision's deploys.
            ...(entry.revision === app.revision && app.images.length > 0
              ? { images: app.images }
              : {}),
          })),
      );
    } else if (argo.error.kind !== 'not-configured') {
      warnings.push(`Deploy markers unavailable: ${argo.error.message}`);
    }
    const exploreUrl = config.grafana
      ? grafanaExploreUrl(
          config.grafana.url,
          config.grafana.prometheusDatasourceUid,
          [queries.rate, queries.errorRatio, queries.p95],
          range,
        )
      : undefined;
    return {
      value: {
        start: new Date(range.startMs).toISOString(),
        end: new Date(range.endMs).toISOString(),
        stepSeconds,
        series: splitRedMatrix(matrix.value.data),
        deployMarkers,
        ...(exploreUrl ? { exploreUrl } : {}),
        ...(warnings.length ? { warnings } : {}),
      },
      fetchedAt: matrix.fetchedAt,
    };
  }
}
