/**
 * Labels of Istio's standard metrics (`istio_requests_total`, `istio_request_duration_milliseconds`) as an
 * Envoy sidecar reports them: `reporter="destination"` from the callee's proxy, `reporter="source"` from the
 * caller's. A caller outside the mesh has no proxy and no identity, so its callee reports it as `unknown`.
 */
import type { Labels } from './metrics.ts';

export interface Workload {
  workload: string;
  namespace: string;
}

/** A caller outside the mesh, as the callee's sidecar labels it. */
export const OUTSIDE_MESH: Workload = {
  workload: 'unknown',
  namespace: 'unknown',
};

/** The ingress gateway of a default Istio install. */
export const INGRESS_GATEWAY: Workload = {
  workload: 'istio-ingressgateway',
  namespace: 'istio-system',
};

/** Istio's default buckets for `istio_request_duration_milliseconds`. */
export const ISTIO_DURATION_BUCKETS_MS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000,
  300000, 600000, 1800000, 3600000,
];

function meshed(w: Workload): boolean {
  return w.workload !== OUTSIDE_MESH.workload;
}

function principal(w: Workload): string {
  return meshed(w)
    ? `spiffe://cluster.local/ns/${w.namespace}/sa/${w.workload}`
    : 'unknown';
}

export function istioLabels(o: {
  reporter: 'source' | 'destination';
  source: Workload;
  destination: Workload;
  responseCode: number;
}): Labels {
  const { source: s, destination: d } = o;
  const mtls = meshed(s) ? 'mutual_tls' : 'none';
  return {
    reporter: o.reporter,
    source_workload: s.workload,
    source_workload_namespace: s.namespace,
    source_principal: principal(s),
    source_app: s.workload,
    source_canonical_service: s.workload,
    source_cluster: meshed(s) ? 'Kubernetes' : 'unknown',
    destination_workload: d.workload,
    destination_workload_namespace: d.namespace,
    destination_principal: principal(d),
    destination_app: d.workload,
    destination_canonical_service: d.workload,
    destination_service: `${d.workload}.${d.namespace}.svc.cluster.local`,
    destination_service_name: d.workload,
    destination_service_namespace: d.namespace,
    destination_cluster: 'Kubernetes',
    request_protocol: 'http',
    response_code: String(o.responseCode),
    response_flags: '-',
    // Only the destination proxy knows whether the connection it accepted was mTLS.
    connection_security_policy: o.reporter === 'destination' ? mtls : 'unknown',
  };
}
