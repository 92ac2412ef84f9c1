/* eslint-disable jest/no-conditional-expect -- table-driven cases assert different things per row */
import request from 'supertest';
import http from 'node:http';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';
import { captureLogger } from './__testUtils__/captureLogger';
import {
  ERROR_TRACE_ID,
  FaultMode,
  SECRETS,
  SystemName,
  demoEntity,
  startFakePlatform,
} from './__testUtils__/fakePlatform';

const BASE = '/api/platform/v1/entities/default/component/msa-nginx';
const ROUTES = {
  argocd: 'argocd',
  alerts: 'alerts',
  metrics: 'metrics',
  logs: 'logs',
  traces: 'traces',
  trace: `traces/${ERROR_TRACE_ID}`,
  builds: 'builds',
} as const;
type Route = keyof typeof ROUTES;

// Which routes a failing system takes down; every other route must still answer ok.
const AFFECTED: Record<SystemName, Route[]> = {
  argocd: ['argocd'],
  prometheus: ['metrics'],
  alertmanager: ['alerts'],
  loki: ['logs'],
  tempo: ['traces', 'trace'],
  jenkins: ['builds'],
};

const EXPECTED: Record<
  Exclude<FaultMode, 'ok'>,
  { kind: string; message: RegExp }
> = {
  down: { kind: 'unreachable', message: /cannot connect/ },
  slow: { kind: 'timeout', message: /did not answer within 300 ms/ },
  '500': { kind: 'upstream', message: /answered 500/ },
  html: { kind: 'bad-response', message: /not JSON \(an HTML page\)/ },
  truncated: { kind: 'bad-response', message: /not JSON/ },
  'wrong-shape': { kind: 'bad-response', message: /unexpected shape/ },
};

describe('fault isolation: one failing upstream never fails the others', () => {
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let server: http.Server;
  const log = captureLogger();
  const bodies: string[] = [];

  beforeAll(async () => {
    fake = await startFakePlatform({ slowMs: 900 });
    server = await startPlatformBackend({
      config: fake.config({ timeoutMs: 300, cacheTtlSeconds: 0 }),
      entities: [demoEntity()],
      logger: log.logger,
    });
  });

  afterEach(() => fake.reset());

  afterAll(async () => {
    await fake.close();
  });

  const systems = Object.keys(AFFECTED) as SystemName[];
  const modes = Object.keys(EXPECTED) as Array<Exclude<FaultMode, 'ok'>>;
  const cases = systems.flatMap(system =>
    modes.map(mode => [system, mode] as const),
  );

  it.each(cases)('%s %s', async (system, mode) => {
    fake.modes[system] = mode;
    const results = Object.fromEntries(
      await Promise.all(
        (Object.keys(ROUTES) as Route[]).map(async route => {
          const res = await request(server).get(`${BASE}/${ROUTES[route]}`);
          bodies.push(res.text);
          expect(res.status).toBe(200);
          return [route, res.body] as const;
        }),
      ),
    ) as Record<Route, any>;
    const health = await request(server).get(`${BASE}/health`);
    bodies.push(health.text);
    expect(health.status).toBe(200);

    for (const route of Object.keys(ROUTES) as Route[]) {
      const result = results[route];
      if (AFFECTED[system].includes(route)) {
        expect(result.ok).toBe(false);
        // A Tempo 500 on the trace route is a failure too, but an HTML 200 / bad body is bad-response as well.
        expect(result.error.kind).toBe(EXPECTED[mode].kind);
        expect(result.error.message).toMatch(EXPECTED[mode].message);
      } else {
        expect({ route, ok: result.ok, error: result.error }).toEqual({
          route,
          ok: true,
          error: undefined,
        });
      }
    }
    // Secondary effects are reported as warnings, not failures.
    if (system === 'argocd')
      expect(results.metrics.value.warnings?.[0]).toMatch(
        /Deploy markers unavailable/,
      );
    if (system === 'prometheus')
      expect(results.alerts.value.warnings?.[0]).toMatch(/Prometheus/);
    const healthSource = {
      argocd: 'argocd',
      prometheus: 'metrics',
      alertmanager: 'alerts',
      jenkins: 'builds',
    }[system as string];
    if (healthSource) {
      expect(health.body.sources[healthSource].ok).toBe(false);
      expect(health.body.reasons).toContainEqual(
        expect.objectContaining({ source: healthSource, verdict: 'unknown' }),
      );
    }
  });

  it('a refused port (nothing listening) is unreachable', async () => {
    const closed = await startFakePlatform();
    const urls = closed.config();
    await closed.close();
    const backend = await startPlatformBackend({
      config: { platform: { ...urls.platform, timeoutMs: 300 } },
      entities: [demoEntity()],
    });
    const res = await request(backend).get(`${BASE}/health`).expect(200);
    expect(res.body.sources.argocd.error).toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('ECONNREFUSED'),
    });
    expect(res.body.verdict).toBe('unknown');
    bodies.push(res.text);
  });

  // Runs last (jest keeps declaration order): every body and log line of the suite, faults included.
  it('never put a credential in any response body or log line', () => {
    expect(bodies.length).toBeGreaterThan(200);
    for (const secret of Object.values(SECRETS)) {
      for (const text of [...bodies, ...log.lines]) {
        expect(text).not.toContain(secret);
      }
    }
  });
});
