import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import net from 'node:net';
import { AddressInfo } from 'node:net';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { answerClientErrors, configureRootHttpRouter } from './rootHttpRouter';

/** Sends raw bytes and returns everything the server answers before it closes. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', chunk => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(request);
  });
}

/** GET with Node's client; resolves with the status and body, rejects on a reset. */
function get(
  port: number,
  path: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path }, res => {
      let body = '';
      res.on('data', chunk => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
  });
}

const LEAK = /"stack"|\n\s+at |node_modules|\.[jt]s:\d+/;

describe('answerClientErrors', () => {
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end('routed'));
    answerClientErrors(server);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('answers a 100 kB query string with a 431 whose JSON body says why, not a reset', async () => {
    const { status, body } = await get(
      port,
      `/api/platform/v1/entities/default/component/x/logs?text=${'a'.repeat(
        100_000,
      )}`,
    );
    expect(status).toBe(431);
    expect(JSON.parse(body)).toEqual({
      error: {
        name: 'RequestHeaderFieldsTooLargeError',
        message: expect.stringContaining(
          `larger than this server accepts (${http.maxHeaderSize} bytes in all); a long query string`,
        ),
      },
      response: { statusCode: 431 },
    });
  });

  it('answers headers over the limit the same way', async () => {
    const answer = await raw(
      port,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer).toMatch(
      /^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/,
    );
    expect(answer).toContain('"name":"RequestHeaderFieldsTooLargeError"');
  });

  it('answers malformed HTTP with a 400 and a body', async () => {
    const answer = await raw(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('The request is not valid HTTP/1.1.');
  });

  it('leaves ordinary requests alone', async () => {
    expect(await get(port, '/x?y=1')).toEqual({ status: 200, body: 'routed' });
  });
});

describe('rootHttpRouter', () => {
  const env = process.env.NODE_ENV;

  afterEach(() => {
    process.env.NODE_ENV = env;
  });

  it('keeps stack traces out of error bodies even in development, and answers an oversized request', async () => {
    process.env.NODE_ENV = 'development';
    const failing = createBackendPlugin({
      pluginId: 'failing',
      register(reg) {
        reg.registerInit({
          deps: { httpRouter: coreServices.httpRouter },
          async init({ httpRouter }) {
            httpRouter.use((req, _res, next) =>
              next(
                new Error(
                  req.path === '/cause' ? 'outer' : 'boom',
                  req.path === '/cause'
                    ? { cause: new Error('inner') }
                    : undefined,
                ),
              ),
            );
            httpRouter.addAuthPolicy({
              path: '/open',
              allow: 'unauthenticated',
            });
            httpRouter.addAuthPolicy({
              path: '/cause',
              allow: 'unauthenticated',
            });
          },
        });
      },
    });
    // A free port: the real root router listens where config says.
    const config = mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl: 'http://127.0.0.1',
          listen: { host: '127.0.0.1', port: 0 },
        },
      },
    });
    let server: http.Server | undefined;
    const router = rootHttpRouterServiceFactory({
      configure: context => {
        configureRootHttpRouter(context);
        server = context.server;
      },
    });
    // The real backend wiring (startTestBackend brings its own root router).
    const backend = createBackend();
    [router, failing, config, mockServices.rootLogger.factory()].forEach(
      feature => backend.add(feature),
    );
    await backend.start();
    const { port } = server!.address() as AddressInfo;
    const res = await get(port, '/api/failing/open');
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body).error).toEqual({
      name: 'Error',
      message: 'boom',
    });
    expect(res.body).not.toMatch(LEAK);
    const withCause = await get(port, '/api/failing/cause');
    expect(JSON.parse(withCause.body).error).toMatchObject({
      name: 'Error',
      message: 'outer',
    });
    expect(withCause.body).not.toMatch(LEAK);
    // The credentials barrier of a plugin's router answers 401 through that router's own error handler.
    const unauthenticated = await get(port, '/api/failing/closed');
    expect(unauthenticated.status).toBe(401);
    expect(JSON.parse(unauthenticated.body).error.name).toBe(
      'AuthenticationError',
    );
    expect(unauthenticated.body).not.toMatch(LEAK);
    const big = await get(port, `/api/failing/x?q=${'a'.repeat(100_000)}`);
    expect(big.status).toBe(431);
    expect(JSON.parse(big.body).error.name).toBe(
      'RequestHeaderFieldsTooLargeError',
    );
    await backend.stop();
  });
});
