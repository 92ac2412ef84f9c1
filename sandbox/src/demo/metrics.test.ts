import { parseExposition } from '../peers/backfill.ts';
import { INGRESS_GATEWAY, OUTSIDE_MESH } from './istio.ts';
import { ServiceMetrics } from './metrics.ts';
import { LOGIN_JS, MSA_NGINX } from './services.ts';

function byName(m: ServiceMetrics, name: string) {
  return parseExposition(m.registry.expose()).filter(s => s.name === name);
}

describe('ServiceMetrics exposition', () => {
  it('Istio: the callee reports reporter="destination", the caller reporter="source", with workload and namespace of both', () => {
    const nginx = new ServiceMetrics(MSA_NGINX);
    nginx.inbound({ source: INGRESS_GATEWAY, status: 200, durationMs: 12 });
    nginx.outbound({ destination: LOGIN_JS, status: 500, durationMs: 300 });
    const requests = byName(nginx, 'istio_requests_total');
    expect(requests).toHaveLength(2);
    expect(requests[0].labels).toMatchObject({
      reporter: 'destination',
      source_workload: 'istio-ingressgateway',
      source_workload_namespace: 'istio-system',
      destination_workload: 'msa-nginx',
      destination_workload_namespace: 'msa',
      response_code: '200',
      connection_security_policy: 'mutual_tls',
    });
    expect(requests[1].labels).toMatchObject({
      reporter: 'source',
      source_workload: 'msa-nginx',
      source_workload_namespace: 'msa',
      destination_workload: 'login-js',
      destination_workload_namespace: 'msa',
      destination_service: 'login-js.msa.svc.cluster.local',
      response_code: '500',
    });
    const buckets = byName(nginx, 'istio_request_duration_milliseconds_bucket');
    // Istio's default buckets: 19 bounds plus +Inf, per series
    expect(buckets).toHaveLength(2 * 20);
    expect(
      buckets.find(b => b.labels.reporter === 'source' && b.labels.le === '250')
        ?.value,
    ).toBe(0);
    expect(
      buckets.find(b => b.labels.reporter === 'source' && b.labels.le === '500')
        ?.value,
    ).toBe(1);
    // Linkerd is off by default
    expect(byName(nginx, 'request_total')).toEqual([]);
  });

  it('Istio: a caller outside the mesh is "unknown" without mTLS', () => {
    const login = new ServiceMetrics(LOGIN_JS);
    login.inbound({ source: OUTSIDE_MESH, status: 200, durationMs: 5 });
    expect(byName(login, 'istio_requests_total')[0].labels).toMatchObject({
      reporter: 'destination',
      source_workload: 'unknown',
      source_workload_namespace: 'unknown',
      source_principal: 'unknown',
      connection_security_policy: 'none',
    });
  });

  it('Linkerd: inbound by deployment/namespace, outbound with dst_deployment/dst_namespace, responses classified', () => {
    const nginx = new ServiceMetrics(MSA_NGINX, ['linkerd']);
    nginx.inbound({ source: INGRESS_GATEWAY, status: 200, durationMs: 3.5 });
    nginx.outbound({ destination: LOGIN_JS, status: 503, durationMs: 40 });
    expect(byName(nginx, 'istio_requests_total')).toEqual([]);
    const requests = byName(nginx, 'request_total');
    expect(requests.map(r => r.labels.direction)).toEqual([
      'inbound',
      'outbound',
    ]);
    expect(requests[0].labels).toMatchObject({
      namespace: 'msa',
      deployment: 'msa-nginx',
      tls: 'no_identity',
    });
    expect(requests[0].labels.dst_deployment).toBeUndefined();
    expect(requests[0].labels.status_code).toBeUndefined();
    expect(requests[1].labels).toMatchObject({
      namespace: 'msa',
      deployment: 'msa-nginx',
      dst_deployment: 'login-js',
      dst_namespace: 'msa',
      authority: 'login-js.msa.svc.cluster.local:3000',
      tls: 'true',
    });
    const responses = byName(nginx, 'response_total');
    expect(
      responses.map(r => [
        r.labels.direction,
        r.labels.classification,
        r.labels.status_code,
      ]),
    ).toEqual([
      ['inbound', 'success', '200'],
      ['outbound', 'failure', '503'],
    ]);
    const latency = byName(nginx, 'response_latency_ms_bucket');
    // 25 bounds plus +Inf per series; 3.5 ms falls in le=4 but not le=3
    expect(latency).toHaveLength(2 * 26);
    const inbound = (le: string) =>
      latency.find(b => b.labels.direction === 'inbound' && b.labels.le === le)
        ?.value;
    expect(inbound('3')).toBe(0);
    expect(inbound('4')).toBe(1);
  });

  it('Linkerd: a meshed caller arrives with its identity', () => {
    const login = new ServiceMetrics(LOGIN_JS, ['istio', 'linkerd']);
    login.inbound({ source: MSA_NGINX, status: 200, durationMs: 1 });
    expect(byName(login, 'istio_requests_total')).toHaveLength(1);
    expect(byName(login, 'request_total')[0].labels).toMatchObject({
      direction: 'inbound',
      deployment: 'login-js',
      tls: 'true',
      client_id: 'msa-nginx.msa.serviceaccount.identity.linkerd.cluster.local',
    });
  });

  it('span metrics: server and client spans apart', () => {
    const nginx = new ServiceMetrics(MSA_NGINX);
    nginx.span({
      name: 'GET /api/cart',
      kind: 'SPAN_KIND_SERVER',
      error: false,
      durationMs: 20,
    });
    nginx.span({
      name: 'GET',
      kind: 'SPAN_KIND_CLIENT',
      error: true,
      durationMs: 15,
    });
    expect(
      byName(nginx, 'traces_spanmetrics_calls_total').map(s => s.labels),
    ).toEqual([
      {
        service_name: 'msa-nginx',
        span_name: 'GET /api/cart',
        span_kind: 'SPAN_KIND_SERVER',
        status_code: 'STATUS_CODE_UNSET',
      },
      {
        service_name: 'msa-nginx',
        span_name: 'GET',
        span_kind: 'SPAN_KIND_CLIENT',
        status_code: 'STATUS_CODE_ERROR',
      },
    ]);
  });
});
