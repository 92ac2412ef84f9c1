import { buildServiceGraphQuery } from './serviceGraphPromql';

const input = {
  workload: 'login-js',
  namespace: 'msa',
  namespaceLabel: 'destination_workload_namespace',
  windowSeconds: 300,
};

describe('buildServiceGraphQuery', () => {
  it('Istio: callers and callees of the workload in its own namespace, from the destination and source proxies', () => {
    const q = buildServiceGraphQuery({ ...input, metrics: 'istio' });
    expect(q.query).toContain(
      'sum by (source_workload, source_workload_namespace) (rate(istio_requests_total{reporter="destination",destination_workload="login-js",destination_workload_namespace="msa"}[300s]))',
    );
    expect(q.query).toContain(
      'sum by (destination_workload, destination_workload_namespace) (rate(istio_requests_total{reporter="source",source_workload="login-js",source_workload_namespace="msa"}[300s]))',
    );
    expect(q.callerLabels).toEqual({
      workload: 'source_workload',
      namespace: 'source_workload_namespace',
    });
    expect(q.query.match(/"edge_direction", "in"/g)).toHaveLength(3);
    expect(q.query.match(/"edge_direction", "out"/g)).toHaveLength(3);
  });

  it("Tempo: the generator's client/server service graph, its seconds in milliseconds", () => {
    const q = buildServiceGraphQuery({ ...input, metrics: 'tempo' });
    expect(q.query).toContain(
      'sum by (client) (rate(traces_service_graph_request_total{server="login-js"}[300s]))',
    );
    expect(q.query).toContain(
      'traces_service_graph_request_failed_total{client="login-js"}',
    );
    expect(q.query).toContain(
      'traces_service_graph_request_server_seconds_bucket{server="login-js"}[300s]))) * 1000',
    );
    expect(q.calleeLabels).toEqual({ workload: 'server' });
  });

  it('Linkerd: callers from their own outbound series (inbound ones do not name the caller)', () => {
    const q = buildServiceGraphQuery({ ...input, metrics: 'linkerd' });
    expect(q.query).toContain(
      'sum by (deployment, namespace) (rate(request_total{direction="outbound",dst_deployment="login-js",dst_namespace="msa"}[300s]))',
    );
    expect(q.query).toContain(
      'response_total{direction="outbound",deployment="login-js",namespace="msa",classification="failure"}',
    );
  });

  it('quotes hostile values as PromQL strings', () => {
    const q = buildServiceGraphQuery({
      ...input,
      metrics: 'istio',
      workload: 'x"} or vector(1) or {a="',
    });
    expect(q.query).toContain(
      'destination_workload="x\\"} or vector(1) or {a=\\""',
    );
  });
});
