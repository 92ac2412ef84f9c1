/**
 * Labels of Linkerd's proxy metrics (`request_total`, `response_total`, `response_latency_ms`) as Prometheus
 * stores them: the proxy exports `direction`, `authority`, `tls`, the response labels and, on outbound traffic,
 * the destination's `dst_*` labels; Linkerd's scrape config adds the pod's `namespace`, `deployment` and `pod`.
 */
import type { Labels } from './metrics.ts';
import type { Workload } from './istio.ts';

/** The proxy's fixed latency bounds (milliseconds). */
export const LINKERD_LATENCY_BUCKETS_MS = [
  1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 100, 200, 300, 400, 500, 1000, 2000, 3000,
  4000, 5000, 10000, 20000, 30000, 40000, 50000,
];

function identity(w: Workload): string {
  return `${w.workload}.${w.namespace}.serviceaccount.identity.linkerd.cluster.local`;
}

function pod(w: Workload): string {
  return `${w.workload}-5d8f7c9b4-x2k9p`;
}

export interface LinkerdRequest {
  /** the pod whose proxy reports */
  self: Workload;
  direction: 'inbound' | 'outbound';
  /** inbound: the caller when it is meshed (else unauthenticated); outbound: the callee */
  peer?: Workload;
  port: number;
}

/** Labels of `request_total` (no response labels). */
export function linkerdRequestLabels(r: LinkerdRequest): Labels {
  const target = r.direction === 'inbound' ? r.self : r.peer;
  const labels: Labels = {
    direction: r.direction,
    authority: target
      ? `${target.workload}.${target.namespace}.svc.cluster.local:${r.port}`
      : '',
    target_addr: `10.42.0.${r.port % 250}:${r.port}`,
    namespace: r.self.namespace,
    deployment: r.self.workload,
    pod: pod(r.self),
  };
  if (r.direction === 'inbound') {
    if (r.peer) {
      labels.tls = 'true';
      labels.client_id = identity(r.peer);
    } else {
      labels.tls = 'no_identity';
      labels.no_tls_reason = 'not_provided_by_remote';
    }
  } else if (r.peer) {
    labels.tls = 'true';
    labels.server_id = identity(r.peer);
    labels.dst_deployment = r.peer.workload;
    labels.dst_namespace = r.peer.namespace;
    labels.dst_service = r.peer.workload;
    labels.dst_pod = pod(r.peer);
    labels.dst_serviceaccount = r.peer.workload;
  }
  return labels;
}

/** Labels of `response_total` and `response_latency_ms`: the request's plus the response classification. */
export function linkerdResponseLabels(
  r: LinkerdRequest,
  statusCode: number,
): Labels {
  return {
    ...linkerdRequestLabels(r),
    status_code: String(statusCode),
    // Linkerd's default HTTP classifier: a 5xx is a failure, everything else a success.
    classification: statusCode >= 500 ? 'failure' : 'success',
  };
}
