import { PromMatcher, RED_SERIES_LABEL, formatPromMatchers } from './promql';

/** Which metrics describe the calls between workloads. @public */
export type ServiceGraphMetrics = 'istio' | 'tempo' | 'linkerd';

/** @public */
export interface ServiceGraphQueryInput {
  metrics: ServiceGraphMetrics;
  workload: string;
  /** The workload's namespace (already inside the operator's bound); Tempo's service graph carries none. */
  namespace: string;
  /** The label holding the destination workload's namespace (Istio). */
  namespaceLabel: string;
  windowSeconds: number;
}

/** Label telling callers' series (`in`) from callees' (`out`) in {@link ServiceGraphQuery.query}. @public */
export const EDGE_DIRECTION_LABEL = 'edge_direction';

/** @public */
export interface ServiceGraphQuery {
  /** Rate, error ratio and p95 of every caller and callee edge, told apart by `red_series` and `edge_direction`. */
  query: string;
  /** The labels naming the peer workload (and its namespace) on callers' and on callees' series. */
  callerLabels: { workload: string; namespace?: string };
  calleeLabels: { workload: string; namespace?: string };
}

interface Family {
  requests: string;
  failed: (base: PromMatcher[]) => string;
  buckets: string;
  toMs: string;
  /** Matchers selecting the calls into the workload, and the labels naming the caller. */
  inbound: PromMatcher[];
  caller: { workload: string; namespace?: string };
  /** Matchers selecting the calls out of the workload, and the labels naming the callee. */
  outbound: PromMatcher[];
  callee: { workload: string; namespace?: string };
}

function family(input: ServiceGraphQueryInput): Family {
  const { workload, namespace } = input;
  const eq = (name: string, value: string): PromMatcher => ({
    name,
    op: '=',
    value,
  });
  switch (input.metrics) {
    case 'istio':
      // Both sides from the destination's proxy: it sees every caller, in the mesh or not ("unknown").
      return {
        requests: 'istio_requests_total',
        failed: base =>
          `istio_requests_total${formatPromMatchers([
            ...base,
            { name: 'response_code', op: '=~', value: '5..' },
          ])}`,
        buckets: 'istio_request_duration_milliseconds_bucket',
        toMs: '',
        inbound: [
          eq('reporter', 'destination'),
          eq('destination_workload', workload),
          eq(input.namespaceLabel, namespace),
        ],
        caller: {
          workload: 'source_workload',
          namespace: 'source_workload_namespace',
        },
        outbound: [
          eq('reporter', 'source'),
          eq('source_workload', workload),
          eq('source_workload_namespace', namespace),
        ],
        callee: {
          workload: 'destination_workload',
          namespace: input.namespaceLabel,
        },
      };
    case 'tempo':
      return {
        requests: 'traces_service_graph_request_total',
        failed: base =>
          `traces_service_graph_request_failed_total${formatPromMatchers(
            base,
          )}`,
        buckets: 'traces_service_graph_request_server_seconds_bucket',
        toMs: ' * 1000',
        inbound: [eq('server', workload)],
        caller: { workload: 'client' },
        outbound: [eq('client', workload)],
        callee: { workload: 'server' },
      };
    default:
      // Linkerd's inbound series do not name the caller's deployment: callers come from their outbound series.
      return {
        requests: 'request_total',
        failed: base =>
          `response_total${formatPromMatchers([
            ...base,
            eq('classification', 'failure'),
          ])}`,
        buckets: 'response_latency_ms_bucket',
        toMs: '',
        inbound: [
          eq('direction', 'outbound'),
          eq('dst_deployment', workload),
          eq('dst_namespace', namespace),
        ],
        caller: { workload: 'deployment', namespace: 'namespace' },
        outbound: [
          eq('direction', 'outbound'),
          eq('deployment', workload),
          eq('namespace', namespace),
        ],
        callee: { workload: 'dst_deployment', namespace: 'dst_namespace' },
      };
  }
}

/**
 * One instant query for a workload's edges: its callers and its callees with rate (req/s), error ratio and
 * p95 (ms) over the window. Every series is pinned to the workload in its own namespace; a peer is only named.
 *
 * @public
 */
export function buildServiceGraphQuery(
  input: ServiceGraphQueryInput,
): ServiceGraphQuery {
  if (!Number.isInteger(input.windowSeconds) || input.windowSeconds <= 0) {
    throw new Error('windowSeconds must be a positive whole number');
  }
  const f = family(input);
  const window = `[${input.windowSeconds}s]`;
  const side = (
    direction: 'in' | 'out',
    base: PromMatcher[],
    peer: { workload: string; namespace?: string },
  ) => {
    const by = [
      peer.workload,
      ...(peer.namespace ? [peer.namespace] : []),
    ].join(', ');
    const rate = `sum by (${by}) (rate(${f.requests}${formatPromMatchers(
      base,
    )}${window}))`;
    const errors = `sum by (${by}) (rate(${f.failed(base)}${window}))`;
    const errorRatio = `(${errors} / ${rate}) or (${rate} * 0)`;
    const p95 = `histogram_quantile(0.95, sum by (le, ${by}) (rate(${
      f.buckets
    }${formatPromMatchers(base)}${window})))${f.toMs}`;
    const tag = (query: string, name: string) =>
      `label_replace(label_replace(${query}, "${RED_SERIES_LABEL}", "${name}", "", ""), "${EDGE_DIRECTION_LABEL}", "${direction}", "", "")`;
    return [tag(rate, 'rate'), tag(errorRatio, 'errorRatio'), tag(p95, 'p95')];
  };
  return {
    query: [
      ...side('in', f.inbound, f.caller),
      ...side('out', f.outbound, f.callee),
    ].join(' or '),
    callerLabels: f.caller,
    calleeLabels: f.callee,
  };
}
