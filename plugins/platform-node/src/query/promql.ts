import { LABEL_NAME_PATTERN } from './names';
import { quoteGoString } from './goString';
import { RedSource, redFamily } from './redFamily';

/** One PromQL label matcher. @public */
export interface PromMatcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/**
 * Formats a PromQL vector selector's matcher list, `{a="x",b=~"y"}`, quoting every value.
 *
 * @public
 */
export function formatPromMatchers(matchers: PromMatcher[]): string {
  return `{${matchers
    .map(({ name, op, value }) => {
      if (!LABEL_NAME_PATTERN.test(name)) {
        throw new Error(`Invalid label name '${name}'`);
      }
      return `${name}${op}${quoteGoString(value)}`;
    })
    .join(',')}}`;
}

/** @public */
export interface RedQueryInput {
  /**
   * `istio`: istio_requests_total / istio_request_duration_milliseconds_bucket; `spanmetrics`: Tempo span-metrics;
   * `linkerd`: Linkerd's inbound request_total / response_total / response_latency_ms_bucket.
   */
  source: RedSource;
  /** destination_workload (Istio), deployment (Linkerd) or service_name (span-metrics). */
  workload: string;
  /** The workload's namespace; matched through `namespaceLabel` (Istio), `namespace` (Linkerd); span-metrics carry none. */
  namespace?: string;
  namespaceLabel: string;
  /** The rate() window in seconds. */
  windowSeconds: number;
}

/** The three RED queries plus one query returning all three, told apart by the `red_series` label. @public */
export interface RedQueries {
  rate: string;
  errorRatio: string;
  p95: string;
  combined: string;
}

/** Label that tells the series of {@link RedQueries.combined} apart. @public */
export const RED_SERIES_LABEL = 'red_series';

/**
 * Builds rate (req/s), error ratio (5xx or span error share) and p95 latency (ms) for one workload.
 *
 * @public
 */
export function buildRedQueries(input: RedQueryInput): RedQueries {
  if (!Number.isInteger(input.windowSeconds) || input.windowSeconds <= 0) {
    throw new Error('windowSeconds must be a positive whole number');
  }
  const window = `[${input.windowSeconds}s]`;
  const family = redFamily(input.source, input.namespaceLabel);
  const base: PromMatcher[] = [
    ...family.base,
    { name: family.workloadLabel, op: '=', value: input.workload },
  ];
  if (input.namespace !== undefined && family.namespaceLabel) {
    base.push({ name: family.namespaceLabel, op: '=', value: input.namespace });
  }
  const requests = `${family.requests}${formatPromMatchers(base)}`;
  const errors = `${family.failedMetric ?? family.requests}${formatPromMatchers(
    [...base, family.failed],
  )}`;
  const buckets = `${family.buckets}${formatPromMatchers(base)}`;
  const toMs = family.toMs;
  const rate = `sum(rate(${requests}${window}))`;
  // `or vector(0)`: no error series at all means a ratio of 0, not a gap.
  const errorRatio = `(sum(rate(${errors}${window})) or vector(0)) / ${rate}`;
  const p95 = `histogram_quantile(0.95, sum by (le) (rate(${buckets}${window})))${toMs}`;
  const tag = (query: string, name: string) =>
    `label_replace(${query}, "${RED_SERIES_LABEL}", "${name}", "", "")`;
  return {
    rate,
    errorRatio,
    p95,
    combined: `${tag(rate, 'rate')} or ${tag(
      errorRatio,
      'errorRatio',
    )} or ${tag(p95, 'p95')}`,
  };
}
