import request from 'supertest';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';
import {
  ERROR_TRACE_ID,
  demoEntity,
  startFakePlatform,
} from './__testUtils__/fakePlatform';
import { FakeWebSocket } from './__testUtils__/fakeServer';

// Loki and Tempo tenants (X-Scope-OrgID): the operator lists the allowed tenants (platform.loki.tenants,
// platform.tempo.tenants; `tenant` is the default), an entity picks one by annotation. Anything not listed is
// `forbidden` and no request is sent; the tenant is part of the cache key.

const LOKI_TENANT = 'platform.paved-road.dev/loki-tenant';
const TEMPO_TENANT = 'platform.paved-road.dev/tempo-tenant';

const ADVERSARIAL: Record<string, string> = {
  'other-team': 'team-c',
  'case-variant': 'TEAM-B',
  federated: 'team-a|team-b',
  wildcard: '*',
  'header-injection': 'team-b\r\nX-Scope-OrgID: team-c',
  'zero-width': 'team-b\u200b',
  'look-alike': 'te\u0430m-b',
};

/** msa-nginx with the same labels (so the same queries), only the tenant annotations differ. */
// Fixed ranges: the cache-key assertions must not depend on a 5 s alignment boundary passing mid-test.
const R1 = 'start=2026-01-01T00:00:00Z&end=2026-01-01T01:00:00Z';
const R2 = 'start=2026-01-02T00:00:00Z&end=2026-01-02T01:00:00Z';
const R3 = 'start=2026-01-03T00:00:00Z&end=2026-01-03T01:00:00Z';

const path = (name: string, route: string) =>
  `/api/platform/v1/entities/default/component/${name}/${route}`;

describe('Loki and Tempo tenants', () => {
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let server: http.Server;
  let tailSocket: ((s: FakeWebSocket) => void) | undefined;

  beforeAll(async () => {
    fake = await startFakePlatform({ onLokiTail: s => tailSocket?.(s) });
    const base = fake.config({ cacheTtlSeconds: 60 });
    const entities = [
      demoEntity(),
      demoEntity('team-b-svc', {
        [LOKI_TENANT]: 'team-b',
        [TEMPO_TENANT]: 'team-b',
      }),
      demoEntity('team-b-spaced', {
        [LOKI_TENANT]: '  team-b ',
        [TEMPO_TENANT]: '',
      }),
      demoEntity('explicit-default', {
        [LOKI_TENANT]: 'team-a',
        [TEMPO_TENANT]: 'tracing',
      }),
      ...Object.entries(ADVERSARIAL).map(([name, value]) =>
        demoEntity(`adv-${name}`, {
          [LOKI_TENANT]: value,
          [TEMPO_TENANT]: value,
        }),
      ),
    ];
    server = await startPlatformBackend({
      config: {
        platform: {
          ...base.platform,
          loki: {
            ...base.platform.loki,
            tenant: 'team-a',
            tenants: ['team-b'],
          },
          tempo: {
            ...base.platform.tempo,
            tenant: 'tracing',
            tenants: ['team-b'],
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

  const lokiTenants = () =>
    fake.servers.loki.requests.map(r => r.headers['x-scope-orgid']);
  const tempoTenants = () =>
    fake.servers.tempo.requests.map(r => [r.path, r.headers['x-scope-orgid']]);

  it('sends the default tenant without an annotation and the annotated allowed tenant otherwise', async () => {
    await request(server)
      .get(path('msa-nginx', `logs?${R1}`))
      .expect(200, /"ok":true/);
    await request(server)
      .get(path('team-b-svc', `logs?${R1}`))
      .expect(200, /"ok":true/);
    await request(server)
      .get(path('explicit-default', `logs?${R1}`))
      .expect(200, /"ok":true/);
    // explicit-default asks the same query with the same tenant as msa-nginx: a cache hit.
    expect(lokiTenants()).toEqual(['team-a', 'team-b']);
  });

  it('keeps the cache of each tenant apart: same query, other tenant, own upstream request', async () => {
    for (let round = 0; round < 2; round++) {
      for (const name of ['msa-nginx', 'team-b-svc', 'team-b-spaced']) {
        await request(server)
          .get(path(name, `logs?${R2}`))
          .expect(200, /"ok":true/);
      }
    }
    // The trimmed annotation is the same tenant (team-b): cached with team-b-svc's read.
    expect(lokiTenants()).toEqual(['team-a', 'team-b']);
  });

  it('Tempo: search and trace by id with the entity tenant, cached per tenant', async () => {
    for (const name of [
      'msa-nginx',
      'team-b-svc',
      'team-b-spaced',
      'explicit-default',
    ]) {
      await request(server)
        .get(path(name, `traces?${R3}`))
        .expect(200, /"ok":true/);
      await request(server)
        .get(path(name, `traces/${ERROR_TRACE_ID}`))
        .expect(200, /"ok":true/);
    }
    // A page of traces is one or more windowed searches (newestTraceSearch.ts): compare runs, not counts.
    const runs = tempoTenants().filter(
      (r, i, all) =>
        i === 0 || JSON.stringify(r) !== JSON.stringify(all[i - 1]),
    );
    expect(runs).toEqual([
      ['/api/search', 'tracing'],
      [`/api/traces/${ERROR_TRACE_ID}`, 'tracing'],
      ['/api/search', 'team-b'],
      [`/api/traces/${ERROR_TRACE_ID}`, 'team-b'],
    ]);
  });

  it.each(Object.keys(ADVERSARIAL))(
    '%s: logs, tail, traces and trace are forbidden, naming the key; nothing is sent',
    async name => {
      let tailOpened = false;
      tailSocket = () => {
        tailOpened = true;
      };
      const logs = await request(server)
        .get(path(`adv-${name}`, 'logs'))
        .expect(200);
      expect(logs.body).toEqual({
        ok: false,
        error: {
          kind: 'forbidden',
          message: expect.stringMatching(
            /^Tenant '[\x20-\x7e]+' \(from the platform\.paved-road\.dev\/loki-tenant annotation\) is not allowed: platform\.loki\.tenants allows team-a, team-b; /,
          ),
        },
      });
      for (const route of ['traces', `traces/${ERROR_TRACE_ID}`]) {
        const res = await request(server)
          .get(path(`adv-${name}`, route))
          .expect(200);
        expect(res.body.error).toEqual({
          kind: 'forbidden',
          message: expect.stringContaining(
            `annotation) is not allowed: platform.tempo.tenants allows tracing, team-b`,
          ),
        });
      }
      const tail = await request(server)
        .get(path(`adv-${name}`, 'logs/tail'))
        .expect(200);
      expect(tail.text).toMatch(
        /event: error\ndata: \{"kind":"forbidden","message":"Tenant '.*platform\.loki\.tenants allows team-a, team-b/,
      );
      expect(fake.servers.loki.requests).toEqual([]);
      expect(fake.servers.tempo.requests).toEqual([]);
      expect(tailOpened).toBe(false);
      tailSocket = undefined;
    },
  );

  it('names the refused tenant readably', async () => {
    const res = await request(server)
      .get(path('adv-header-injection', 'logs'))
      .expect(200);
    expect(res.body.error.message).toBe(
      "Tenant 'team-b\\u{d}\\u{a}X-Scope-OrgID: team-c' (from the platform.paved-road.dev/loki-tenant annotation) is not allowed: platform.loki.tenants allows team-a, team-b; an operator lists it there to allow it",
    );
  });

  it('tail: the WebSocket to Loki carries the entity tenant', async () => {
    const seen: unknown[] = [];
    for (const name of ['team-b-svc', 'msa-nginx']) {
      let upstreamClosed: Promise<void> | undefined;
      tailSocket = socket => {
        seen.push(socket.headers['x-scope-orgid']);
        upstreamClosed = socket.closed;
        socket.sendText(
          JSON.stringify({
            streams: [
              {
                stream: { app: 'msa-nginx' },
                values: [['1795252750759000000', 'level=info msg=hello']],
              },
            ],
            dropped_entries: null,
          }),
        );
      };
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        const req = http.get(
          `http://127.0.0.1:${port}${path(name, 'logs/tail')}`,
          res => {
            let text = '';
            res.on('data', chunk => {
              text += chunk;
              if (text.includes('event: lines')) {
                req.destroy();
                resolve();
              }
            });
          },
        );
        req.on('error', e =>
          e.message.includes('socket hang up') ? undefined : reject(e),
        );
      });
      await upstreamClosed;
    }
    expect(seen).toEqual(['team-b', 'team-a']);
    tailSocket = undefined;
  });
});
