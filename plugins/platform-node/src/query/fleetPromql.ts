import { DNS_1123_LABEL_PATTERN } from './names';
import { PromMatcher, RED_SERIES_LABEL, formatPromMatchers } from './promql';
import { RedSource, redFamily } from './redFamily';

/** @public */
export interface FleetRedQueryInput {
  /** As `platform.prometheus.redSource`. */
  source: RedSource;
  /** The label holding a workload's namespace (Istio only: span-metrics carry none). */
  namespaceLabel: string;
  /** The rate() window in seconds. */
  windowSeconds: number;
  /** The entities' namespaces (each already inside the operator's bound): the query reads only those. */
  namespaces: string[];
}

/** One instant query for the RED metrics of every workload, and the labels that say which workload a series is. @public */
export interface FleetRedQuery {
  /** The rate, error ratio and p95 of every workload, told apart by the `red_series` label. */
  query: string;
  workloadLabel: string;
  /** Undefined for span-metrics, which carry no namespace. */
  namespaceLabel?: string;
}

/**
 * The fleet view's RED query: rate (req/s), error ratio and p95 (ms) of every workload in the given namespaces,
 * grouped by workload (and namespace), in one request. Each entity then takes the series of exactly its own
 * workload and namespace, so the grouping never shows one entity another's data.
 *
 * @public
 */
export function buildFleetRedQuery(input: FleetRedQueryInput): FleetRedQuery {
  if (!Number.isInteger(input.windowSeconds) || input.windowSeconds <= 0) {
    throw new Error('windowSeconds must be a positive whole number');
  }
  const bad = input.namespaces.find(ns => !DNS_1123_LABEL_PATTERN.test(ns));
  if (bad !== undefined) {
    // Namespaces reach a regex matcher: only DNS labels, which hold no regex syntax.
    throw new Error(`'${bad}' is not a Kubernetes namespace name`);
  }
  const window = `[${input.windowSeconds}s]`;
  const family = redFamily(input.source, input.namespaceLabel);
  const { workloadLabel, namespaceLabel, toMs } = family;
  const base: PromMatcher[] = [...family.base];
  if (namespaceLabel && input.namespaces.length > 0) {
    base.push({
      name: namespaceLabel,
      op: '=~',
      value: [...new Set(input.namespaces)].sort().join('|'),
    });
  }
  const requests = family.requests;
  const buckets = family.buckets;
  const by = namespaceLabel ? [workloadLabel, namespaceLabel] : [workloadLabel];
  const group = by.join(', ');
  const rate = `sum by (${group}) (rate(${requests}${formatPromMatchers(
    base,
  )}${window}))`;
  const errors = `sum by (${group}) (rate(${
    family.failedMetric ?? requests
  }${formatPromMatchers([...base, family.failed])}${window}))`;
  // A workload without any error series has a ratio of 0, not a gap: `or` fills it from its rate.
  const errorRatio = `(${errors} / ${rate}) or (${rate} * 0)`;
  const p95 = `histogram_quantile(0.95, sum by (le, ${group}) (rate(${buckets}${formatPromMatchers(
    base,
  )}${window})))${toMs}`;
  const tag = (query: string, name: string) =>
    `label_replace(${query}, "${RED_SERIES_LABEL}", "${name}", "", "")`;
  return {
    query: `${tag(rate, 'rate')} or ${tag(errorRatio, 'errorRatio')} or ${tag(
      p95,
      'p95',
    )}`,
    workloadLabel,
    namespaceLabel,
  };
}
