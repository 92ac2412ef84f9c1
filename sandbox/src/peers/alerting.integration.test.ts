/**
 * Starts the whole sandbox on ephemeral ports, with the real Prometheus and Alertmanager, and waits for
 * HighErrorRatio (driven by the demo's error burst at start) to reach Alertmanager's /api/v2/alerts; then reads
 * the Istio, Linkerd and Tempo service-graph families the demo feeds Prometheus.
 */
import { startSandbox, type Sandbox } from '../sandbox.ts';
import {
  FREE_PORTS,
  fixture,
  shapeDiff,
  tempDir,
  waitFor,
} from '../testing/helpers.ts';
import { ensurePeerBinaries } from './binaries.ts';

jest.setTimeout(120_000);

/** Replaces every `labels`/`annotations` map by {} (their keys depend on the rule, not on the API). */
function withoutSets(v: any): any {
  if (Array.isArray(v)) return v.map(withoutSets);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [
        k,
        k === 'labels' || k === 'annotations' ? {} : withoutSets(x),
      ]),
    );
  }
  return v;
}

describe('alerting through the real Prometheus and Alertmanager', () => {
  let sandbox: Sandbox | undefined;
  const tmp = tempDir('sandbox-peers-test-');
  let skipReason: string | undefined;

  beforeAll(async () => {
    const bins = await ensurePeerBinaries(true, () => undefined);
    if (!bins.prometheus || !bins.alertmanager) {
      skipReason = bins.reason ?? 'prometheus/alertmanager not available';
      // eslint-disable-next-line no-console
      console.warn(`SKIPPED alerting integration test: ${skipReason}`);
      return;
    }
    sandbox = await startSandbox({
      stateDir: tmp.dir,
      ports: FREE_PORTS,
      // Both meshes: the rules read Istio's family, the tests below every family.
      meshes: ['istio', 'linkerd'],
      timings: { scrapeIntervalS: 1, alertForSeconds: 2, demoRate: 20 },
      bursts: {
        atStart: true,
        lengthMs: 60_000,
        everyMs: 300_000,
        errorRate: 0.5,
      },
    });
  });

  afterAll(async () => {
    await sandbox?.stop();
    tmp.cleanup();
  });

  it('fires HighErrorRatio into Alertmanager /api/v2/alerts within 60 s', async () => {
    if (!sandbox) return;
    expect(Object.keys(sandbox.endpoints).sort()).toEqual([
      'alertmanager',
      'argocd',
      'elasticsearch',
      'git',
      'jenkins',
      'kubernetes',
      'loki',
      'prometheus',
      'tempo',
    ]);
    const am = sandbox.endpoints.alertmanager as string;
    const started = Date.now();
    const alerts = await waitFor(
      async () => {
        const list = (await (
          await fetch(`${am}/api/v2/alerts`)
        ).json()) as any[];
        return list.some(a => a.labels.alertname === 'HighErrorRatio')
          ? list
          : undefined;
      },
      60_000,
      1000,
    );
    const alert = alerts.find(a => a.labels.alertname === 'HighErrorRatio');
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(alert.labels).toMatchObject({
      severity: 'critical',
      namespace: 'msa',
    });
    expect(['msa-nginx', 'login-js']).toContain(alert.labels.service);
    expect(Object.keys(alert.annotations).sort()).toEqual([
      'description',
      'runbook_url',
      'summary',
    ]);
    expect(alert.receivers).toEqual([{ name: 'null' }]);
    // label and annotation sets differ by rule; everything else must match the recorded 0.25 shape
    expect(
      shapeDiff(
        withoutSets(alerts),
        withoutSets(fixture('alertmanager/alerts.json').response.body),
        true,
      ),
    ).toEqual([]);

    const filtered = await (
      await fetch(
        `${am}/api/v2/alerts?${new URLSearchParams({
          filter: `service="${alert.labels.service}"`,
        })}`,
      )
    ).json();
    expect(filtered.length).toBeGreaterThan(0);

    const rules = await (
      await fetch(`${sandbox.endpoints.prometheus}/api/v1/rules?type=alert`)
    ).json();
    expect(
      shapeDiff(
        withoutSets(rules),
        withoutSets(fixture('prometheus/rules-alert.json').response.body),
      ),
    ).toEqual([]);
    const group = rules.data.groups.find((g: any) => g.name === 'msa-red');
    expect(group.rules.map((r: any) => r.name)).toEqual([
      'HighErrorRatio',
      'HighLatencyP95',
      'TargetDown',
    ]);

    const up = await (
      await fetch(
        `${
          sandbox.endpoints.prometheus
        }/api/v1/query?query=${encodeURIComponent(
          'sum by (destination_workload) (istio_requests_total{reporter="destination"})',
        )}`,
      )
    ).json();
    expect(
      up.data.result.map((r: any) => r.metric.destination_workload).sort(),
    ).toEqual(['login-js', 'msa-nginx']);

    // An hour of history was written before Prometheus started (peers/backfill.ts): 45 minutes ago, both
    // services served requests.
    const past = await (
      await fetch(
        `${
          sandbox.endpoints.prometheus
        }/api/v1/query?query=${encodeURIComponent(
          'sum by (destination_workload) (rate(istio_requests_total{reporter="destination"}[5m] offset 45m))',
        )}`,
      )
    ).json();
    expect(
      past.data.result.map((r: any) => r.metric.destination_workload).sort(),
    ).toEqual(['login-js', 'msa-nginx']);
    for (const r of past.data.result)
      expect(Number(r.value[1])).toBeGreaterThan(0);
  });

  it('correlates demo logs in Loki with traces in Tempo by trace id', async () => {
    if (!sandbox) return;
    const loki = sandbox.endpoints.loki as string;
    const res = await waitFor(
      async () => {
        // login-js logs the OTLP way: its trace id is structured metadata, not JSON text
        const r = await (
          await fetch(
            `${loki}/loki/api/v1/query_range?${new URLSearchParams({
              query:
                '{namespace="msa", app="login-js"} | detected_level="error"',
              limit: '5',
            })}`,
            {
              headers: {
                'X-Loki-Response-Encoding-Flags': 'categorize-labels',
              },
            },
          )
        ).json();
        return r.data.result.length ? r : undefined;
      },
      10_000,
      500,
    );
    const traceId = res.data.result[0].values[0][2].structuredMetadata
      .trace_id as string;
    const servicesOf = (trace: any): string[] =>
      trace.batches
        .map(
          (b: any) =>
            b.resource.attributes.find((a: any) => a.key === 'service.name')
              .value.stringValue,
        )
        .sort();
    // The caller's span (msa-nginx) ends after the callee's and is shipped in a later batch: wait for both.
    const trace = await waitFor(
      async () => {
        const r = await fetch(
          `${sandbox!.endpoints.tempo}/api/traces/${traceId}`,
        );
        const body = r.status === 200 ? await r.json() : undefined;
        return body && servicesOf(body).length > 1 ? body : undefined;
      },
      // The caller's batch ships on the demo's flush interval; on a loaded CI machine 10 s was once not enough.
      30_000,
      250,
    ).catch(() => undefined);
    expect(trace && servicesOf(trace)).toEqual(['login-js', 'msa-nginx']);
  });

  // istio, linkerd and the Tempo service graph in Prometheus: each family answers the PromQL the portal reads
  // it with, and all three describe the same calls (msa-nginx -> login-js, plus callers from outside).
  async function query(promql: string): Promise<any[]> {
    const r = await fetch(
      `${sandbox!.endpoints.prometheus}/api/v1/query?${new URLSearchParams({
        query: promql,
      })}`,
    );
    const body = await r.json();
    if (body.status !== 'success') throw new Error(JSON.stringify(body));
    return body.data.result;
  }

  /** Waits until the query returns every expected key (from `key(metric)`). */
  async function edges(
    promql: string,
    key: (m: Record<string, string>) => string,
    expected: string[],
  ): Promise<string[]> {
    let last: string[] = [];
    await waitFor(
      async () => {
        last = (await query(promql)).map(r => key(r.metric)).sort();
        return expected.every(e => last.includes(e)) ? last : undefined;
      },
      45_000,
      1000,
    ).catch(() => undefined);
    return last;
  }

  it('Istio: who calls whom, by source and destination workload and namespace', async () => {
    if (!sandbox) return;
    const got = await edges(
      'sum by (source_workload, source_workload_namespace, destination_workload, destination_workload_namespace) (rate(istio_requests_total{reporter="destination"}[1m]))',
      m =>
        `${m.source_workload}.${m.source_workload_namespace} -> ${m.destination_workload}.${m.destination_workload_namespace}`,
      [
        'istio-ingressgateway.istio-system -> msa-nginx.msa',
        'msa-nginx.msa -> login-js.msa',
        'unknown.unknown -> login-js.msa',
      ],
    );
    expect(got).toEqual([
      'istio-ingressgateway.istio-system -> msa-nginx.msa',
      'msa-nginx.msa -> login-js.msa',
      'unknown.unknown -> login-js.msa',
    ]);
    // the caller's sidecar reports the same edge
    const source = await query(
      'sum by (source_workload, destination_workload) (istio_requests_total{reporter="source"})',
    );
    expect(
      source.map(
        r => `${r.metric.source_workload}>${r.metric.destination_workload}`,
      ),
    ).toEqual(['msa-nginx>login-js']);
  });

  it('Tempo service graph: client -> server from the spans, outside callers as the virtual node "user"', async () => {
    if (!sandbox) return;
    const got = await edges(
      'sum by (client, server, connection_type) (rate(traces_service_graph_request_total[1m]))',
      m => `${m.client} -> ${m.server} ${m.connection_type ?? '-'}`,
      [
        'msa-nginx -> login-js -',
        'user -> login-js virtual_node',
        'user -> msa-nginx virtual_node',
      ],
    );
    expect(got).toEqual([
      'msa-nginx -> login-js -',
      'user -> login-js virtual_node',
      'user -> msa-nginx virtual_node',
    ]);
    const p95 = await query(
      'histogram_quantile(0.95, sum by (le, client, server) (rate(traces_service_graph_request_server_seconds_bucket{client="msa-nginx", server="login-js"}[1m])))',
    );
    expect(p95).toHaveLength(1);
    expect(Number(p95[0].value[1])).toBeGreaterThan(0);
  });

  it('Linkerd: inbound RED by deployment and namespace, outbound edges by dst_deployment and dst_namespace', async () => {
    if (!sandbox) return;
    const inbound = await edges(
      'sum by (namespace, deployment) (rate(response_total{direction="inbound"}[1m]))',
      m => `${m.deployment}.${m.namespace}`,
      ['login-js.msa', 'msa-nginx.msa'],
    );
    expect(inbound).toEqual(['login-js.msa', 'msa-nginx.msa']);
    const outbound = await edges(
      'sum by (deployment, namespace, dst_deployment, dst_namespace) (rate(response_total{direction="outbound"}[1m]))',
      m =>
        `${m.deployment}.${m.namespace} -> ${m.dst_deployment}.${m.dst_namespace}`,
      ['msa-nginx.msa -> login-js.msa'],
    );
    expect(outbound).toEqual(['msa-nginx.msa -> login-js.msa']);
    const p95 = await query(
      'histogram_quantile(0.95, sum by (le, deployment) (rate(response_latency_ms_bucket{direction="inbound", namespace="msa"}[1m])))',
    );
    expect(p95.map(r => r.metric.deployment).sort()).toEqual([
      'login-js',
      'msa-nginx',
    ]);
  });
});
