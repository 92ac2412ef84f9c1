import { fixture, mount, shapeDiff, type Mounted } from '../testing/helpers.ts';
import { createTempoHandler } from './server.ts';
import { parseOtlp, TraceStore } from './store.ts';

const T = 1795252813759000000n;

function span(
  traceId: string,
  spanId: string,
  name: string,
  startMs: number,
  durMs: number,
  extra: Record<string, unknown> = {},
) {
  const [method, route] = name.split(' ');
  const root = !('parentSpanId' in extra);
  return {
    traceId,
    spanId,
    name,
    kind: 2,
    startTimeUnixNano: (T + BigInt(startMs) * 1_000_000n).toString(),
    endTimeUnixNano: (T + BigInt(startMs + durMs) * 1_000_000n).toString(),
    attributes: [
      ...(root ? [{ key: 'http.route', value: { stringValue: route } }] : []),
      { key: 'http.method', value: { stringValue: method } },
      { key: 'http.status_code', value: { intValue: 200 } },
    ],
    ...extra,
  };
}

function resource(service: string, spans: unknown[]) {
  return {
    resource: {
      attributes: [
        { key: 'service.name', value: { stringValue: service } },
        { key: 'k8s.namespace.name', value: { stringValue: 'default' } },
      ],
    },
    scopeSpans: [{ scope: { name: 'golden-seed', version: '1' }, spans }],
  };
}

const OK = '03a87c9151bb15a09d7cde931b522865';
const ERR = 'b67300518317c89eb9b17b55250a09ba';
const ONE = 'e2119b50342c03d193928486bc5372d8';

describe('Tempo simulator', () => {
  let m: Mounted;
  const get = (p: string, params: Record<string, string> = {}) =>
    fetch(
      `${m.url}${p}${
        Object.keys(params).length ? `?${new URLSearchParams(params)}` : ''
      }`,
    );

  beforeAll(async () => {
    const store = new TraceStore();
    m = await mount(createTempoHandler({ store }));
    const body = {
      resourceSpans: [
        resource('msa-nginx', [
          span(OK, 'a5adc8f5217f7c0c', 'GET /api/orders', 0, 180),
          span(ERR, '321425e2893cee5d', 'POST /api/login', 5000, 650, {
            status: { code: 2, message: 'upstream login-js failed' },
          }),
          span(ONE, '7a562a7036967799', 'GET /healthz', 10000, 3),
        ]),
        resource('login-js', [
          span(OK, 'd18a0ffb967f607b', 'GET /session', 20, 120, {
            parentSpanId: 'a5adc8f5217f7c0c',
          }),
          span(ERR, '398b9f2aab05b7de', 'POST /login', 5030, 600, {
            parentSpanId: '321425e2893cee5d',
            status: {
              code: 'STATUS_CODE_ERROR',
              message: 'database connection refused',
            },
          }),
        ]),
      ],
    };
    // Written as the recorder pushed them, seconds after they happened: spans that reach Tempo more than ~2
    // minutes late are not found by a windowed search (searchOrder.test.ts), and the recordings use a window.
    store.ingest(parseOtlp(body), T + 20_000_000_000n);
  });
  afterAll(() => m.close());

  it('accepts OTLP/JSON with {"partialSuccess":{}}', async () => {
    const r = await fetch(`${m.url}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ resourceSpans: [] }),
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ partialSuccess: {} });
  });

  it('searches with TraceQL, shaped like the recorded Tempo 2.7 response', async () => {
    const f = fixture('tempo/search-traceql.json');
    const body = await (await get('/api/search', f.request.query)).json();
    expect(shapeDiff(body, f.response.body, true)).toEqual([]);
    // one block, met in descending trace id like the recording (not sorted by start time: see searchOrder.test.ts)
    expect(body.traces.map((t: any) => t.rootTraceName)).toEqual([
      'GET /healthz',
      'POST /api/login',
      'GET /api/orders',
    ]);
    expect(body.traces[2].traceID).toBe('3a87c9151bb15a09d7cde931b522865');
    expect(body.traces[2].serviceStats).toEqual(
      f.response.body.traces[2].serviceStats,
    );
    expect(body.traces[1].serviceStats).toEqual(
      f.response.body.traces[1].serviceStats,
    );
    expect(body.traces[0]).toEqual(f.response.body.traces[0]);
  });

  it('matches status = error and returns the status attribute like the recording', async () => {
    const f = fixture('tempo/search-traceql-errors.json');
    const body = await (await get('/api/search', f.request.query)).json();
    expect(shapeDiff(body, f.response.body, true)).toEqual([]);
    expect(body.traces).toHaveLength(1);
    expect(body.traces[0].spanSets).toEqual(f.response.body.traces[0].spanSets);
    expect(body.traces[0].spanSet).toEqual(f.response.body.traces[0].spanSet);
  });

  it('applies duration conditions, minDuration/maxDuration, limit and start/end', async () => {
    const q =
      '{ resource.service.name = "login-js" && status = error && duration > 500ms }';
    const hit = await (await get('/api/search', { q })).json();
    expect(hit.traces.map((t: any) => t.traceID)).toEqual([ERR]);
    expect(
      await (await get('/api/search', { q: '{ duration > 1s }' })).json(),
    ).toEqual({ traces: [], metrics: expect.any(Object) });
    const min = await (
      await get('/api/search', {
        q: '{}',
        minDuration: '100ms',
        maxDuration: '200ms',
      })
    ).json();
    expect(min.traces.map((t: any) => t.traceID)).toEqual([
      '3a87c9151bb15a09d7cde931b522865',
    ]);
    expect(
      (await (await get('/api/search', { q: '{}', limit: '1' })).json()).traces,
    ).toHaveLength(1);
    const s = Number(T / 1_000_000_000n);
    expect(
      (
        await (
          await get('/api/search', {
            q: '{}',
            start: String(s - 100),
            end: String(s - 50),
          })
        ).json()
      ).traces,
    ).toEqual([]);
    const tags = await (
      await get('/api/search', {
        tags: 'service.name=login-js http.method=POST',
      })
    ).json();
    expect(tags.traces.map((t: any) => t.traceID)).toEqual([ERR]);
  });

  it('answers 400 for bad queries and parameters', async () => {
    const bad = await get('/api/search', { q: '{ resource.service.name = }' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe(
      'invalid TraceQL query: parse error at line 1, col 27: syntax error: unexpected }',
    );
    expect((await get('/api/search', { q: '{}', tags: 'a=b' })).status).toBe(
      400,
    );
    expect(
      (await get('/api/search', { q: '{}', minDuration: '5parsecs' })).status,
    ).toBe(400);
    expect((await get('/api/search', { q: '{}', limit: '-1' })).status).toBe(
      400,
    );
    expect(
      (await get('/api/search', { q: '{}', start: '10', end: '5' })).status,
    ).toBe(400);
    const otlp = await fetch(`${m.url}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        resourceSpans: [resource('x', [span('zz', 'a', 'n', 0, 1)])],
      }),
    });
    expect(otlp.status).toBe(400);
    expect((await otlp.json()).code).toBe(3);
  });

  it('returns traces by id in batches form with base64 ids, 400 for bad ids, 404 with an empty body', async () => {
    const f = fixture('tempo/trace-by-id.json');
    const r = await get(`/api/traces/${OK}`);
    const body = await r.json();
    expect(shapeDiff(body, f.response.body, true)).toEqual([]);
    expect(body.batches[0].scopeSpans[0].spans[0].traceId).toBe(
      'A6h8kVG7FaCdfN6TG1IoZQ==',
    );
    expect(body.batches[0].scopeSpans[0].spans[0].spanId).toBe('pa3I9SF/fAw=');
    expect(body.batches[0].scopeSpans[0].spans[0].status).toEqual({});
    expect(body.batches[0].scopeSpans[0].spans[0].attributes[2]).toEqual({
      key: 'http.status_code',
      value: { intValue: '200' },
    });
    const withErr = await (await get(`/api/traces/${ERR}`)).json();
    expect(
      shapeDiff(
        withErr,
        fixture('tempo/trace-by-id-with-error.json').response.body,
        true,
      ),
    ).toEqual([]);
    expect(withErr.batches[1].scopeSpans[0].spans[0].status).toEqual({
      message: 'database connection refused',
      code: 'STATUS_CODE_ERROR',
    });
    expect(
      (await get('/api/traces/3a87c9151bb15a09d7cde931b522865')).status,
    ).toBe(200);
    const nf = await get('/api/traces/0123456789abcdef');
    expect(nf.status).toBe(404);
    expect(await nf.text()).toBe('');
    expect((await get('/api/traces/xyz')).status).toBe(400);
    expect((await get(`/api/traces/${'a'.repeat(33)}`)).status).toBe(400);
    const v2 = await (await get(`/api/v2/traces/${OK}`)).json();
    expect(
      shapeDiff(v2, fixture('tempo/trace-by-id-v2.json').response.body, true),
    ).toEqual([]);
    expect(await (await get('/api/v2/traces/0123456789abcdef')).json()).toEqual(
      { trace: {} },
    );
  });

  it('serves echo, tags (v1 and v2) and v2 tag values', async () => {
    expect(await (await get('/api/echo')).text()).toBe('echo');
    const v1 = await (await get('/api/search/tags')).json();
    expect(
      shapeDiff(v1, fixture('tempo/search-tags.json').response.body, true),
    ).toEqual([]);
    expect(v1.tagNames).toEqual([
      'http.method',
      'http.route',
      'http.status_code',
      'k8s.namespace.name',
      'service.name',
    ]);
    const v2 = await (await get('/api/v2/search/tags')).json();
    expect(
      shapeDiff(v2, fixture('tempo/search-tags-v2.json').response.body, true),
    ).toEqual([]);
    expect(v2.scopes.map((s: any) => s.name)).toEqual([
      'span',
      'resource',
      'intrinsic',
    ]);
    const f = fixture('tempo/search-tag-values-v2-service-name.json');
    const values = await (await get(f.request.path)).json();
    expect(shapeDiff(values, f.response.body, true)).toEqual([]);
    expect(values.tagValues).toEqual(f.response.body.tagValues);
    const status = await (await get('/api/v2/search/tag/status/values')).json();
    expect(status.tagValues).toEqual(
      expect.arrayContaining([{ type: 'keyword', value: 'error' }]),
    );
    expect((await get('/api/v2/search/tag/unscoped/values')).status).toBe(400);
  });
});
