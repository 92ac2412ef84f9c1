import { UpstreamAuth } from '../../config/upstream';
import { UpstreamError } from '../../http/UpstreamError';
import { startFakeUpstream, FakeResponse } from '../../testing/fakeUpstream';
import { ElasticsearchClient } from './ElasticsearchClient';

const API_KEY = Buffer.from('key-id:very-secret-api-key').toString('base64');

function client(url: string, auth?: UpstreamAuth, timeoutMs = 1000) {
  return new ElasticsearchClient({
    url,
    auth: auth ?? { type: 'apiKey', apiKey: API_KEY },
    timeoutMs,
    headers: {},
  });
}

const shards = { total: 2, successful: 2, skipped: 0, failed: 0 };
const searchAnswer = {
  took: 3,
  timed_out: false,
  _shards: shards,
  hits: {
    total: { value: 1, relation: 'eq' },
    max_score: null,
    hits: [
      {
        _index: 'logs-msa-2026.12.06',
        _id: 'a1',
        _score: null,
        _source: { message: 'hi' },
        sort: [1796529600000, 4],
      },
    ],
  },
};

async function failure(p: Promise<unknown>): Promise<UpstreamError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(UpstreamError);
    return e as UpstreamError;
  }
  throw new Error('expected a failure');
}

async function answering(response: FakeResponse) {
  return startFakeUpstream(() => response);
}

describe('ElasticsearchClient', () => {
  it('POSTs the body to <pattern>/_search with the API key and returns hits with their sort values', async () => {
    const server = await answering({ body: searchAnswer });
    const body = { query: { bool: { filter: [] } }, size: 5 };
    const result = await client(server.url).search('logs-msa-*,app-x', body, {
      ignoreUnavailable: true,
    });
    expect(result.hits[0].sort).toEqual([1796529600000, 4]);
    expect(result.total).toEqual({ value: 1, relation: 'eq' });
    expect(result.partial).toBeUndefined();
    const req = server.requests[0];
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/logs-msa-*,app-x/_search');
    expect(req.query.get('ignore_unavailable')).toBe('true');
    expect(req.headers.authorization).toBe(`ApiKey ${API_KEY}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual(body);
    await server.close();
  });

  it('uses basic credentials when configured', async () => {
    const server = await answering({ body: { count: 7, _shards: shards } });
    const r = await client(server.url, {
      type: 'basic',
      username: 'elastic',
      password: 'pw-secret',
    }).count('logs-*', { match_all: {} });
    expect(r).toEqual({ count: 7 });
    expect(server.requests[0].headers.authorization).toBe(
      `Basic ${Buffer.from('elastic:pw-secret').toString('base64')}`,
    );
    expect(JSON.parse(server.requests[0].body)).toEqual({
      query: { match_all: {} },
    });
    await server.close();
  });

  it('flags shard failures inside a 200 as partial results', async () => {
    const server = await answering({
      body: {
        ...searchAnswer,
        _shards: {
          total: 3,
          successful: 1,
          skipped: 0,
          failed: 2,
          failures: [
            {
              shard: 0,
              index: 'logs-a',
              node: 'n1',
              reason: { type: 'node_not_connected_exception', reason: 'gone' },
            },
            {
              shard: 0,
              index: 'logs-b',
              node: 'n1',
              reason: { type: 'node_not_connected_exception', reason: 'gone' },
            },
          ],
        },
      },
    });
    const r = await client(server.url).search('logs-*', {});
    expect(r.hits).toHaveLength(1);
    expect(r.partial).toEqual({
      failedShards: 2,
      totalShards: 3,
      timedOut: false,
      reasons: ['node_not_connected_exception: gone'],
    });
    await server.close();
  });

  it('maps 401 security_exception to forbidden without echoing the key', async () => {
    const server = await answering({
      status: 401,
      headers: { 'WWW-Authenticate': 'ApiKey' },
      body: {
        error: {
          root_cause: [
            {
              type: 'security_exception',
              reason: `unable to authenticate with provided credentials (${API_KEY})`,
            },
          ],
          type: 'security_exception',
          reason: `unable to authenticate with provided credentials (${API_KEY})`,
        },
        status: 401,
      },
    });
    const e = await failure(client(server.url).search('logs-*', {}));
    expect(e.kind).toBe('forbidden');
    expect(e.status).toBe(401);
    expect(e.message).toContain('security_exception: unable to authenticate');
    expect(e.message).not.toContain(API_KEY);
    expect(e.message).not.toContain('very-secret-api-key');
    await server.close();
  });

  it('maps index_not_found_exception to not-found and names the index', async () => {
    const server = await answering({
      status: 404,
      body: {
        error: {
          root_cause: [
            {
              type: 'index_not_found_exception',
              reason: 'no such index [logs-x]',
            },
          ],
          type: 'index_not_found_exception',
          reason: 'no such index [logs-x]',
          index: 'logs-x',
        },
        status: 404,
      },
    });
    const e = await failure(client(server.url).search('logs-x', {}));
    expect(e.kind).toBe('not-found');
    expect(e.message).toBe(
      'Elasticsearch: POST /logs-x/_search answered 404: index_not_found_exception: no such index [logs-x]',
    );
    await server.close();
  });

  it('quotes the root cause of a search phase failure', async () => {
    const server = await answering({
      status: 400,
      body: {
        error: {
          root_cause: [
            {
              type: 'illegal_argument_exception',
              reason: 'Result window is too large',
            },
          ],
          type: 'search_phase_execution_exception',
          reason: 'all shards failed',
        },
        status: 400,
      },
    });
    const e = await failure(client(server.url).search('logs-*', {}));
    expect(e.kind).toBe('upstream');
    expect(e.message).toContain(
      'search_phase_execution_exception: all shards failed (illegal_argument_exception: Result window is too large)',
    );
    await server.close();
  });

  it('reports a non-JSON or wrong-shape 200 as bad-response', async () => {
    const html = await answering({
      contentType: 'text/html',
      body: '<html>proxy login</html>',
    });
    expect((await failure(client(html.url).search('logs-*', {}))).kind).toBe(
      'bad-response',
    );
    await html.close();
    const shape = await answering({ body: { hits: 'nope' } });
    const e = await failure(client(shape.url).search('logs-*', {}));
    expect(e.kind).toBe('bad-response');
    expect(e.message).toContain('unexpected shape');
    await shape.close();
  });

  it('times out', async () => {
    const server = await answering({ delayMs: 500, body: searchAnswer });
    const e = await failure(
      client(server.url, undefined, 100).search('logs-*', {}),
    );
    expect(e.kind).toBe('timeout');
    await server.close();
  });

  it.each([
    'Logs',
    'logs x',
    '../_cluster',
    'logs-*/_doc',
    '',
    'a,,b',
    'remote:logs',
  ])('refuses the index pattern %j without sending anything', async pattern => {
    const server = await answering({ body: searchAnswer });
    await failure(client(server.url).search(pattern, {}));
    expect(server.requests).toHaveLength(0);
    await server.close();
  });

  it('lists indices with _cat/indices?format=json', async () => {
    const server = await answering({
      body: [
        {
          health: 'yellow',
          status: 'open',
          index: 'logs-msa-2026.12.06',
          'docs.count': '12',
          'store.size': '3kb',
        },
      ],
    });
    const rows = await client(server.url).catIndices('logs-*');
    expect(rows[0].index).toBe('logs-msa-2026.12.06');
    expect(server.requests[0].path).toBe('/_cat/indices/logs-*');
    expect(server.requests[0].query.get('format')).toBe('json');
    await server.close();
  });
});
