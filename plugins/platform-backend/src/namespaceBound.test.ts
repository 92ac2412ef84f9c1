import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import http from 'node:http';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';
import { captureLogger } from './__testUtils__/captureLogger';
import {
  ERROR_TRACE_ID,
  demoEntity,
  startFakePlatform,
} from './__testUtils__/fakePlatform';

// A catalog-info.yaml names the namespace its logs, alerts, metrics and traces come from. With
// platform.scope.allowedNamespaces set, anything outside the bound is a `forbidden` result and no upstream
// query is sent, whatever the annotation holds.

const ADVERSARIAL: Record<string, string> = {
  'other-team': 'team-b',
  glob: 'svc-*',
  star: '*',
  regex: '.*',
  unicode: 'ms\u0430',
  'zero-width': 'msa\u200b',
  'query-breaker': 'msa"} or {namespace="team-b',
  empty: '',
};

function entity(
  name: string,
  namespaceAnnotation: string | undefined,
  owner?: string,
): Entity {
  const base = demoEntity(name);
  const annotations = { ...base.metadata.annotations };
  if (namespaceAnnotation === undefined)
    delete annotations['backstage.io/kubernetes-namespace'];
  else annotations['backstage.io/kubernetes-namespace'] = namespaceAnnotation;
  return {
    ...base,
    metadata: { ...base.metadata, annotations },
    spec: { ...base.spec, ...(owner ? { owner } : {}) },
  };
}

const SCOPED_ROUTES = [
  'logs',
  'alerts',
  'metrics',
  'traces',
  `traces/${ERROR_TRACE_ID}`,
];
const SCOPED_SYSTEMS = ['loki', 'prometheus', 'alertmanager', 'tempo'] as const;

describe('namespace bound (platform.scope.allowedNamespaces / namespacesByOwner)', () => {
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let server: http.Server;
  let byOwnerServer: http.Server;
  const log = captureLogger();

  beforeAll(async () => {
    fake = await startFakePlatform();
    const base = fake.config({ cacheTtlSeconds: 0 });
    const entities = [
      demoEntity(),
      entity('svc-abc', 'svc-abc'),
      ...Object.entries(ADVERSARIAL).map(([name, value]) =>
        entity(`adv-${name}`, value),
      ),
      entity('team-a-web', 'team-a-web', 'group:default/team-a'),
      entity('team-a-sneaky', 'msa', 'team-a'),
      entity('unlisted-owner', 'msa', 'group:default/team-z'),
    ];
    const scope = {
      ...base.platform.scope,
      tempoNamespaceAttribute: 'k8s.namespace.name',
    };
    server = await startPlatformBackend({
      config: {
        platform: {
          ...base.platform,
          scope: { ...scope, allowedNamespaces: ['msa', 'svc-*'] },
        },
      },
      entities,
      logger: log.logger,
    });
    byOwnerServer = await startPlatformBackend({
      config: {
        platform: {
          ...base.platform,
          scope: {
            ...scope,
            namespacesByOwner: {
              'group:default/team': ['msa'],
              'group:default/team-a': ['team-a-*'],
            },
          },
        },
      },
      entities,
    });
  });

  beforeEach(() => fake.reset());

  afterAll(async () => {
    await fake.close();
  });

  const scopedRequests = () =>
    SCOPED_SYSTEMS.flatMap(system => fake.servers[system].requests);

  it.each(Object.keys(ADVERSARIAL))(
    '%s: every namespace-scoped route is forbidden, and nothing is queried',
    async name => {
      for (const route of SCOPED_ROUTES) {
        const res = await request(server)
          .get(
            `/api/platform/v1/entities/default/component/adv-${name}/${route}`,
          )
          .expect(200);
        expect(res.body).toEqual({
          ok: false,
          error: {
            kind: 'forbidden',
            message: expect.stringMatching(
              /^Namespace '.*' \(.*\) is (not allowed|not a Kubernetes namespace name)/,
            ),
          },
        });
      }
      const tail = await request(server)
        .get(
          `/api/platform/v1/entities/default/component/adv-${name}/logs/tail`,
        )
        .expect(200);
      expect(tail.text).toMatch(
        /event: error\ndata: \{"kind":"forbidden","message":"Namespace /,
      );
      const health = await request(server)
        .get(`/api/platform/v1/entities/default/component/adv-${name}/health`)
        .expect(200);
      expect(health.body.sources.alerts.error.kind).toBe('forbidden');
      expect(health.body.sources.metrics.error.kind).toBe('forbidden');
      expect(health.body.reasons).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ source: 'metrics', verdict: 'unknown' }),
        ]),
      );
      // Not namespace-scoped: still read.
      expect(health.body.sources.argocd.ok).toBe(true);
      expect(health.body.sources.builds.ok).toBe(true);
      expect(scopedRequests()).toEqual([]);
    },
  );

  it('names the namespace and the key that would allow it', async () => {
    const res = await request(server)
      .get('/api/platform/v1/entities/default/component/adv-other-team/logs')
      .expect(200);
    expect(res.body.error.message).toBe(
      "Namespace 'team-b' (from the backstage.io/kubernetes-namespace annotation) is not allowed: platform.scope.allowedNamespaces allows msa, svc-*",
    );
    const empty = await request(server)
      .get('/api/platform/v1/entities/default/component/adv-empty/logs')
      .expect(200);
    expect(empty.body.error.message).toMatch(
      /^Namespace 'default' \(the entity's catalog namespace/,
    );
  });

  it('an allowed namespace (exact or glob) is read and pinned into the queries', async () => {
    await request(server)
      .get('/api/platform/v1/entities/default/component/msa-nginx/logs')
      .expect(200, /"ok":true/);
    const res = await request(server)
      .get('/api/platform/v1/entities/default/component/svc-abc/logs')
      .expect(200);
    expect(res.body.ok).toBe(true);
    const queries = fake.servers.loki.requests.map(r => r.query.get('query'));
    expect(queries).toEqual([
      expect.stringMatching(/^\{namespace="msa", app="msa-nginx"\}/),
      expect.stringMatching(/^\{namespace="svc-abc", app="msa-nginx"\}/),
    ]);
    await request(server)
      .get('/api/platform/v1/entities/default/component/svc-abc/traces')
      .expect(200, /"ok":true/);
    expect(fake.servers.tempo.requests[0].query.get('q')).toContain(
      'resource.k8s.namespace.name = "svc-abc"',
    );
  });

  it('namespacesByOwner: an owner reads its own namespaces only', async () => {
    const get = (name: string) =>
      request(byOwnerServer)
        .get(`/api/platform/v1/entities/default/component/${name}/logs`)
        .expect(200);
    expect((await get('msa-nginx')).body.ok).toBe(true);
    expect((await get('team-a-web')).body.ok).toBe(true);
    expect((await get('team-a-sneaky')).body.error).toEqual({
      kind: 'forbidden',
      message:
        "Namespace 'msa' (from the backstage.io/kubernetes-namespace annotation) is not allowed for the owner 'group:default/team-a': platform.scope.namespacesByOwner[\"group:default/team-a\"] allows team-a-*",
    });
    expect((await get('unlisted-owner')).body.error.message).toContain(
      "the owner 'group:default/team-z' is not listed in platform.scope.namespacesByOwner",
    );
    expect(fake.servers.loki.requests).toHaveLength(2);
  });

  it('a bounded backend does not warn that the bound is open', () => {
    expect(log.lines.filter(l => /namespace bound is open/.test(l))).toEqual(
      [],
    );
  });
});
