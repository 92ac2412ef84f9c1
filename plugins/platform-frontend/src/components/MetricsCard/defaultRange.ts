import { MetricsValue } from '@paved-road/backstage-plugin-platform-common';
import { TIME_RANGES } from '../common/TimeRangeSelect';

/**
 * The shortest preset range that still shows all of the data, when the data is younger than half of the
 * `current` range (a service started ten minutes ago fills a "Last hour" chart a sixth). Undefined when the
 * current range fits or there is no data at all.
 */
export function rangeFittingData(
  value: MetricsValue,
  current: string,
): string | undefined {
  const currentSeconds = TIME_RANGES.find(r => r.value === current)?.seconds;
  if (!currentSeconds) return undefined;
  let first = Infinity;
  for (const series of value.series) {
    const point = series.points.find(p => p[1] !== null);
    if (point && point[0] < first) first = point[0];
  }
  if (!Number.isFinite(first)) return undefined;
  const age = Date.parse(value.end) / 1000 - first;
  if (age >= currentSeconds / 2) return undefined;
  const fitting = TIME_RANGES.find(r => r.seconds >= age);
  return fitting && fitting.seconds < currentSeconds
    ? fitting.value
    : undefined;
}
