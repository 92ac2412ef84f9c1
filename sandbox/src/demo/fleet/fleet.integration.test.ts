/**
 * `--fleet 500` end to end: every generated component has its Argo CD application, its Jenkins job with a last
 * build, its series in the real Prometheus, and the erroring ones fire alerts into Alertmanager.
 */
import { startSandbox, type Sandbox } from '../../sandbox.ts';
import { FREE_PORTS, tempDir, waitFor } from '../../testing/helpers.ts';
import { ensurePeerBinaries } from '../../peers/binaries.ts';
import { CREDENTIALS } from '../../credentials.ts';

jest.setTimeout(150_000);

const SIZE = 500;

describe('the generated fleet in a running sandbox', () => {
  let sandbox: Sandbox | undefined;
  const tmp = tempDir('sandbox-fleet-test-');
  beforeAll(async () => {
    const bins = await ensurePeerBinaries(true, () => undefined);
    if (!bins.prometheus || !bins.alertmanager) {
      // eslint-disable-next-line no-console
      console.warn(`SKIPPED fleet integration test: ${bins.reason}`);
      return;
    }
    sandbox = await startSandbox({
      stateDir: tmp.dir,
      ports: FREE_PORTS,
      fleet: SIZE,
      meshes: ['istio', 'linkerd'],
      timings: { scrapeIntervalS: 1, alertForSeconds: 2 },
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
    tmp.cleanup();
  });

  const names = Array.from(
    { length: SIZE },
    (_, i) => `fleet-${String(i + 1).padStart(4, '0')}`,
  );

  it('starts with every component in Argo CD and Jenkins', async () => {
    if (!sandbox) return;
    const apps = await (
      await fetch(
        `${sandbox.endpoints.argocd}/api/v1/applications?${new URLSearchParams({
          selector: 'app.kubernetes.io/part-of=fleet',
        })}`,
        {
          headers: { Authorization: `Bearer ${CREDENTIALS.argocd.token}` },
        },
      )
    ).json();
    const byName = new Map<string, any>(
      apps.items.map((a: any) => [a.metadata.name, a]),
    );
    expect([...byName.keys()].sort()).toEqual(names);
    const fleet = sandbox.fleet!.fleet;
    for (const c of fleet.components) {
      const app = byName.get(c.name);
      expect([app.status.sync.status, app.status.health.status]).toEqual([
        c.sync,
        c.health,
      ]);
      expect(app.spec.destination.namespace).toBe(c.namespace);
    }
    const auth = `Basic ${Buffer.from(
      `${CREDENTIALS.jenkins.username}:${CREDENTIALS.jenkins.apiToken}`,
    ).toString('base64')}`;
    // one tree read for the whole folder, as the portal's fleet view reads Jenkins
    const tree = await (
      await fetch(
        `${
          sandbox.endpoints.jenkins
        }/job/fleet/api/json?tree=${encodeURIComponent(
          'jobs[name,lastBuild[number,result]]',
        )}`,
        { headers: { Authorization: auth } },
      )
    ).json();
    expect(
      tree.jobs
        .map(
          (j: any) => `${j.name}:${j.lastBuild?.number}:${j.lastBuild?.result}`,
        )
        .sort(),
    ).toEqual(fleet.components.map(c => `${c.name}:2:${c.lastBuild.result}`));
    const failed = fleet.components.filter(
      c => c.lastBuild.result === 'FAILURE',
    );
    const last = await (
      await fetch(
        `${sandbox.endpoints.jenkins}/job/fleet/job/${failed[0].name}/lastBuild/api/json`,
        { headers: { Authorization: auth } },
      )
    ).json();
    expect(last.result).toBe('FAILURE');
  });

  it('has every component in Prometheus (Istio and Linkerd) and fires alerts for the erroring ones', async () => {
    if (!sandbox) return;
    const prom = sandbox.endpoints.prometheus as string;
    const count = async (q: string) => {
      const body = await (
        await fetch(`${prom}/api/v1/query?${new URLSearchParams({ query: q })}`)
      ).json();
      return Number(body.data.result[0]?.value[1] ?? 0);
    };
    const istio = await waitFor(
      async () => {
        const n = await count(
          'count(count by (destination_workload_namespace, destination_workload) (istio_requests_total{reporter="destination", destination_workload=~"fleet-.*"}))',
        );
        return n === SIZE ? n : undefined;
      },
      30_000,
      1000,
    ).catch(() => -1);
    expect(istio).toBe(SIZE);
    expect(
      await count(
        'count(count by (namespace, deployment) (response_total{direction="inbound", deployment=~"fleet-.*"}))',
      ),
    ).toBe(SIZE);
    const erroring = sandbox
      .fleet!.fleet.components.filter(c => c.profile === 'erroring')
      .map(c => c.name)
      .sort();
    const am = sandbox.endpoints.alertmanager as string;
    const firing = await waitFor(
      async () => {
        const alerts = (await (
          await fetch(
            `${am}/api/v2/alerts?${new URLSearchParams({
              filter: 'alertname="HighErrorRatio"',
            })}`,
          )
        ).json()) as any[];
        const fleetAlerts = alerts
          .map(a => a.labels.service as string)
          .filter(s => s.startsWith('fleet-'))
          .sort();
        return fleetAlerts.join() === erroring.join() ? fleetAlerts : undefined;
      },
      90_000,
      2000,
    ).catch(() => undefined);
    expect(firing).toEqual(erroring);
  });
});
