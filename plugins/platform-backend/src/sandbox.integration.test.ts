import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';
import { demoEntity } from './__testUtils__/fakePlatform';

// Against the real sandbox: real Prometheus + Alertmanager scraping the demo services, with an error burst
// on login-js so HighErrorRatio fires. Starts child processes and takes about a minute, so it runs only on
// request: PLATFORM_SANDBOX_IT=1 yarn backstage-cli repo test plugins/platform-backend/src/sandbox.integration.test.ts
const SANDBOX_INDEX = path.resolve(__dirname, '../../../sandbox/src/index.ts');
function skipReason(): string | undefined {
  if (!fs.existsSync(SANDBOX_INDEX))
    return 'sandbox/src/index.ts does not exist yet';
  if (!process.env.PLATFORM_SANDBOX_IT) {
    return 'set PLATFORM_SANDBOX_IT=1 to run against the sandbox (starts real Prometheus and Alertmanager)';
  }
  return undefined;
}
const reason = skipReason();

if (reason) {
  // eslint-disable-next-line no-console
  console.info(`Skipping the sandbox integration test: ${reason}`);
}

(reason ? describe.skip : describe)('against the sandbox', () => {
  jest.setTimeout(180_000);
  let sandbox: any;

  beforeAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startSandbox, DEFAULT_PORTS } = require(SANDBOX_INDEX);
    sandbox = await startSandbox({
      stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'platform-it-')),
      ports: Object.fromEntries(Object.keys(DEFAULT_PORTS).map(k => [k, 0])),
      installPeers: false,
      timings: { scrapeIntervalS: 1, alertForSeconds: 1 },
      bursts: {
        atStart: true,
        lengthMs: 120_000,
        everyMs: 240_000,
        errorRate: 0.9,
      },
      log: () => undefined,
    });
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('shows the firing HighErrorRatio alert and RED metrics of login-js', async () => {
    const { endpoints } = sandbox;
    expect(endpoints.prometheus).toBeDefined();
    expect(endpoints.alertmanager).toBeDefined();
    const entity = demoEntity('login-js');
    entity.metadata.annotations = {
      'prometheus.io/labels': 'service=login-js',
      'backstage.io/kubernetes-id': 'login-js',
      'backstage.io/kubernetes-namespace': 'msa',
    };
    const server = await startPlatformBackend({
      config: {
        platform: {
          cacheTtlSeconds: 0,
          scope: { alertNamespaceLabel: 'namespace' },
          prometheus: { url: endpoints.prometheus },
          alertmanager: { url: endpoints.alertmanager },
        },
      },
      entities: [entity],
    });
    const base = '/api/platform/v1/entities/default/component/login-js';
    let alerts: any;
    for (let i = 0; i < 120; i++) {
      alerts = (await request(server).get(`${base}/alerts`).expect(200)).body;
      if (
        alerts.ok &&
        alerts.value.alerts.some(
          (a: any) => a.name === 'HighErrorRatio' && a.state === 'firing',
        )
      )
        break;
      await new Promise(r => setTimeout(r, 1000));
    }
    expect(alerts.value.alerts).toContainEqual(
      expect.objectContaining({ name: 'HighErrorRatio', state: 'firing' }),
    );
    expect(alerts.value.rules.map((r: any) => r.name)).toContain(
      'HighErrorRatio',
    );
    // The range end is aligned down to the step, so the first points appear one step after traffic starts.
    let rate: any[] = [];
    for (let i = 0; i < 60 && rate.length === 0; i++) {
      const metrics = (
        await request(server)
          .get(`${base}/metrics?start=now-5m&stepSeconds=5`)
          .expect(200)
      ).body;
      expect(metrics.ok).toBe(true);
      rate = metrics.value.series.find((s: any) => s.name === 'rate').points;
      if (rate.length === 0) await new Promise(r => setTimeout(r, 1000));
    }
    expect(rate.length).toBeGreaterThan(0);
    const health = (await request(server).get(`${base}/health`).expect(200))
      .body;
    expect(['degraded', 'failing']).toContain(health.verdict);
  });
});
