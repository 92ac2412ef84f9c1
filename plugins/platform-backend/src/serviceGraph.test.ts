import request from 'supertest';
import http from 'node:http';
import { demoEntity, startFakePlatform } from './__testUtils__/fakePlatform';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';

const BASE = '/api/platform/v1/entities/default/component/login-js';

function edge(
  direction: 'in' | 'out',
  series: string,
  peer: Record<string, string>,
  value: string,
) {
  return {
    metric: { red_series: series, edge_direction: direction, ...peer },
    value: [1_700_000_000, value],
  };
}

describe('GET .../service-graph', () => {
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let server: http.Server;

  beforeAll(async () => {
    fake = await startFakePlatform();
    const entity = demoEntity('login-js');
    entity.metadata.annotations = {
      'backstage.io/kubernetes-id': 'login-js',
      'backstage.io/kubernetes-namespace': 'msa',
    };
    server = await startPlatformBackend({
      config: fake.config(),
      entities: [entity],
    });
  });

  afterAll(() => fake.close());

  beforeEach(() => fake.reset());

  it("answers the workload's callers and callees from one query pinned to its namespace", async () => {
    const nginx = {
      source_workload: 'msa-nginx',
      source_workload_namespace: 'msa',
    };
    const outside = {
      source_workload: 'unknown',
      source_workload_namespace: 'unknown',
    };
    const db = {
      destination_workload: 'users-db',
      destination_workload_namespace: 'data',
    };
    fake.overrides.prometheus = req =>
      req.path === '/api/v1/query'
        ? {
            body: {
              status: 'success',
              data: {
                resultType: 'vector',
                result: [
                  edge('in', 'rate', nginx, '4.5'),
                  edge('in', 'errorRatio', nginx, '0.02'),
                  edge('in', 'p95', nginx, '35'),
                  edge('in', 'rate', outside, '0.5'),
                  edge('in', 'p95', outside, 'NaN'),
                  edge('out', 'rate', db, '9'),
                ],
              },
            },
          }
        : undefined;
    const res = await request(server).get(`${BASE}/service-graph`).expect(200);
    expect(res.body).toEqual({
      ok: true,
      value: {
        workload: 'login-js',
        namespace: 'msa',
        metrics: 'istio',
        windowSeconds: 300,
        callers: [
          {
            peer: { workload: 'msa-nginx', namespace: 'msa', external: false },
            rate: 4.5,
            errorRatio: 0.02,
            p95Ms: 35,
          },
          {
            peer: { workload: 'unknown', namespace: 'unknown', external: true },
            rate: 0.5,
            errorRatio: null,
            p95Ms: null,
          },
        ],
        callees: [
          {
            peer: { workload: 'users-db', namespace: 'data', external: false },
            rate: 9,
            errorRatio: null,
            p95Ms: null,
          },
        ],
      },
      fetchedAt: expect.any(String),
    });
    const [query] = fake.servers.prometheus.requests;
    expect(query.path).toBe('/api/v1/query');
    const promql = query.query.get('query')!;
    expect(promql).toContain(
      'destination_workload="login-js",destination_workload_namespace="msa"',
    );
    expect(promql).toContain(
      'source_workload="login-js",source_workload_namespace="msa"',
    );
  });

  it('a Prometheus that is down degrades this card only', async () => {
    fake.modes.prometheus = 'down';
    const res = await request(server).get(`${BASE}/service-graph`).expect(200);
    expect(res.body).toMatchObject({
      ok: false,
      error: { kind: 'unreachable' },
    });
  });

  it('takes no query parameters', async () => {
    const res = await request(server)
      .get(`${BASE}/service-graph?depth=2`)
      .expect(400);
    expect(res.body.error.message).toContain('unknown parameter(s) depth');
  });
});
