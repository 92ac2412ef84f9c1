import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { createRouter, MAX_QUERY_LENGTH } from './router';
import {
  PlatformConfig,
  SourceCache,
} from '@paved-road/backstage-plugin-platform-node';
import { EntityObservabilityService } from './service/EntityObservabilityService';
import { LogsSource } from './service/sources/logsSource';
import { captureLogger } from './__testUtils__/captureLogger';
import { ENTITY_ROUTES } from './__testUtils__/fakePlatform';

const BASE = '/v1/entities/default/component/x';
const ROUTES = ENTITY_ROUTES;
// What a stack trace or a server path looks like in a body.
const LEAK =
  /"stack"|\n\s+at |node_modules|\/src\/|\/dist\/|\.[jt]s:\d+|file:\/\//;

/** A service whose every method fails the way a bug would: a TypeError whose message holds a file path. */
function brokenService(): EntityObservabilityService {
  const fail = async () => {
    throw new TypeError(
      "Cannot read properties of undefined (reading 'spans') in /srv/app/node_modules/x/index.js:12:3",
    );
  };
  // The source lookup works (the route validates its query with the real logs source's parser); reading fails.
  const logs = new LogsSource({
    config: {} as PlatformConfig,
    cache: {} as SourceCache,
  });
  const source = (id: string) => ({
    id,
    annotations: [],
    query: id === 'logs' ? logs.query : undefined,
    target: fail,
    read: fail,
  });
  return new Proxy(
    {},
    { get: (_target, name) => (name === 'source' ? source : fail) },
  ) as unknown as EntityObservabilityService;
}

describe('error bodies of the platform routes', () => {
  const env = process.env.NODE_ENV;
  const log = captureLogger();
  let app: express.Express;

  beforeAll(async () => {
    // Backstage's own error handler shows stacks in development; these routes must not, whatever the mode.
    process.env.NODE_ENV = 'development';
    app = express();
    app.use(
      await createRouter({
        httpAuth: mockServices.httpAuth(),
        service: brokenService(),
        logger: log.logger,
      }),
    );
  });

  afterAll(() => {
    process.env.NODE_ENV = env;
  });

  it.each(ROUTES)(
    '%s: an unexpected failure is a 500 pointing to the log, with no stack or path',
    async route => {
      const res = await request(app).get(`${BASE}/${route}`).expect(500);
      expect(res.text).not.toMatch(LEAK);
      expect(res.body.error).toEqual({
        name: 'Error',
        message: expect.stringMatching(
          /^Internal error in the platform backend; the server log has it under logId=[0-9a-f]{16}$/,
        ),
      });
      const logId = res.body.error.message.split('logId=')[1];
      expect(
        log.lines.some(
          l => l.includes(`logId=${logId}`) && l.includes('TypeError'),
        ),
      ).toBe(true);
    },
  );

  it.each([
    [
      'a repeated parameter',
      `${BASE}/logs?limit=1&limit=2`,
      400,
      'limit is given 2 times',
    ],
    ['a blank level', `${BASE}/logs?level=%20`, 400, 'level is blank'],
    [
      'a bad trace id',
      `${BASE}/traces/not-hex`,
      400,
      'traceId must be 1-32 hex digits',
    ],
    [
      'a long query string',
      `${BASE}/logs?text=${'a'.repeat(MAX_QUERY_LENGTH)}`,
      414,
      `the platform routes accept at most ${MAX_QUERY_LENGTH}`,
    ],
  ])(
    '%s is refused naming the parameter or limit, with no stack',
    async (_what, url, status, message) => {
      const res = await request(app).get(url).expect(status);
      expect(res.body.error.message).toContain(message);
      expect(res.text).not.toMatch(LEAK);
      expect(res.body.request.url.length).toBeLessThanOrEqual(259);
    },
  );

  it('a malformed or oversized sync body is a 4xx saying what the route takes, without a stack', async () => {
    const bad = await request(app)
      .post(`${BASE}/argocd/sync`)
      .set('Content-Type', 'application/json')
      .send('{"x":')
      .expect(400);
    expect(bad.body.error).toEqual({
      name: 'InputError',
      message:
        'Invalid request: the body is not valid JSON; argocd/sync takes no body (or {})',
    });
    expect(bad.text).not.toMatch(LEAK);
    const big = await request(app)
      .post(`${BASE}/argocd/sync`)
      .send({ x: 'a'.repeat(20_000) })
      .expect(413);
    expect(big.body.error).toEqual({
      name: 'PayloadTooLargeError',
      message:
        'Invalid request: the body is over 16 KB; argocd/sync takes no body (or {})',
    });
    expect(big.text).not.toMatch(LEAK);
  });
});
