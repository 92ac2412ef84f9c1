import { LABEL_NAME_PATTERN } from './names';
import { quoteGoString } from './goString';

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
  /** `istio`: istio_requests_total / istio_request_duration_milliseconds_bucket; `spanmetrics`: Tempo span-metrics. */
  source: 'istio' | 'spanmetrics';
  /** destination_workload (Istio) or service_name (span-metrics). */
  workload: string;
  /** The workload's namespace; matched through `namespaceLabel` (Istio only: span-metrics carry none). */
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
  let requests: string;
  let errors: string;
  let buckets: string;
  let toMs = '';
  if (input.source === 'istio') {
    const base: PromMatcher[] = [
      { name: 'reporter', op: '=', value: 'destination' },
      { name: 'destination_workload', op: '=', value: input.workload },
    ];
    if (input.namespace !== undefined) {
      base.push({
        name: input.namespaceLabel,
        op: '=',
        value: input.namespace,
      });
    }
    requests = `istio_requests_total${formatPromMatchers(base)}`;
    errors = `istio_requests_total${formatPromMatchers([
      ...base,
      { name: 'response_code', op: '=~', value: '5..' },
    ])}`;
    buckets = `istio_request_duration_milliseconds_bucket${formatPromMatchers(
      base,
    )}`;
  } else {
    const base: PromMatcher[] = [
      { name: 'service_name', op: '=', value: input.workload },
      { name: 'span_kind', op: '=', value: 'SPAN_KIND_SERVER' },
    ];
    requests = `traces_spanmetrics_calls_total${formatPromMatchers(base)}`;
    errors = `traces_spanmetrics_calls_total${formatPromMatchers([
      ...base,
      { name: 'status_code', op: '=', value: 'STATUS_CODE_ERROR' },
    ])}`;
    buckets = `traces_spanmetrics_latency_bucket${formatPromMatchers(base)}`;
    // span-metrics buckets are in seconds
    toMs = ' * 1000';
  }
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
