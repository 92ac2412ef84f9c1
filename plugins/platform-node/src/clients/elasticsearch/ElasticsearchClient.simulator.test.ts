import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { UpstreamError } from '../../http/UpstreamError';
import { ECS_LOG_FIELDS } from '../../query/elasticsearch/fields';
import {
  buildEsLogSearch,
  EsLogSearchInput,
  EsSearchBody,
} from '../../query/elasticsearch/logSearch';
import { ElasticsearchClient } from './ElasticsearchClient';

// Contract test: the client and the query builder against the sandbox's Elasticsearch simulator (written from
// the REST API spec and query DSL docs). It proves that hostile values are matched literally, that paging with
// search_after neither skips nor repeats, and how errors and partial results come back. Runs on request:
//   PLATFORM_SANDBOX_IT=1 yarn test plugins/platform-node/src/clients/elasticsearch/ElasticsearchClient.simulator.test.ts
const run = process.env.PLATFORM_SANDBOX_IT ? describe : describe.skip;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandbox = require(path.resolve(
  __dirname,
  '../../../../../sandbox/src/index.ts',
));

const T0 = Date.parse('2026-12-05T23:58:00.000Z');
const KEY = Buffer.from('sandbox-es-key:sandbox-es-api-key').toString('base64');
const LEVELS = ['info', 'INFO', 'warning', 'error', 'ERROR', 'debug'];
const HOSTILE_LINES = [
  'user typed OR 1=1 in the login form',
  'lookup _exists_:trace.id failed',
  'payload {"script":{"source":"ctx"}} rejected',
  'quote " in message',
  'star * in message',
];

run('ElasticsearchClient against the Elasticsearch simulator', () => {
  let server: http.Server;
  let url: string;
  let sim: any;
  const es = (apiKey = KEY) =>
    new ElasticsearchClient({
      url,
      auth: { type: 'apiKey', apiKey },
      timeoutMs: 2000,
      headers: {},
    });
  const input = (over: Partial<EsLogSearchInput> = {}): EsSearchBody => {
    const r = buildEsLogSearch({
      fields: { ...ECS_LOG_FIELDS },
      service: 'login-js',
      namespace: 'msa',
      range: { startMs: T0 - 60_000, endMs: T0 + 3_600_000 },
      size: 1000,
      ...over,
    });
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };
  const messages = async (over: Partial<EsLogSearchInput>) =>
    (await es().search('logs-*', { ...input(over) })).hits.map(
      h => h._source?.message,
    );

  beforeAll(async () => {
    sim = sandbox.createElasticsearchSim();
    server = http.createServer(sim.handler);
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // 240 lines over midnight (two daily indices), several per millisecond so the tiebreaker matters
    for (let i = 0; i < 240; i++) {
      const ts = T0 + Math.floor(i / 3) * 1000;
      sim.store.add(
        `logs-msa-${new Date(ts)
          .toISOString()
          .slice(0, 10)
          .replace(/-/g, '.')}`,
        {
          '@timestamp': new Date(ts).toISOString(),
          message: `GET /session 200 line ${i}`,
          log: { level: LEVELS[i % LEVELS.length] },
          service: { name: i % 4 === 3 ? 'msa-nginx' : 'login-js' },
          kubernetes: { namespace: i % 10 === 9 ? 'other' : 'msa' },
          trace: { id: i.toString(16).padStart(32, '0') },
        },
      );
    }
    HOSTILE_LINES.forEach((message, i) =>
      sim.store.add('logs-msa-2026.12.06', {
        '@timestamp': new Date(T0 + 600_000 + i).toISOString(),
        message,
        log: { level: 'info' },
        service: { name: 'login-js' },
        kubernetes: { namespace: 'msa' },
      }),
    );
  });
  afterAll(async () => {
    await new Promise(r => server.close(r));
  });
  afterEach(() => {
    sim.faults.shardFailure = undefined;
  });

  it('matches hostile text literally, as words of the message, never as query syntax', async () => {
    expect(await messages({ text: 'OR 1=1' })).toEqual([HOSTILE_LINES[0]]);
    expect(await messages({ text: '_exists_:trace.id' })).toEqual([
      HOSTILE_LINES[1],
    ]);
    expect(await messages({ text: '{"script":{"source":"ctx"}}' })).toEqual([
      HOSTILE_LINES[2],
    ]);
    // no words at all: matches nothing (not everything, as `*` would in a query string)
    expect(await messages({ text: '*' })).toEqual([]);
    expect(await messages({ text: '"' })).toEqual([]);
    // a hostile service value is one term: nothing has that service name
    expect(await messages({ service: 'login-js OR *' })).toEqual([]);
    expect(await messages({ service: '*' })).toEqual([]);
    // the bodies reaching the server hold no query_string or script clause
    for (const r of sim.requests)
      expect(r.body).not.toMatch(
        /"(query_string|simple_query_string|script)"\s*:/,
      );
  });

  it('keeps to the namespace and service, and the level filter finds every line of the chosen levels', async () => {
    const all = (await es().search('logs-*', { ...input({ size: 10_000 }) }))
      .hits;
    expect(
      all.every(h => (h._source as any).kubernetes.namespace === 'msa'),
    ).toBe(true);
    expect(all.every(h => (h._source as any).service.name === 'login-js')).toBe(
      true,
    );
    const errors = (
      await es().search('logs-*', {
        ...input({ levels: ['error', 'warn'], size: 10_000 }),
      })
    ).hits;
    const expected = all.filter(h =>
      ['error', 'ERROR', 'warning'].includes((h._source as any).log.level),
    );
    expect(errors.map(h => h._id).sort()).toEqual(
      expected.map(h => h._id).sort(),
    );
    expect(errors.length).toBeGreaterThan(20);
  });

  it('finds a 64-bit trace id logged in its 32-digit form when asked with 16 digits', async () => {
    const id = (30).toString(16).padStart(16, '0');
    const hits = (await es().search('logs-*', { ...input({ traceId: id }) }))
      .hits;
    expect(hits.map(h => (h._source as any).trace.id)).toEqual([
      (30).toString(16).padStart(32, '0'),
    ]);
  });

  it('pages newest-first with search_after across two daily indices without gaps or repeats', async () => {
    const whole = (
      await es().search('logs-*', { ...input({ size: 10_000 }) })
    ).hits.map(h => h._id);
    const seen: string[] = [];
    let after: unknown;
    for (let page = 0; page < 100; page++) {
      const r = await es().search('logs-*', {
        ...input({ size: 7, ...(after ? { searchAfter: after } : {}) }),
      });
      if (r.hits.length === 0) break;
      seen.push(...r.hits.map(h => h._id));
      after = r.hits[r.hits.length - 1].sort;
    }
    expect(seen.length).toBe(whole.length);
    expect(new Set(seen).size).toBe(whole.length);
    expect(new Set(seen)).toEqual(new Set(whole));
  });

  it('reports a failed shard as partial results, not as an error', async () => {
    sim.faults.shardFailure = { indices: ['logs-msa-2026.12.05'] };
    const r = await es().search('logs-*', { ...input() });
    expect(r.partial).toMatchObject({ failedShards: 1, totalShards: 2 });
    expect(r.partial?.reasons[0]).toContain('node_not_connected_exception');
    expect(r.hits.length).toBeGreaterThan(0);
  });

  it("answers errors as UpstreamError kinds with Elasticsearch's own reason", async () => {
    const missing = await es()
      .search('logs-nope', { ...input() })
      .then(
        () => new Error('expected a failure'),
        e => e as UpstreamError,
      );
    expect(missing).toMatchObject({ kind: 'not-found', status: 404 });
    expect(missing.message).toContain(
      'index_not_found_exception: no such index [logs-nope]',
    );
    const bad = Buffer.from('sandbox-es-key:wrong-key-123').toString('base64');
    const denied = await es(bad)
      .search('logs-*', { ...input() })
      .then(
        () => new Error('expected a failure'),
        e => e as UpstreamError,
      );
    expect(denied).toMatchObject({ kind: 'forbidden', status: 401 });
    expect(denied.message).not.toContain('wrong-key-123');
    expect(denied.message).not.toContain(bad);
    const window = await es()
      .search('logs-*', { ...input(), size: 10_001 })
      .then(
        () => new Error('expected a failure'),
        e => e as UpstreamError,
      );
    expect(window.message).toContain('Result window is too large');
    expect(
      await es().search(
        'logs-nope,logs-msa-*',
        { ...input() },
        { ignoreUnavailable: true },
      ),
    ).toHaveProperty('hits');
  });

  it('counts and lists indices', async () => {
    const c = await es().count('logs-*', input().query);
    expect(c.count).toBeGreaterThan(100);
    const rows = await es().catIndices('logs-*');
    expect(rows.map(r => r.index)).toEqual([
      'logs-msa-2026.12.05',
      'logs-msa-2026.12.06',
    ]);
  });
});
