import { buildRedQueries, formatPromMatchers } from './promql';
import { ADVERSARIAL_VALUES, dissect } from './testUtils';

describe('buildRedQueries', () => {
  it('builds Istio RED with reporter, workload and namespace label', () => {
    const q = buildRedQueries({
      source: 'istio',
      workload: 'msa-nginx',
      namespace: 'msa',
      namespaceLabel: 'destination_workload_namespace',
      windowSeconds: 300,
    });
    const sel =
      '{reporter="destination",destination_workload="msa-nginx",destination_workload_namespace="msa"}';
    expect(q.rate).toBe(`sum(rate(istio_requests_total${sel}[300s]))`);
    expect(q.errorRatio).toBe(
      `(sum(rate(istio_requests_total{reporter="destination",destination_workload="msa-nginx",destination_workload_namespace="msa",response_code=~"5.."}[300s])) or vector(0)) / sum(rate(istio_requests_total${sel}[300s]))`,
    );
    expect(q.p95).toBe(
      `histogram_quantile(0.95, sum by (le) (rate(istio_request_duration_milliseconds_bucket${sel}[300s])))`,
    );
    expect(q.combined).toBe(
      `label_replace(${q.rate}, "red_series", "rate", "", "") or label_replace(${q.errorRatio}, "red_series", "errorRatio", "", "") or label_replace(${q.p95}, "red_series", "p95", "", "")`,
    );
  });

  it('builds span-metrics RED in milliseconds', () => {
    const q = buildRedQueries({
      source: 'spanmetrics',
      workload: 'login-js',
      namespaceLabel: 'x',
      namespace: 'ignored',
      windowSeconds: 60,
    });
    expect(q.rate).toBe(
      'sum(rate(traces_spanmetrics_calls_total{span_kind="SPAN_KIND_SERVER",service_name="login-js"}[60s]))',
    );
    expect(q.errorRatio).toContain('status_code="STATUS_CODE_ERROR"');
    expect(q.p95).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(traces_spanmetrics_latency_bucket{span_kind="SPAN_KIND_SERVER",service_name="login-js"}[60s]))) * 1000',
    );
  });

  it.each(ADVERSARIAL_VALUES)(
    'keeps workload/namespace %j inside strings',
    value => {
      const q = buildRedQueries({
        source: 'istio',
        workload: value,
        namespace: value,
        namespaceLabel: 'namespace',
        windowSeconds: 60,
      });
      const { skeleton, literals } = dissect(q.rate);
      expect(skeleton).toBe(
        'sum(rate(istio_requests_total{reporter=S,destination_workload=S,namespace=S}[60s]))',
      );
      expect(literals).toEqual(['destination', value, value]);
      expect(() => dissect(q.combined)).not.toThrow();
    },
  );

  it('refuses a bad label name or window', () => {
    expect(() =>
      formatPromMatchers([{ name: 'a"b', op: '=', value: 'x' }]),
    ).toThrow();
    expect(() =>
      buildRedQueries({
        source: 'istio',
        workload: 'x',
        namespaceLabel: 'n',
        windowSeconds: 0,
      }),
    ).toThrow();
  });
});

describe('buildRedQueries for Linkerd', () => {
  it("reads the serving proxy's inbound series of the deployment in its namespace; failures as Linkerd classifies them", () => {
    const q = buildRedQueries({
      source: 'linkerd',
      workload: 'login-js',
      namespace: 'msa',
      namespaceLabel: 'destination_workload_namespace',
      windowSeconds: 60,
    });
    expect(q.rate).toBe(
      'sum(rate(request_total{direction="inbound",deployment="login-js",namespace="msa"}[60s]))',
    );
    expect(q.errorRatio).toContain(
      'response_total{direction="inbound",deployment="login-js",namespace="msa",classification="failure"}[60s]',
    );
    expect(q.p95).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(response_latency_ms_bucket{direction="inbound",deployment="login-js",namespace="msa"}[60s])))',
    );
  });
});
