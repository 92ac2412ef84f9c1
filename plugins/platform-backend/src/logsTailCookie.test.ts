import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import http from 'node:http';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';
import { demoEntity, startFakePlatform } from './__testUtils__/fakePlatform';

// A browser's EventSource cannot send an Authorization header: the live tail (and only the live tail) also
// accepts the Backstage user cookie, which holds a limited user token. Requests carry no credentials unless a
// test sets them (the test backend's default caller is "none" here).

const ENTITY = '/api/platform/v1/entities/default/component/other-tenant';

// A tenant outside platform.loki.tenants: the tail answers one `forbidden` event and ends, without a socket.
function otherTenant(): Entity {
  return demoEntity('other-tenant', {
    'platform.paved-road.dev/loki-tenant': 'team-z',
  });
}

describe('logs/tail authentication', () => {
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let server: http.Server;

  beforeAll(async () => {
    fake = await startFakePlatform();
    server = await startPlatformBackend({
      config: fake.config({ cacheTtlSeconds: 0 }),
      entities: [otherTenant()],
      features: [
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
  });

  afterAll(async () => {
    await fake.close();
  });

  function expectTailStream(res: request.Response) {
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.text).toMatch(/event: error\ndata: \{"kind":"forbidden"/);
  }

  it('streams for the Backstage user cookie', async () => {
    const res = await request(server)
      .get(`${ENTITY}/logs/tail`)
      .set('Cookie', mockCredentials.limitedUser.cookie())
      .expect(200);
    expectTailStream(res);
  });

  it('streams for a user token in the Authorization header', async () => {
    const res = await request(server)
      .get(`${ENTITY}/logs/tail`)
      .set('Authorization', mockCredentials.user.header())
      .expect(200);
    expectTailStream(res);
  });

  it('refuses a caller with no credentials, or with an invalid cookie', async () => {
    await request(server).get(`${ENTITY}/logs/tail`).expect(401);
    await request(server)
      .get(`${ENTITY}/logs/tail`)
      .set('Cookie', mockCredentials.limitedUser.invalidCookie())
      .expect(401);
  });

  it('accepts the cookie on no other route', async () => {
    for (const route of ['logs', 'health', 'traces']) {
      await request(server)
        .get(`${ENTITY}/${route}`)
        .set('Cookie', mockCredentials.limitedUser.cookie())
        .expect(401);
    }
  });
});
