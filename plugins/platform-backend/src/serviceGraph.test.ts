import request from 'supertest';
import http from 'node:http';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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

describe('GET .../service-graph: peers linked to the entities the caller may see, Kiali link', () => {
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let server: http.Server;
  let deniedRefs: Set<string>;

  function component(
    name: string,
    annotations: Record<string, string>,
    namespace = 'default',
  ): Entity {
    const entity = demoEntity(name);
    entity.metadata.namespace = namespace;
    entity.metadata.annotations = annotations;
    return entity;
  }

  beforeAll(async () => {
    fake = await startFakePlatform();
    server = await startPlatformBackend({
      config: {
        platform: {
          // Cached, so the second test reads the edges from the cache.
          ...fake.config({ cacheTtlSeconds: 60 }).platform,
          kiali: { url: 'https://kiali.example.com/kiali/' },
        },
      },
      entities: [
        component('login-js', {
          'backstage.io/kubernetes-id': 'login-js',
          'backstage.io/kubernetes-namespace': 'msa',
        }),
        component('msa-nginx', {
          'backstage.io/kubernetes-id': 'msa-nginx',
          'backstage.io/kubernetes-namespace': 'msa',
        }),
        // The same workload name in another namespace is another component.
        component('msa-nginx-staging', {
          'backstage.io/kubernetes-id': 'msa-nginx',
          'backstage.io/kubernetes-namespace': 'staging',
        }),
        // Its catalog namespace is its Kubernetes namespace (no annotation).
        component(
          'users-db',
          { 'backstage.io/kubernetes-id': 'users-db' },
          'data',
        ),
        component('payments', {
          'backstage.io/kubernetes-id': 'payments',
          'backstage.io/kubernetes-namespace': 'pay',
        }),
      ],
      features: [
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(r => ({
              result: deniedRefs.has((r as any).resourceRef)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            })) as any,
        }).factory,
      ],
    });
  });

  afterAll(() => fake.close());

  beforeEach(() => {
    fake.reset();
    deniedRefs = new Set(['component:default/payments']);
    fake.overrides.prometheus = req =>
      req.path === '/api/v1/query'
        ? {
            body: {
              status: 'success',
              data: {
                resultType: 'vector',
                result: [
                  edge(
                    'in',
                    'rate',
                    {
                      source_workload: 'msa-nginx',
                      source_workload_namespace: 'msa',
                    },
                    '4',
                  ),
                  edge(
                    'in',
                    'rate',
                    {
                      source_workload: 'unknown',
                      source_workload_namespace: 'unknown',
                    },
                    '1',
                  ),
                  edge(
                    'out',
                    'rate',
                    {
                      destination_workload: 'users-db',
                      destination_workload_namespace: 'data',
                    },
                    '3',
                  ),
                  edge(
                    'out',
                    'rate',
                    {
                      destination_workload: 'payments',
                      destination_workload_namespace: 'pay',
                    },
                    '2',
                  ),
                  edge(
                    'out',
                    'rate',
                    {
                      destination_workload: 'mail',
                      destination_workload_namespace: 'msa',
                    },
                    '1',
                  ),
                ],
              },
            },
          }
        : undefined;
  });

  it('links each peer to its entity by kubernetes-id and namespace; one the caller may not see stays unlinked', async () => {
    const res = await request(server).get(`${BASE}/service-graph`).expect(200);
    const peers = (edges: Array<{ peer: unknown }>) => edges.map(e => e.peer);
    expect(peers(res.body.value.callers)).toEqual([
      {
        workload: 'msa-nginx',
        namespace: 'msa',
        external: false,
        entityRef: 'component:default/msa-nginx',
      },
      { workload: 'unknown', namespace: 'unknown', external: true },
    ]);
    expect(peers(res.body.value.callees)).toEqual([
      {
        workload: 'users-db',
        namespace: 'data',
        external: false,
        entityRef: 'component:data/users-db',
      },
      // Denied: exactly as a workload with no entity, so its existence does not leak.
      { workload: 'payments', namespace: 'pay', external: false },
      { workload: 'mail', namespace: 'msa', external: false },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(
      'component:default/payments',
    );
    expect(res.body.value.kialiUrl).toBe(
      'https://kiali.example.com/kiali/console/namespaces/msa/workloads/login-js',
    );
  });

  it('links per request, after the shared cache: the peer is linked once the caller may see it', async () => {
    deniedRefs = new Set();
    const res = await request(server).get(`${BASE}/service-graph`).expect(200);
    expect(fake.servers.prometheus.requests).toHaveLength(0);
    expect(res.body.value.callees[1].peer.entityRef).toBe(
      'component:default/payments',
    );
  });
});
