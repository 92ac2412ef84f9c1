import {
  MetricSeries,
  MetricsValue,
} from '@paved-road/backstage-plugin-platform-common';
import {
  FleetRedQuery,
  PromQueryData,
  RED_SERIES_LABEL,
} from '@paved-road/backstage-plugin-platform-node';

type RedName = MetricSeries['name'];
/** The unit of each RED series. */
export const RED_UNITS: Record<RedName, MetricSeries['unit']> = {
  rate: 'req/s',
  errorRatio: 'ratio',
  p95: 'ms',
};
const NAMES: RedName[] = ['rate', 'errorRatio', 'p95'];

/** The key of one workload in one namespace (no namespace for span-metrics). */
export function workloadKey(workload: string, namespace?: string): string {
  return `${workload}\u0000${namespace ?? ''}`;
}

/**
 * The fleet query's answer as a MetricsValue per workload key: one point per series (the instant), empty when
 * the workload has no such series. Samples of another shape (a matrix, a missing label) are skipped.
 */
export function fleetRedValues(
  data: PromQueryData,
  query: FleetRedQuery,
  windowSeconds: number,
): Map<string, MetricsValue> {
  const out = new Map<string, MetricsValue>();
  if (data.resultType !== 'vector') return out;
  for (const sample of data.result) {
    const metric = sample.metric as Record<string, string | undefined>;
    const name = metric[RED_SERIES_LABEL] as RedName | undefined;
    const workload = metric[query.workloadLabel];
    const namespace = query.namespaceLabel
      ? metric[query.namespaceLabel]
      : undefined;
    if (!name || !NAMES.includes(name) || workload === undefined) continue;
    if (query.namespaceLabel && namespace === undefined) continue;
    const key = workloadKey(workload, namespace);
    let value = out.get(key);
    const [time, text] = sample.value;
    if (!value) {
      value = emptyFleetMetrics(time, windowSeconds);
      out.set(key, value);
    }
    const parsed = Number(text);
    value.series
      .find(s => s.name === name)!
      .points.push([time, Number.isFinite(parsed) ? parsed : null]);
  }
  return out;
}

/** A workload without samples: the three series with no point (the verdict says "no request metrics"). */
export function emptyFleetMetrics(
  timeSeconds: number,
  windowSeconds: number,
): MetricsValue {
  return {
    start: new Date((timeSeconds - windowSeconds) * 1000).toISOString(),
    end: new Date(timeSeconds * 1000).toISOString(),
    stepSeconds: windowSeconds,
    series: NAMES.map(name => ({ name, unit: RED_UNITS[name], points: [] })),
    deployMarkers: [],
  };
}
