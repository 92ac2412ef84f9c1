import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import http from 'node:http';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';
import { demoEntity, startFakePlatform } from './__testUtils__/fakePlatform';

// The Argo CD API path (platform.argocd.source: api): `argocd/app-namespace` becomes the `appNamespace`
// parameter of a request made with the backend's own token, so it is bounded by
// platform.argocd.allowedAppNamespaces (default: platform.argocd.kubernetesNamespace only). The Kubernetes
// path is covered in argocdKubernetes.test.ts.

function entity(name: string, appNamespace: string): Entity {
  return demoEntity(name, { 'argocd/app-namespace': appNamespace });
}

const path = (name: string, route: string) =>
  `/api/platform/v1/entities/default/component/${name}/${route}`;

describe('Argo CD app namespace bound, Argo CD API', () => {
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let closedByDefault: http.Server;
  let configured: http.Server;
  const entities = [
    demoEntity(),
    entity('in-argocd', 'argocd'),
    entity('team-apps', 'team-apps'),
    entity('star', '*'),
  ];

  beforeAll(async () => {
    fake = await startFakePlatform();
    const base = fake.config();
    closedByDefault = await startPlatformBackend({ config: base, entities });
    configured = await startPlatformBackend({
      config: {
        platform: {
          ...base.platform,
          argocd: {
            ...base.platform.argocd,
            allowedAppNamespaces: ['argocd', 'team-*'],
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

  const appNamespaces = () =>
    fake.servers.argocd.requests.map(r => r.query.get('appNamespace'));

  it('unset: the Argo CD namespace (or no annotation) is read, with appNamespace only when annotated', async () => {
    await request(closedByDefault)
      .get(path('msa-nginx', 'argocd'))
      .expect(200, /"ok":true/);
    await request(closedByDefault)
      .get(path('in-argocd', 'argocd'))
      .expect(200, /"ok":true/);
    expect(appNamespaces()).toEqual([null, 'argocd']);
  });

  it('unset: another namespace is forbidden, naming the annotation, the value and what is allowed; nothing is sent', async () => {
    const res = await request(closedByDefault)
      .get(path('team-apps', 'argocd'))
      .expect(200);
    expect(res.body).toEqual({
      ok: false,
      error: {
        kind: 'forbidden',
        message: expect.stringMatching(
          /^Namespace 'team-apps' \(from the argocd\/app-namespace annotation\) is not allowed: platform\.argocd\.allowedAppNamespaces allows argocd; /,
        ),
      },
    });
    const health = await request(closedByDefault)
      .get(path('team-apps', 'health'))
      .expect(200);
    expect(health.body.sources.argocd.error.kind).toBe('forbidden');
    expect(health.body.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'argocd', verdict: 'unknown' }),
      ]),
    );
    // Deploy markers come from Argo CD too: not read either, and said so.
    const metrics = await request(closedByDefault)
      .get(path('team-apps', 'metrics'))
      .expect(200);
    expect(metrics.body.value.warnings).toEqual([
      expect.stringContaining(
        "Deploy markers unavailable: Namespace 'team-apps'",
      ),
    ]);
    expect(fake.servers.argocd.requests).toEqual([]);
  });

  it('sync of a refused namespace is a 403 with the reason and sends nothing', async () => {
    const res = await request(closedByDefault)
      .post(path('team-apps', 'argocd/sync'))
      .expect(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        'platform.argocd.allowedAppNamespaces allows argocd',
      ),
    });
    expect(fake.servers.argocd.requests).toEqual([]);
  });

  it('configured: a namespace matching a glob is read with that appNamespace, a malformed one never is', async () => {
    await request(configured)
      .get(path('team-apps', 'argocd'))
      .expect(200, /"ok":true/);
    const sync = await request(configured)
      .post(path('team-apps', 'argocd/sync'))
      .expect(200);
    expect(sync.body.application.name).toBe('msa-nginx');
    const star = await request(configured)
      .get(path('star', 'argocd'))
      .expect(200);
    expect(star.body.error).toEqual({
      kind: 'forbidden',
      message: expect.stringContaining('is not a Kubernetes namespace name'),
    });
    expect(appNamespaces()).toEqual(['team-apps', null]);
    expect(JSON.parse(fake.servers.argocd.requests[1].body)).toMatchObject({
      name: 'msa-nginx',
      appNamespace: 'team-apps',
    });
  });
});
