import { createServiceFactory } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import http from 'node:http';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';
import { captureLogger } from './__testUtils__/captureLogger';
import {
  ENTITY_ROUTES,
  demoEntity,
  startFakePlatform,
} from './__testUtils__/fakePlatform';

const BASE = '/api/platform/v1/entities/default/component/msa-nginx';
const ROUTES = ENTITY_ROUTES;

const responseError = (status: number) =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: {
          name: 'Error',
          message: `catalog at http://catalog.internal:7007 says ${status}`,
        },
      }),
      {
        status,
        headers: { 'content-type': 'application/json' },
      },
    ) as any,
  );

describe('catalog failures: missing/unreadable is 404, a catalog that is down is 503', () => {
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let server: http.Server;
  const log = captureLogger();
  const catalog = catalogServiceMock.mock();

  beforeAll(async () => {
    fake = await startFakePlatform();
    server = await startPlatformBackend({
      config: fake.config({ timeoutMs: 300 }),
      catalog: createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      logger: log.logger,
    });
  });

  beforeEach(() => {
    catalog.getEntityByRef.mockReset();
    fake.reset();
  });

  afterAll(async () => {
    await fake.close();
  });

  it.each(ROUTES)(
    '%s: 404 when the catalog has no such entity, or the caller may not read it',
    async route => {
      catalog.getEntityByRef.mockResolvedValueOnce(undefined);
      const missing = await request(server).get(`${BASE}/${route}`).expect(404);
      catalog.getEntityByRef.mockRejectedValueOnce(await responseError(403));
      const unreadable = await request(server)
        .get(`${BASE}/${route}`)
        .expect(404);
      expect(missing.body.error).toEqual(unreadable.body.error);
      expect(missing.body.error).toMatchObject({
        name: 'NotFoundError',
        message: 'No entity component:default/msa-nginx visible to you',
      });
    },
  );

  it.each(ROUTES)(
    '%s: 503 with a helpful message when the catalog is down',
    async route => {
      catalog.getEntityByRef.mockRejectedValueOnce(
        Object.assign(new TypeError('fetch failed'), {
          cause: new Error('connect ECONNREFUSED'),
        }),
      );
      const down = await request(server).get(`${BASE}/${route}`).expect(503);
      expect(down.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message:
          'Cannot load component:default/msa-nginx: the catalog could not be reached. The entity was not checked, so nothing is shown; try again shortly.',
      });
      catalog.getEntityByRef.mockRejectedValueOnce(await responseError(503));
      const failing = await request(server).get(`${BASE}/${route}`).expect(503);
      expect(failing.body.error.message).toContain('the catalog answered 503');
      expect(failing.text).not.toContain('catalog.internal');
      expect(fake.servers.loki.requests).toEqual([]);
    },
  );

  it('sync: 503 when the catalog is down, and no sync is sent', async () => {
    catalog.getEntityByRef.mockRejectedValueOnce(await responseError(500));
    await request(server).post(`${BASE}/argocd/sync`).expect(503);
    expect(fake.servers.argocd.requests).toEqual([]);
  });

  it('503 when the catalog does not answer within platform.timeoutMs, and the next request reads again', async () => {
    // Last: the successful read is shared with this principal's requests for 2 s.
    catalog.getEntityByRef.mockImplementationOnce(() => new Promise(() => {}));
    const res = await request(server).get(`${BASE}/argocd`).expect(503);
    expect(res.body.error.message).toContain(
      'the catalog did not answer within 300 ms',
    );
    catalog.getEntityByRef.mockResolvedValueOnce(demoEntity());
    await request(server).get(`${BASE}/argocd`).expect(200);
  });

  it('logs the cause for operators', () => {
    expect(
      log.lines.some(l =>
        /^warn Platform: catalog read of component:default\/msa-nginx failed: TypeError: fetch failed/.test(
          l,
        ),
      ),
    ).toBe(true);
  });
});
