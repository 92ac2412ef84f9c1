import request from 'supertest';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';
import { captureLogger } from './__testUtils__/captureLogger';
import {
  ERROR_TRACE_ID,
  SECRETS,
  demoEntity,
  startFakePlatform,
} from './__testUtils__/fakePlatform';
import { FakeWebSocket } from './__testUtils__/fakeServer';
import { permissionsDenying } from './__testUtils__/permissions';

const BASE = '/api/platform/v1/entities/default/component/msa-nginx';
const READ_ROUTES = [
  'health',
  'argocd',
  'alerts',
  'metrics',
  'logs',
  'traces',
  `traces/${ERROR_TRACE_ID}`,
  'builds',
];

describe('platform routes', () => {
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let server: http.Server;
  let denied: Set<string>;
  let tailSocket: ((s: FakeWebSocket) => void) | undefined;
  const log = captureLogger();

  beforeAll(async () => {
    fake = await startFakePlatform({ onLokiTail: s => tailSocket?.(s) });
    server = await startPlatformBackend({
      config: fake.config({ cacheTtlSeconds: 30 }),
      entities: [demoEntity()],
      logger: log.logger,
      features: [permissionsDenying(() => denied).factory],
    });
  });

  beforeEach(() => {
    denied = new Set();
  });

  afterAll(async () => {
    await fake.close();
  });

  it('health: all sources in parallel, one verdict with reasons', async () => {
    const res = await request(server).get(`${BASE}/health`).expect(200);
    expect(res.body.sources.argocd).toMatchObject({
      ok: true,
      value: { applications: [{ name: 'msa-nginx', syncStatus: 'Synced' }] },
    });
    expect(res.body.sources.alerts.ok).toBe(true);
    expect(res.body.sources.metrics.ok).toBe(true);
    expect(res.body.sources.builds.ok).toBe(true);
    // The fixture alert is critical and firing.
    expect(res.body.verdict).toBe('failing');
    expect(res.body.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'alerts', verdict: 'failing' }),
        expect.objectContaining({ source: 'argocd', verdict: 'healthy' }),
      ]),
    );
  });

  it('argocd: summary with history and deep link', async () => {
    const res = await request(server).get(`${BASE}/argocd`).expect(200);
    const [app] = res.body.value.applications;
    expect(app).toMatchObject({
      instance: 'main',
      project: 'default',
      healthStatus: 'Healthy',
      images: ['harbor.sandbox.local/msa/msa-nginx:7'],
    });
    expect(app.history[0]).toMatchObject({ id: 1, revision: 'c0ffee' });
    expect(app.webUrl).toBe(
      `${fake.servers.argocd.url}/applications/argocd/msa-nginx`,
    );
    const req = fake.servers.argocd.requests.find(
      r => r.path === '/api/v1/applications',
    )!;
    expect(req.query.get('name')).toBe('msa-nginx');
    expect(req.query.getAll('projects')).toEqual(['default']);
  });

  it('alerts: Alertmanager states plus pending rules, filtered with the pinned namespace', async () => {
    const res = await request(server).get(`${BASE}/alerts`).expect(200);
    const states = res.body.value.alerts.map(
      (a: any) => `${a.name}:${a.state}`,
    );
    expect(states).toEqual(
      expect.arrayContaining([
        'MsaNginxAlwaysFiring:firing',
        'MsaNginxAlwaysFiring:silenced',
        'HighLatencyP95:pending',
      ]),
    );
    expect(res.body.value.rules.map((r: any) => r.name)).toEqual([
      'MsaNginxAlwaysFiring',
      'HighLatencyP95',
    ]);
    const am = fake.servers.alertmanager.requests.find(
      r => r.path === '/api/v2/alerts',
    )!;
    expect(am.query.getAll('filter')).toEqual([
      'namespace="msa"',
      'service="msa-nginx"',
    ]);
    expect(am.headers.authorization).toBe(`Bearer ${SECRETS.alertmanager}`);
  });

  it('metrics: three RED series from one query, NaN as null, deploy markers', async () => {
    const res = await request(server)
      .get(`${BASE}/metrics?start=now-2h&stepSeconds=60`)
      .expect(200);
    const value = res.body.value;
    expect(value.series.map((s: any) => [s.name, s.unit])).toEqual([
      ['rate', 'req/s'],
      ['errorRatio', 'ratio'],
      ['p95', 'ms'],
    ]);
    expect(value.series[2].points[0][1]).toBeNull();
    // The live revision's marker carries the images (the build) it runs.
    expect(value.deployMarkers).toEqual([
      expect.objectContaining({
        revision: 'c0ffee',
        application: 'msa-nginx',
        images: ['harbor.sandbox.local/msa/msa-nginx:7'],
      }),
    ]);
    const q = fake.servers.prometheus.requests
      .filter(r => r.path === '/api/v1/query_range')
      .pop()!;
    expect(q.query.get('query')).toContain('destination_workload="msa-nginx"');
    expect(q.query.get('step')).toBe('60');
  });

  it('logs: server cap, tenant, pinned namespace, parsed level and trace id per line', async () => {
    const res = await request(server)
      .get(
        `${BASE}/logs?limit=5000&level=error&text=${encodeURIComponent(
          '"} or {x="',
        )}`,
      )
      .expect(200);
    expect(res.body.value.limit).toBe(500);
    expect(res.body.value.lines.length).toBeGreaterThan(0);
    for (const line of res.body.value.lines) {
      expect(line.level).toBe('error');
      expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
    }
    const q = fake.servers.loki.requests.find(
      r => r.path === '/loki/api/v1/query_range',
    )!;
    expect(q.headers['x-scope-orgid']).toBe('team-a');
    expect(q.headers['x-loki-response-encoding-flags']).toBe(
      'categorize-labels',
    );
    expect(q.query.get('limit')).toBe('500');
    // one query per place a level can be (labels/structured metadata, then the text), both with the escaped text
    const queries = fake.servers.loki.requests
      .filter(r => r.path === '/loki/api/v1/query_range')
      .map(r => r.query.get('query'))
      .sort();
    expect(queries).toEqual([
      expect.stringMatching(
        /^\{namespace="msa", app="msa-nginx"\} \|= "\\"} or \{x=\\"" \| detected_level=~/,
      ),
      expect.stringMatching(
        /^\{namespace="msa", app="msa-nginx"\} \|= "\\"} or \{x=\\"" \|~ /,
      ),
    ]);
  });

  it('traces: search summaries, and a trace with normalised hex spans', async () => {
    const list = await request(server)
      .get(`${BASE}/traces?errorsOnly=true&minDurationMs=100&limit=10`)
      .expect(200);
    expect(list.body.value.traces[0].traceId).toMatch(/^[0-9a-f]{32}$/);
    const q = fake.servers.tempo.requests.find(r => r.path === '/api/search')!;
    expect(q.query.get('q')).toBe(
      '{ resource.service.name = "msa-nginx" && resource.k8s.namespace.name = "msa" && status = error && duration > 100ms }',
    );
    const trace = await request(server)
      .get(`${BASE}/traces/${ERROR_TRACE_ID.toUpperCase()}`)
      .expect(200);
    const spans = trace.body.value.spans;
    expect(spans.map((s: any) => s.serviceName)).toEqual([
      'msa-nginx',
      'login-js',
    ]);
    expect(spans[1]).toMatchObject({
      parentSpanId: spans[0].spanId,
      status: 'error',
      statusMessage: 'database connection refused',
      kind: 'server',
      durationNs: 600_000_000,
    });
    expect(trace.body.value.withheldSpans).toBe(0);
  });

  it('traces/:traceId: unknown id is a not-found result', async () => {
    const res = await request(server)
      .get(`${BASE}/traces/abcdef0123456789`)
      .expect(200);
    expect(res.body).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'not-found' }),
    });
  });

  it('builds: running build and results', async () => {
    const res = await request(server).get(`${BASE}/builds`).expect(200);
    expect(res.body.value).toMatchObject({
      jobFullName: 'msa/msa-nginx',
      instance: 'ci',
    });
    expect(res.body.value.builds.map((b: any) => b.result)).toEqual([
      'RUNNING',
      'SUCCESS',
    ]);
    expect(fake.servers.jenkins.requests[0].headers.authorization).toMatch(
      /^Basic /,
    );
  });

  it.each(READ_ROUTES)(
    '%s: 404 for an entity that does not exist or is not visible',
    async route => {
      const res = await request(server)
        .get(`/api/platform/v1/entities/default/component/ghost/${route}`)
        .expect(404);
      expect(res.body.error.name).toBe('NotFoundError');
    },
  );

  it.each(READ_ROUTES)(
    '%s: 403 when platform.entity.read is denied',
    async route => {
      denied.add('platform.entity.read');
      const res = await request(server).get(`${BASE}/${route}`).expect(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    },
  );

  it('tail: 403 when denied, 404 when missing', async () => {
    denied.add('platform.entity.read');
    await request(server).get(`${BASE}/logs/tail`).expect(403);
    await request(server)
      .get('/api/platform/v1/entities/default/component/ghost/logs/tail')
      .expect(404);
  });

  it('sync: allowed user starts a sync', async () => {
    const res = await request(server).post(`${BASE}/argocd/sync`).expect(200);
    expect(res.body.application).toMatchObject({
      name: 'msa-nginx',
      syncStatus: 'OutOfSync',
      healthStatus: 'Progressing',
    });
    const sync = fake.servers.argocd.requests.find(r =>
      r.path.endsWith('/sync'),
    )!;
    expect(JSON.parse(sync.body)).toEqual({
      name: 'msa-nginx',
      project: 'default',
    });
  });

  it('sync: 403 when platform.argocd.sync is denied (read allowed), no upstream call', async () => {
    denied.add('platform.argocd.sync');
    const before = fake.servers.argocd.requests.length;
    await request(server).post(`${BASE}/argocd/sync`).expect(403);
    await request(server)
      .post('/api/platform/v1/entities/default/component/ghost/argocd/sync')
      .expect(404);
    expect(fake.servers.argocd.requests.length).toBe(before);
  });

  it('sync: an operation already running is a 409, an unreachable Argo CD a 503, without secrets', async () => {
    fake.overrides.argocd = req =>
      req.path.endsWith('/sync')
        ? {
            status: 400,
            body: {
              error: 'another operation is already in progress',
              code: 9,
              message: 'another operation is already in progress',
            },
          }
        : undefined;
    const conflict = await request(server)
      .post(`${BASE}/argocd/sync`)
      .expect(409);
    expect(conflict.body.error.message).toContain(
      'another operation is already in progress',
    );
    fake.overrides.argocd = () => ({ destroy: true });
    const down = await request(server).post(`${BASE}/argocd/sync`).expect(503);
    expect(down.text).not.toContain(SECRETS.argocd);
    fake.overrides.argocd = () => ({
      status: 200,
      contentType: 'text/html',
      body: '<html>login</html>',
    });
    await request(server).post(`${BASE}/argocd/sync`).expect(502);
    delete fake.overrides.argocd;
  });

  it.each([
    [
      'metrics?stepSeconds=0',
      'stepSeconds must be a whole number from 1 to 86400',
    ],
    ['metrics?start=yesterday', 'ISO-8601'],
    ['metrics?start=now&end=now-1h', 'start must be before end'],
    ['logs?limit=abc', 'limit must be a whole number'],
    ['logs?level=loud', 'level must be among'],
    ['logs?direction=up', 'direction must be backward or forward'],
    ['logs?traceId=xyz', 'traceId must be 16-32 hex digits'],
    [
      'logs?query=%7Bapp%3D%22x%22%7D',
      'unknown parameter(s) query; allowed: start, end, limit, direction, level, text, traceId',
    ],
    ['traces?errorsOnly=yes', 'errorsOnly must be true or false'],
    ['traces/not-hex', 'traceId must be 1-32 hex digits'],
    ['alerts?x=1', 'unknown parameter(s) x'],
  ])('400 for %s', async (path, message) => {
    const res = await request(server).get(`${BASE}/${path}`).expect(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(message);
  });

  it('tail: streams SSE lines from the Loki WebSocket and closes upstream when the client goes', async () => {
    let upstreamClosed: Promise<void> | undefined;
    let tailQuery: string | null = null;
    tailSocket = socket => {
      tailQuery = socket.url.searchParams.get('query');
      upstreamClosed = socket.closed;
      socket.sendText(
        JSON.stringify({
          streams: [
            {
              stream: { app: 'msa-nginx', namespace: 'msa' },
              values: [
                [
                  '1795252750759000000',
                  '{"level":"error","msg":"boom","trace_id":"6e986f11460e73b8f24bf9cffd44383a"}',
                ],
              ],
            },
          ],
          dropped_entries: null,
        }),
      );
    };
    const { port } = server.address() as AddressInfo;
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get(
        `http://127.0.0.1:${port}${BASE}/logs/tail?level=error`,
        res => {
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          let text = '';
          res.on('data', chunk => {
            text += chunk;
            if (text.includes('event: lines')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', e =>
        e.message.includes('socket hang up') ? undefined : reject(e),
      );
    });
    const data = JSON.parse(
      received.split('event: lines\ndata: ')[1].split('\n')[0],
    );
    expect(data.lines[0]).toMatchObject({
      level: 'error',
      traceId: '6e986f11460e73b8f24bf9cffd44383a',
    });
    expect(tailQuery).toContain('{namespace="msa", app="msa-nginx"}');
    await upstreamClosed;
    tailSocket = undefined;
  });

  it('never puts a credential in a response or a log line', async () => {
    const bodies: string[] = [];
    for (const route of [...READ_ROUTES, 'logs?level=warn']) {
      bodies.push((await request(server).get(`${BASE}/${route}`)).text);
    }
    bodies.push((await request(server).post(`${BASE}/argocd/sync`)).text);
    for (const secret of Object.values(SECRETS)) {
      for (const text of [...bodies, ...log.lines]) {
        expect(text).not.toContain(secret);
      }
    }
  });
});
