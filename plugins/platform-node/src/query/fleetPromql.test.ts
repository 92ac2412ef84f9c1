import { buildFleetRedQuery } from './fleetPromql';

describe('buildFleetRedQuery', () => {
  it('reads every workload of the given namespaces in one query, grouped by workload and namespace (Istio)', () => {
    const { query, workloadLabel, namespaceLabel } = buildFleetRedQuery({
      source: 'istio',
      namespaceLabel: 'destination_workload_namespace',
      windowSeconds: 300,
      namespaces: ['msa', 'fleet', 'msa'],
    });
    expect(workloadLabel).toBe('destination_workload');
    expect(namespaceLabel).toBe('destination_workload_namespace');
    expect(query).toContain(
      'sum by (destination_workload, destination_workload_namespace) (rate(istio_requests_total{reporter="destination",destination_workload_namespace=~"fleet|msa"}[300s]))',
    );
    expect(query).toContain('response_code=~"5.."');
    expect(query).toContain(
      'histogram_quantile(0.95, sum by (le, destination_workload, destination_workload_namespace)',
    );
    for (const name of ['rate', 'errorRatio', 'p95']) {
      expect(query).toContain(`"red_series", "${name}"`);
    }
  });

  it('span-metrics are grouped by service name only, and their seconds become milliseconds', () => {
    const { query, namespaceLabel } = buildFleetRedQuery({
      source: 'spanmetrics',
      namespaceLabel: 'namespace',
      windowSeconds: 60,
      namespaces: ['msa'],
    });
    expect(namespaceLabel).toBeUndefined();
    expect(query).toContain(
      'sum by (service_name) (rate(traces_spanmetrics_calls_total{span_kind="SPAN_KIND_SERVER"}[60s]))',
    );
    expect(query).toContain(' * 1000');
    expect(query).not.toContain('msa');
  });

  it.each(['a|b', '.*', 'msa"}', 'Upper', ''])(
    'refuses %j as a namespace: namespaces reach a regex matcher',
    namespace => {
      expect(() =>
        buildFleetRedQuery({
          source: 'istio',
          namespaceLabel: 'namespace',
          windowSeconds: 60,
          namespaces: ['msa', namespace],
        }),
      ).toThrow('is not a Kubernetes namespace name');
    },
  );
});

describe('buildFleetRedQuery for Linkerd', () => {
  it('groups the inbound series by deployment and namespace', () => {
    const { query, workloadLabel, namespaceLabel } = buildFleetRedQuery({
      source: 'linkerd',
      namespaceLabel: 'destination_workload_namespace',
      windowSeconds: 300,
      namespaces: ['msa'],
    });
    expect(workloadLabel).toBe('deployment');
    expect(namespaceLabel).toBe('namespace');
    expect(query).toContain(
      'sum by (deployment, namespace) (rate(request_total{direction="inbound",namespace=~"msa"}[300s]))',
    );
    expect(query).toContain(
      'response_total{direction="inbound",namespace=~"msa",classification="failure"}',
    );
  });
});
