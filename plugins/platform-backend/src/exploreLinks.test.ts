import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import http from 'node:http';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';
import { demoEntity, startFakePlatform } from './__testUtils__/fakePlatform';

// Grafana Explore links of logs and traces with multi-tenant Loki and Tempo: in Grafana each tenant is its own
// datasource, so a link must name the entity tenant's datasource (platform.grafana.lokiDatasourceUids /
// tempoDatasourceUids, or the single uid for the default tenant), and there is no link for a tenant whose
// datasource is not configured.

const LOKI_TENANT = 'platform.paved-road.dev/loki-tenant';
const TEMPO_TENANT = 'platform.paved-road.dev/tempo-tenant';

function entity(name: string, tenant: string): Entity {
  return demoEntity(name, { [LOKI_TENANT]: tenant, [TEMPO_TENANT]: tenant });
}

const path = (name: string, route: string) =>
  `/api/platform/v1/entities/default/component/${name}/${route}`;

/** The datasource uids an Explore link names (state and each query), or undefined without a link. */
function linkDatasources(exploreUrl: string | undefined) {
  if (exploreUrl === undefined) return undefined;
  const url = new URL(exploreUrl);
  expect(`${url.origin}${url.pathname}`).toBe('https://grafana.test/explore');
  const state = JSON.parse(url.searchParams.get('left')!);
  return [
    state.datasource,
    ...state.queries.map(
      (q: { datasource?: { uid: string } }) => q.datasource?.uid,
    ),
  ];
}

describe('Grafana Explore links per tenant', () => {
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let server: http.Server;

  beforeAll(async () => {
    fake = await startFakePlatform();
    const base = fake.config();
    server = await startPlatformBackend({
      config: {
        platform: {
          ...base.platform,
          loki: {
            ...base.platform.loki,
            tenant: 'team-a',
            tenants: ['team-b', 'team-c'],
          },
          tempo: {
            ...base.platform.tempo,
            tenant: 'team-a',
            tenants: ['team-b', 'team-c'],
          },
          grafana: {
            url: 'https://grafana.test',
            lokiDatasourceUid: 'loki-team-a',
            lokiDatasourceUids: { 'team-b': 'loki-team-b' },
            tempoDatasourceUids: {
              'team-a': 'tempo-team-a',
              'team-b': 'tempo-team-b',
            },
          },
        },
      },
      entities: [
        demoEntity(),
        entity('team-b-svc', 'team-b'),
        entity('team-c-svc', 'team-c'),
      ],
    });
  });

  afterAll(async () => {
    await fake.close();
  });

  const links = async (name: string) => {
    const logs = await request(server).get(path(name, 'logs')).expect(200);
    const traces = await request(server).get(path(name, 'traces')).expect(200);
    expect([logs.body.ok, traces.body.ok]).toEqual([true, true]);
    return {
      logs: linkDatasources(logs.body.value.exploreUrl),
      traces: linkDatasources(traces.body.value.exploreUrl),
    };
  };

  it('links an annotated tenant to its own datasource', async () => {
    expect(await links('team-b-svc')).toEqual({
      logs: ['loki-team-b', 'loki-team-b'],
      traces: ['tempo-team-b', 'tempo-team-b'],
    });
  });

  it('links the default tenant to its per-tenant uid, else the single uid', async () => {
    expect(await links('msa-nginx')).toEqual({
      logs: ['loki-team-a', 'loki-team-a'],
      traces: ['tempo-team-a', 'tempo-team-a'],
    });
  });

  it('omits the link for a tenant without a configured datasource, keeping the data', async () => {
    const logs = await request(server)
      .get(path('team-c-svc', 'logs'))
      .expect(200);
    const traces = await request(server)
      .get(path('team-c-svc', 'traces'))
      .expect(200);
    expect(logs.body.value.lines.length).toBeGreaterThan(0);
    expect(traces.body.value.traces.length).toBeGreaterThan(0);
    expect(logs.body.value).not.toHaveProperty('exploreUrl');
    expect(traces.body.value).not.toHaveProperty('exploreUrl');
  });
});
