import { CREDENTIALS } from '../credentials.ts';
import { mount, type Mounted } from '../testing/helpers.ts';
import { createElasticsearchSim, type EsSim } from './server.ts';

const C = CREDENTIALS.elasticsearch;
const API_KEY = `ApiKey ${Buffer.from(`${C.apiKeyId}:${C.apiKey}`).toString(
  'base64',
)}`;
const BASIC = `Basic ${Buffer.from(`${C.username}:${C.password}`).toString(
  'base64',
)}`;
const T0 = Date.parse('2026-12-05T23:59:50.000Z');

const doc = (i: number, over: Record<string, unknown> = {}) => ({
  '@timestamp': new Date(T0 + i * 1000).toISOString(),
  message: `GET /session 200 request ${i}`,
  log: { level: i % 5 === 0 ? 'error' : 'info' },
  service: { name: i % 2 ? 'login-js' : 'msa-nginx' },
  kubernetes: { namespace: 'msa' },
  trace: { id: i.toString(16).padStart(32, '0') },
  ...over,
});

describe('Elasticsearch simulator', () => {
  let sim: EsSim;
  let m: Mounted;
  const call = (
    path: string,
    body?: unknown,
    o: { method?: string; auth?: string | null; raw?: string } = {},
  ) =>
    fetch(`${m.url}${path}`, {
      method:
        o.method ??
        (body === undefined && o.raw === undefined ? 'GET' : 'POST'),
      headers: {
        'Content-Type': 'application/json',
        ...(o.auth === null ? {} : { Authorization: o.auth ?? API_KEY }),
      },
      body: o.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  const search = async (path: string, body: unknown) => {
    const r = await call(path, body);
    return { status: r.status, body: (await r.json()) as any };
  };

  beforeAll(async () => {
    sim = createElasticsearchSim({ now: () => T0 + 60_000 });
    m = await mount(sim.handler);
    // 20 documents across midnight: 10 in each daily index
    for (let i = 0; i < 20; i++) {
      const d = doc(i);
      const index = `logs-msa-${d['@timestamp']
        .slice(0, 10)
        .replace(/-/g, '.')}`;
      sim.store.add(index, d);
    }
    sim.store.add(
      'logs-msa-2026.12.06',
      doc(100, {
        message:
          'login failed: user said OR 1=1 _exists_:trace.id {"script":"x"}',
      }),
    );
    sim.store.add('other-app', {
      '@timestamp': new Date(T0).toISOString(),
      message: 'other',
    });
  });
  afterAll(() => m.close());
  afterEach(() => {
    sim.faults.shardFailure = undefined;
  });

  describe('auth', () => {
    it('answers 401 security_exception with WWW-Authenticate challenges without credentials', async () => {
      const r = await call('/logs-*/_search', {}, { auth: null });
      expect(r.status).toBe(401);
      // three challenges, as separate header lines (fetch joins them with ', ')
      expect(r.headers.get('www-authenticate')).toBe(
        'Basic realm="security" charset="UTF-8", Bearer realm="security", ApiKey',
      );
      const body = (await r.json()) as any;
      expect(body.status).toBe(401);
      expect(body.error.type).toBe('security_exception');
      expect(body.error.header['WWW-Authenticate']).toHaveLength(3);
      expect(body.error.root_cause[0].reason).toBe(
        'missing authentication credentials for REST request [/logs-*/_search]',
      );
    });

    it('refuses a wrong API key and a wrong password without echoing them', async () => {
      const wrongKey = `ApiKey ${Buffer.from(
        `${C.apiKeyId}:nope-secret`,
      ).toString('base64')}`;
      const r1 = await call('/_search', {}, { auth: wrongKey });
      expect(r1.status).toBe(401);
      expect(await r1.text()).not.toContain('nope-secret');
      const wrongPw = `Basic ${Buffer.from(`${C.username}:bad-pw`).toString(
        'base64',
      )}`;
      const r2 = await call('/_search', {}, { auth: wrongPw });
      expect(r2.status).toBe(401);
      const t = await r2.text();
      expect(t).toContain(`unable to authenticate user [${C.username}]`);
      expect(t).not.toContain('bad-pw');
    });

    it('takes basic auth, and answers 403 for an index the user may not read', async () => {
      expect((await call('/logs-*/_count', {}, { auth: BASIC })).status).toBe(
        200,
      );
      const limited = `Basic ${Buffer.from(
        `${C.limitedUsername}:${C.limitedPassword}`,
      ).toString('base64')}`;
      const r = await call(
        '/logs-msa-2026.12.06/_search',
        {},
        { auth: limited },
      );
      expect(r.status).toBe(403);
      expect(((await r.json()) as any).error.reason).toContain(
        'action [indices:data/read/search] is unauthorized for user [other-reader]',
      );
      // a wildcard expands only over readable indices
      const w = (await (
        await call('/*/_count', {}, { auth: limited })
      ).json()) as any;
      expect(w.count).toBe(1);
    });
  });

  describe('indices', () => {
    it('404s a missing concrete index with index_not_found_exception', async () => {
      const { status, body } = await search('/logs-nope/_search', {});
      expect(status).toBe(404);
      expect(body.error).toMatchObject({
        type: 'index_not_found_exception',
        reason: 'no such index [logs-nope]',
        'resource.type': 'index_or_alias',
        index: 'logs-nope',
      });
      expect(body.error.root_cause[0].type).toBe('index_not_found_exception');
    });

    it('skips a missing index with ignore_unavailable, and a wildcard matching nothing is an empty answer', async () => {
      const a = await search(
        '/logs-nope,logs-msa-2026.12.06/_count?ignore_unavailable=true',
        {},
      );
      expect(a.body.count).toBe(11);
      const b = await search('/nothing-*/_search', {});
      expect(b.status).toBe(200);
      expect(b.body.hits.total).toEqual({ value: 0, relation: 'eq' });
      expect(b.body._shards.total).toBe(0);
      const c = await search('/nothing-*/_search?allow_no_indices=false', {});
      expect(c.status).toBe(404);
    });

    it('resolves comma lists and exclusions', async () => {
      const { body } = await search('/logs-*,-logs-msa-2026.12.05/_count', {});
      expect(body.count).toBe(11);
      const both = await search('/logs-msa-2026.12.05,other-app/_count', {});
      expect(both.body.count).toBe(11);
    });

    it('lists indices with _cat/indices?format=json', async () => {
      const r = await call('/_cat/indices/logs-*?format=json');
      const rows = (await r.json()) as any[];
      expect(rows.map(x => x.index)).toEqual([
        'logs-msa-2026.12.05',
        'logs-msa-2026.12.06',
      ]);
      expect(rows[0]).toMatchObject({
        health: 'yellow',
        status: 'open',
        pri: '1',
        'docs.count': '10',
      });
    });

    it('refuses an unknown URL parameter like the REST layer', async () => {
      const { status, body } = await search('/logs-*/_search?bogus=1', {});
      expect(status).toBe(400);
      expect(body.error.reason).toBe(
        'request [/logs-*/_search] contains unrecognized parameter: [bogus]',
      );
    });
  });

  describe('query DSL', () => {
    it('filters with term, terms, range (ISO and epoch_millis) and match_phrase in bool', async () => {
      const { body } = await search('/logs-*/_search', {
        size: 100,
        query: {
          bool: {
            filter: [
              { term: { 'service.name': 'login-js' } },
              { terms: { 'log.level': ['error', 'warn'] } },
              {
                range: {
                  '@timestamp': {
                    gte: T0 + 5000,
                    lte: new Date(T0 + 15_000).toISOString(),
                    format: 'strict_date_optional_time||epoch_millis',
                  },
                },
              },
            ],
            must: [{ match_phrase: { message: 'GET /session' } }],
          },
        },
      });
      expect(
        body.hits.hits.map((h: any) => h._source.trace.id.slice(-2)),
      ).toEqual(['05', '0f']);
      expect(body.hits.total).toEqual({ value: 2, relation: 'eq' });
    });

    it('matches hostile text literally: OR, _exists_, JSON fragments are words; * matches nothing', async () => {
      const q = (text: string) =>
        search('/logs-*/_count', {
          query: { bool: { filter: [{ match_phrase: { message: text } }] } },
        }).then(x => x.body.count);
      expect(await q('said OR 1=1')).toBe(1);
      expect(await q('_exists_:trace.id')).toBe(1);
      expect(await q('{"script":"x"}')).toBe(1);
      expect(await q('*')).toBe(0);
      expect(await q('"')).toBe(0);
      expect(await q('OR')).toBe(1);
      const term = await search('/logs-*/_count', {
        query: { term: { 'service.name': '*' } },
      });
      expect(term.body.count).toBe(0);
    });

    it('answers parsing_exception for an unknown query type and x_content_parse_exception for bad JSON', async () => {
      const a = await search('/logs-*/_search', {
        query: { frobnicate: { x: 1 } },
      });
      expect(a.status).toBe(400);
      expect(a.body.error).toMatchObject({
        type: 'parsing_exception',
        reason: 'unknown query [frobnicate]',
      });
      expect(a.body.error.line).toBe(1);
      const r = await call('/logs-*/_search', undefined, {
        raw: '{"query": {',
      });
      expect(r.status).toBe(400);
      expect(((await r.json()) as any).error.type).toBe(
        'x_content_parse_exception',
      );
      const u = await search('/logs-*/_search', { querry: {} });
      expect(u.body.error.reason).toBe(
        'Unknown key for a START_OBJECT in [querry].',
      );
    });

    it('refuses query_string and script as not simulated, so nothing can rely on them', async () => {
      for (const q of [
        { query_string: { query: 'x' } },
        { script: { script: 'true' } },
      ]) {
        const { status, body } = await search('/logs-*/_search', { query: q });
        expect(status).toBe(400);
        expect(body.error.reason).toContain('[sandbox]');
      }
    });

    it('sorts on the timestamp with a _doc tiebreaker and pages with search_after without gaps or repeats', async () => {
      const sort = [{ '@timestamp': { order: 'desc' } }, { _doc: 'desc' }];
      const seen: string[] = [];
      let after: unknown[] | undefined;
      for (let page = 0; page < 10; page++) {
        const { body } = await search('/logs-*/_search', {
          size: 7,
          sort,
          ...(after ? { search_after: after } : {}),
          query: {
            bool: { filter: [{ term: { 'kubernetes.namespace': 'msa' } }] },
          },
        });
        if (body.hits.hits.length === 0) break;
        for (const h of body.hits.hits) {
          expect(h._score).toBeNull();
          seen.push(h._source['@timestamp']);
        }
        after = body.hits.hits[body.hits.hits.length - 1].sort;
      }
      expect(seen).toHaveLength(21);
      expect([...seen].sort().reverse()).toEqual(seen);
      expect(new Set(seen).size).toBe(21);
    });

    it('rejects a result window above index.max_result_window and a text sort as search_phase_execution_exception', async () => {
      const a = await search('/logs-*/_search', { size: 10_001 });
      expect(a.status).toBe(400);
      expect(a.body.error.type).toBe('search_phase_execution_exception');
      expect(a.body.error.root_cause[0].reason).toContain(
        'Result window is too large',
      );
      const b = await search('/logs-*/_search', { sort: [{ message: 'asc' }] });
      expect(b.status).toBe(400);
      expect(b.body.error.type).toBe('search_phase_execution_exception');
      expect(b.body.error.caused_by.reason).toContain(
        'Text fields are not optimised',
      );
      const c = await search('/logs-*/_search', {
        sort: ['_doc'],
        search_after: [1, 2],
      });
      expect(c.body.error.type).toBe('search_phase_execution_exception');
      expect(c.body.error.root_cause[0].reason).toBe(
        'search_after has 2 value(s) but sort has 1.',
      );
    });

    it('filters _source', async () => {
      const { body } = await search('/logs-msa-2026.12.05/_search', {
        size: 1,
        _source: ['message', 'log.*'],
      });
      expect(Object.keys(body.hits.hits[0]._source).sort()).toEqual([
        'log',
        'message',
      ]);
    });
  });

  it('reports a failed shard inside a 200 when the test switch is on', async () => {
    sim.faults.shardFailure = { indices: ['logs-msa-2026.12.05'] };
    const { status, body } = await search('/logs-*/_search', { size: 100 });
    expect(status).toBe(200);
    expect(body._shards).toMatchObject({ total: 2, successful: 1, failed: 1 });
    expect(body._shards.failures[0]).toMatchObject({
      index: 'logs-msa-2026.12.05',
      shard: 0,
    });
    expect(
      body.hits.hits.every((h: any) => h._index === 'logs-msa-2026.12.06'),
    ).toBe(true);
    sim.faults.shardFailure = { indices: ['logs-*'] };
    const all = await search('/logs-*/_search', {});
    expect(all.status).toBe(400);
    expect(all.body.error.reason).toBe('all shards failed');
  });

  it('indexes with _bulk', async () => {
    const r = await call('/_bulk', undefined, {
      raw: `${JSON.stringify({
        create: { _index: 'bulk-test' },
      })}\n${JSON.stringify({ message: 'hi' })}\n`,
    });
    const body = (await r.json()) as any;
    expect(body.errors).toBe(false);
    expect(body.items[0].create.status).toBe(201);
    expect((await search('/bulk-test/_count', {})).body.count).toBe(1);
  });
});
