/**
 * Starts the whole sandbox on ephemeral ports, with the real Prometheus and Alertmanager, and waits for
 * HighErrorRatio (driven by the demo's error burst at start) to reach Alertmanager's /api/v2/alerts.
 */
import { startSandbox, type Sandbox } from '../sandbox.ts';
import { fixture, shapeDiff, tempDir, waitFor } from '../testing/helpers.ts';
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

const ALL_ZERO = {
  prometheus: 0,
  alertmanager: 0,
  git: 0,
  argocd: 0,
  jenkins: 0,
  loki: 0,
  tempo: 0,
  kubernetes: 0,
  elasticsearch: 0,
  msaNginx: 0,
  loginJs: 0,
};

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
      ports: ALL_ZERO,
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
      10_000,
      250,
    ).catch(() => undefined);
    expect(trace && servicesOf(trace)).toEqual(['login-js', 'msa-nginx']);
  });
});
