import { PromMatcher } from './promql';

/** Where RED metrics come from: Istio's proxies, Tempo's span-metrics, or Linkerd's proxies. @public */
export type RedSource = 'istio' | 'spanmetrics' | 'linkerd';

/** One family of request metrics, as the RED queries read it. */
export interface RedFamily {
  requests: string;
  buckets: string;
  /** Matchers every series of the family is read with (the serving side only). */
  base: PromMatcher[];
  /** The extra matcher that selects failed requests. */
  failed: PromMatcher;
  /** The failed requests' metric, when it is not `requests`. */
  failedMetric?: string;
  /** Appended to the p95 to make milliseconds. */
  toMs: string;
  workloadLabel: string;
  /** Undefined for span-metrics, which carry no namespace. */
  namespaceLabel?: string;
}

/** The metric names and labels of a RED source; `namespaceLabel` is the configured one for Istio. */
export function redFamily(
  source: RedSource,
  namespaceLabel: string,
): RedFamily {
  switch (source) {
    case 'istio':
      return {
        requests: 'istio_requests_total',
        buckets: 'istio_request_duration_milliseconds_bucket',
        base: [{ name: 'reporter', op: '=', value: 'destination' }],
        failed: { name: 'response_code', op: '=~', value: '5..' },
        toMs: '',
        workloadLabel: 'destination_workload',
        namespaceLabel,
      };
    case 'linkerd':
      // The serving proxy's inbound side; a failure is what Linkerd classifies as one (5xx, gRPC errors).
      return {
        requests: 'request_total',
        buckets: 'response_latency_ms_bucket',
        base: [{ name: 'direction', op: '=', value: 'inbound' }],
        failed: { name: 'classification', op: '=', value: 'failure' },
        failedMetric: 'response_total',
        toMs: '',
        workloadLabel: 'deployment',
        namespaceLabel: 'namespace',
      };
    default:
      return {
        requests: 'traces_spanmetrics_calls_total',
        buckets: 'traces_spanmetrics_latency_bucket',
        base: [{ name: 'span_kind', op: '=', value: 'SPAN_KIND_SERVER' }],
        failed: { name: 'status_code', op: '=', value: 'STATUS_CODE_ERROR' },
        // span-metrics buckets are in seconds
        toMs: ' * 1000',
        workloadLabel: 'service_name',
      };
  }
}
