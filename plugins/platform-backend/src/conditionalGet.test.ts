import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import http from 'node:http';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';
import {
  ERROR_TRACE_ID,
  demoEntity,
  startFakePlatform,
} from './__testUtils__/fakePlatform';
import { etagOf } from './router/conditionalJson';

// Conditional GETs: every JSON read route sends a weak ETag of its exact body and `Cache-Control: private,
// no-cache`, and answers a matching If-None-Match with a 304 and no body. The access check comes first: a caller
// who may not read the entity gets its 403/404, never a 304 that would confirm the entity and its data.

const BASE = '/api/platform/v1/entities/default/component/msa-nginx';
// Fixed ranges, so two requests within the cache TTL ask the same upstream queries and get the same body.
const RANGE = 'start=2026-01-01T00:00:00Z&end=2026-01-01T01:00:00Z';
const JSON_ROUTES = [
  'health',
  'argocd',
  'alerts',
  `metrics?${RANGE}`,
  `logs?${RANGE}`,
  `traces?${RANGE}`,
  `traces/${ERROR_TRACE_ID}`,
  'builds',
];

function forbiddenTenant(): Entity {
  return demoEntity('other-tenant', {
    'platform.paved-road.dev/loki-tenant': 'team-z',
  });
}

/** Waits when `health`'s default metrics range (aligned to 30 s) is about to move, so two views share it. */
async function awayFromRangeBoundary() {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 5_000)
    await new Promise(resolve => setTimeout(resolve, left + 50));
}

describe('conditional GETs (ETag / If-None-Match)', () => {
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let server: http.Server;
  let denied = false;

  beforeAll(async () => {
    fake = await startFakePlatform();
    server = await startPlatformBackend({
      config: fake.config({ cacheTtlSeconds: 300 }),
      entities: [demoEntity(), forbiddenTenant()],
      features: [
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(() => ({
              result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
            })) as any,
        }).factory,
      ],
    });
  });

  // The wait can take up to 5 s, Jest's default hook timeout.
  beforeEach(async () => {
    denied = false;
    await awayFromRangeBoundary();
  }, 10_000);

  afterAll(async () => {
    await fake.close();
  });

  it.each(JSON_ROUTES)(
    '%s: 200 with the ETag of its exact body, private no-cache',
    async route => {
      const res = await request(server).get(`${BASE}/${route}`).expect(200);
      expect(res.headers['content-type']).toBe(
        'application/json; charset=utf-8',
      );
      expect(res.headers['cache-control']).toBe('private, no-cache');
      expect(res.headers.etag).toBe(etagOf(res.text));
    },
  );

  it.each(JSON_ROUTES)(
    '%s: 304 without a body for a matching If-None-Match',
    async route => {
      const first = await request(server).get(`${BASE}/${route}`).expect(200);
      const etag = first.headers.etag;
      for (const header of [etag, etag.slice(2), `"nope", ${etag}`, '*']) {
        const res = await request(server)
          .get(`${BASE}/${route}`)
          .set('If-None-Match', header)
          .expect(304);
        expect(res.text).toBe('');
        expect(res.headers.etag).toBe(etag);
        expect(res.headers['cache-control']).toBe('private, no-cache');
        expect(res.headers['content-length']).toBeUndefined();
      }
    },
  );

  it.each(JSON_ROUTES)(
    '%s: 200 with the body for another ETag',
    async route => {
      const first = await request(server).get(`${BASE}/${route}`).expect(200);
      const res = await request(server)
        .get(`${BASE}/${route}`)
        .set('If-None-Match', 'W/"stale"')
        .expect(200);
      expect(res.text).toBe(first.text);
      expect(res.headers.etag).toBe(first.headers.etag);
    },
  );

  it('a different answer has a different ETag, and the old one no longer matches', async () => {
    const ten = await request(server)
      .get(`${BASE}/logs?${RANGE}&limit=10`)
      .expect(200);
    const res = await request(server)
      .get(`${BASE}/logs?${RANGE}&limit=11`)
      .set('If-None-Match', ten.headers.etag)
      .expect(200);
    expect(res.headers.etag).not.toBe(ten.headers.etag);
    expect(res.body.value.limit).toBe(11);
  });

  it.each(JSON_ROUTES)(
    '%s: a denied caller gets 403, never a 304, even with the current ETag or *',
    async route => {
      const { etag } = (
        await request(server).get(`${BASE}/${route}`).expect(200)
      ).headers;
      denied = true;
      for (const header of [etag, '*']) {
        const res = await request(server)
          .get(`${BASE}/${route}`)
          .set('If-None-Match', header)
          .expect(403);
        expect(res.body.error.name).toBe('NotAllowedError');
        expect(res.headers.etag).not.toBe(etag);
      }
    },
  );

  it.each(JSON_ROUTES)(
    '%s: a missing or unreadable entity is a 404, never a 304',
    async route => {
      const res = await request(server)
        .get(`/api/platform/v1/entities/default/component/ghost/${route}`)
        .set('If-None-Match', '*')
        .expect(404);
      expect(res.body.error.name).toBe('NotFoundError');
    },
  );

  it('the live tail (SSE) carries no ETag', async () => {
    const res = await request(server)
      .get('/api/platform/v1/entities/default/component/other-tenant/logs/tail')
      .set('If-None-Match', '*')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.headers.etag).toBeUndefined();
    expect(res.text).toContain('event: error');
  });
});
