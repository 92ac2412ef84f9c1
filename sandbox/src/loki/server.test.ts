import WebSocket from 'ws';
import { fixture, mount, shapeDiff, type Mounted } from '../testing/helpers.ts';
import { createLokiSim, type LokiSim } from './server.ts';
import { LogStore } from './store.ts';

const T0 = 1795252700n * 1_000_000_000n;

function line(
  level: string,
  msg: string,
  status: number,
  traceId: string,
  offsetS: number,
): [string, string] {
  return [
    (T0 + BigInt(offsetS) * 1_000_000_000n).toString(),
    JSON.stringify({
      ts: new Date(Number(T0 / 1_000_000n) + offsetS * 1000).toISOString(),
      level,
      msg,
      status,
      trace_id: traceId,
    }),
  ];
}

describe('Loki simulator', () => {
  let sim: LokiSim;
  let m: Mounted;
  const q = (
    path: string,
    params: Record<string, string>,
    headers: Record<string, string> = {},
  ) => fetch(`${m.url}${path}?${new URLSearchParams(params)}`, { headers });
  const push = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${m.url}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const range = {
    start: (T0 - 60_000_000_000n).toString(),
    end: (T0 + 600_000_000_000n).toString(),
  };

  beforeAll(async () => {
    sim = createLokiSim({ store: new LogStore() });
    m = await mount(sim.handler, s => s.on('upgrade', sim.upgrade));
    const nginxInfo = [
      line(
        'info',
        'GET /api/orders 200',
        200,
        '03a87c9151bb15a09d7cde931b522865',
        23,
      ),
      line('info', 'GET / 200', 200, '6be89a34f031aa935d89ea480612ad7a', 35),
    ];
    const r = await push({
      streams: [
        {
          stream: { app: 'msa-nginx', namespace: 'default', level: 'info' },
          values: nginxInfo.map(([t, l]) => [
            t,
            l,
            { trace_id: JSON.parse(l).trace_id },
          ]),
        },
        {
          stream: { app: 'msa-nginx', namespace: 'default', level: 'error' },
          values: [
            line(
              'error',
              'POST /api/login 502 upstream error',
              502,
              'b67300518317c89eb9b17b55250a09ba',
              47,
            ),
          ].map(([t, l]) => [
            t,
            l,
            { trace_id: 'b67300518317c89eb9b17b55250a09ba' },
          ]),
        },
        {
          stream: { app: 'login-js', namespace: 'default', level: 'error' },
          values: [
            line(
              'error',
              'POST /login 500 database connection refused',
              500,
              'b67300518317c89eb9b17b55250a09ba',
              48,
            ),
          ],
        },
        {
          stream: { app: 'login-js', namespace: 'default', level: 'info' },
          values: [
            line(
              'info',
              'GET /session 200',
              200,
              '03a87c9151bb15a09d7cde931b522865',
              24,
            ),
          ],
        },
      ],
    });
    if (r.status !== 204) throw new Error(`seeding Loki failed: ${r.status}`);
  });
  afterAll(async () => {
    sim.close();
    await m.close();
  });

  it('answers query_range log queries shaped like the recorded Loki 3.4 response', async () => {
    const f = fixture('loki/query-range-streams.json');
    const r = await q('/loki/api/v1/query_range', {
      query: '{app="msa-nginx"}',
      limit: '100',
      ...range,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(f.response.contentType);
    const body = await r.json();
    expect(shapeDiff(body, f.response.body)).toEqual([]);
    expect(Object.keys(body.data).sort()).toEqual(
      Object.keys(f.response.body.data).sort(),
    );
    expect(body.data.result).toHaveLength(3);
    expect(Object.keys(body.data.result[0].stream).sort()).toEqual(
      Object.keys(f.response.body.data.result[0].stream).sort(),
    );
    expect(body.data.result[0].stream).toMatchObject({
      app: 'msa-nginx',
      detected_level: 'error',
      service_name: 'msa-nginx',
      trace_id: 'b67300518317c89eb9b17b55250a09ba',
    });
    const ts = body.data.result.flatMap((s: any) =>
      s.values.map((v: string[]) => v[0]),
    );
    expect(
      ts.every(
        (t: unknown) => typeof t === 'string' && /^\d{19}$/.test(t as string),
      ),
    ).toBe(true);
  });

  it('honours direction, limit, line filters, | json and label filters', async () => {
    const fwd = await (
      await q('/loki/api/v1/query_range', {
        query: '{namespace="default"}',
        direction: 'forward',
        limit: '2',
        ...range,
      })
    ).json();
    const all = fwd.data.result.flatMap((s: any) =>
      s.values.map((v: string[]) => v[1]),
    );
    expect(all.map((l: string) => JSON.parse(l).msg).sort()).toEqual([
      'GET /api/orders 200',
      'GET /session 200',
    ]);
    const errs = await (
      await q('/loki/api/v1/query_range', {
        query:
          '{namespace="default"} |= "upstream" | json | status >= 500 | level="error"',
        ...range,
      })
    ).json();
    expect(errs.data.result).toHaveLength(1);
    expect(errs.data.result[0].stream).toMatchObject({
      app: 'msa-nginx',
      level: 'error',
      level_extracted: 'error',
      status: '502',
      msg: 'POST /api/login 502 upstream error',
    });
    const re = await (
      await q('/loki/api/v1/query_range', {
        query: '{app=~"login.*"} !~ `(?i)session`',
        ...range,
      })
    ).json();
    expect(re.data.result.map((s: any) => s.values.length)).toEqual([1]);
    const cat = await (
      await q(
        '/loki/api/v1/query_range',
        { query: '{app="msa-nginx", level="error"}', ...range },
        { 'X-Loki-Response-Encoding-Flags': 'categorize-labels' },
      )
    ).json();
    expect(cat.data.encodingFlags).toEqual(['categorize-labels']);
    expect(cat.data.result[0].stream).toEqual({
      app: 'msa-nginx',
      level: 'error',
      namespace: 'default',
      service_name: 'msa-nginx',
    });
    expect(cat.data.result[0].values[0][2]).toEqual({
      structuredMetadata: {
        detected_level: 'error',
        trace_id: 'b67300518317c89eb9b17b55250a09ba',
      },
    });
  });

  it('evaluates sum by (level) (count_over_time(...)) into a matrix like the recording', async () => {
    const f = fixture('loki/query-range-matrix.json');
    const r = await q('/loki/api/v1/query_range', {
      query: f.request.query.query,
      step: '60',
      ...range,
    });
    const body = await r.json();
    expect(shapeDiff(body, f.response.body)).toEqual([]);
    expect(body.data.resultType).toBe('matrix');
    expect(body.data.result.map((s: any) => s.metric)).toEqual([
      { level: 'error' },
      { level: 'info' },
    ]);
    const [t, v] =
      body.data.result[1].values[body.data.result[1].values.length - 1];
    expect(typeof t).toBe('number');
    expect(t % 60).toBe(0);
    expect(v).toBe('2');
    const rate = await (
      await q('/loki/api/v1/query_range', {
        query: 'sum(rate({app="login-js"}[1m]))',
        step: '30s',
        ...range,
      })
    ).json();
    expect(rate.data.result[0].metric).toEqual({});
    expect(
      rate.data.result[0].values.some(
        (p: [number, string]) => p[1] === '0.016666666666666666',
      ),
    ).toBe(true);
    const inst = await (
      await q('/loki/api/v1/query', {
        query: 'count_over_time({app="login-js"}[10m])',
        time: (T0 + 100_000_000_000n).toString(),
      })
    ).json();
    expect(inst.data.resultType).toBe('vector');
    expect(inst.data.result[0].value[1]).toBe('1');
  });

  it('serves labels, label values, unknown label values and series', async () => {
    const labels = await (await q('/loki/api/v1/labels', range)).json();
    expect(
      shapeDiff(labels, fixture('loki/labels.json').response.body, true),
    ).toEqual([]);
    expect(labels.data).toEqual(['app', 'level', 'namespace', 'service_name']);
    const values = await (
      await q('/loki/api/v1/label/app/values', range)
    ).json();
    expect(values).toEqual({
      status: 'success',
      data: ['login-js', 'msa-nginx'],
    });
    expect(
      await (await q('/loki/api/v1/label/nope/values', range)).json(),
    ).toEqual({ status: 'success' });
    const series = await (
      await q('/loki/api/v1/series', {
        'match[]': '{app="login-js"}',
        ...range,
      })
    ).json();
    expect(series.data).toHaveLength(2);
    expect(series.data[0]).toEqual({
      app: 'login-js',
      level: 'error',
      namespace: 'default',
      service_name: 'login-js',
    });
  });

  it('answers errors in plain text: parse errors, limit > 5000, instant log queries, bad pushes', async () => {
    const parse = await q('/loki/api/v1/query_range', {
      query: '{app="x"',
      ...range,
    });
    expect(parse.status).toBe(400);
    expect(parse.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await parse.text()).toBe(
      'parse error at line 1, col 9: syntax error: unexpected $end, expecting } or ,',
    );
    const limit = await q('/loki/api/v1/query_range', {
      query: '{app="x"}',
      limit: '5001',
    });
    expect(limit.status).toBe(400);
    expect(await limit.text()).toMatch(
      /max entries limit per query exceeded.*5001 > 5000/,
    );
    const inst = await q('/loki/api/v1/query', { query: '{app="x"}' });
    expect(inst.status).toBe(400);
    expect(await inst.text()).toMatch(
      /log queries are not supported as an instant query type/,
    );
    expect(
      (
        await q('/loki/api/v1/query_range', {
          query: '{app="x"}',
          start: '10',
          end: '5',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await q('/loki/api/v1/query_range', {
          query: 'rate({app="x"}[1m])',
          step: '0',
        })
      ).status,
    ).toBe(400);
    expect(
      (await push({ streams: [{ stream: {}, values: [['1', 'x']] }] })).status,
    ).toBe(400);
    expect(
      (await push({ streams: [{ stream: { a: 'b' }, values: [[1, 'x']] }] }))
        .status,
    ).toBe(400);
    expect((await q('/loki/api/v1/series', {})).status).toBe(400);
  });

  it('keeps tenants apart with X-Scope-OrgID (default tenant "fake")', async () => {
    expect(
      (
        await push(
          {
            streams: [
              {
                stream: { app: 'tenant-only' },
                values: [[T0.toString(), 'hello']],
              },
            ],
          },
          { 'X-Scope-OrgID': 'team-b' },
        )
      ).status,
    ).toBe(204);
    const other = await (
      await q('/loki/api/v1/query_range', {
        query: '{app="tenant-only"}',
        ...range,
      })
    ).json();
    expect(other.data.result).toEqual([]);
    const mine = await (
      await q(
        '/loki/api/v1/query_range',
        { query: '{app="tenant-only"}', ...range },
        { 'X-Scope-OrgID': 'team-b' },
      )
    ).json();
    expect(mine.data.result[0].values[0][1]).toBe('hello');
  });

  it('tails over WebSocket: backlog then live frames {streams, dropped_entries}', async () => {
    const url = `${m.url.replace(
      'http',
      'ws',
    )}/loki/api/v1/tail?${new URLSearchParams({
      query: '{app="tail-test"} |= "keep"',
      start: (T0 - 1n).toString(),
    })}`;
    await push({
      streams: [
        {
          stream: { app: 'tail-test' },
          values: [
            [T0.toString(), 'keep old'],
            [(T0 + 1n).toString(), 'drop old'],
          ],
        },
      ],
    });
    const ws = new WebSocket(url);
    const frames: any[] = [];
    const got = new Promise<void>((resolve, reject) => {
      ws.on('message', data => {
        frames.push(JSON.parse(String(data)));
        if (frames.length === 2) resolve();
      });
      ws.on('error', reject);
    });
    await new Promise<void>(r => ws.on('open', () => r()));
    await push({
      streams: [
        {
          stream: { app: 'tail-test' },
          values: [
            [(T0 + 5n).toString(), 'keep new'],
            [(T0 + 6n).toString(), 'drop new'],
          ],
        },
      ],
    });
    await got;
    ws.close();
    expect(frames[0]).toEqual({
      streams: [
        {
          stream: { app: 'tail-test', service_name: 'tail-test' },
          values: [[T0.toString(), 'keep old']],
        },
      ],
      dropped_entries: null,
    });
    expect(frames[1].streams[0].values).toEqual([
      [(T0 + 5n).toString(), 'keep new'],
    ]);
    const bad = await fetch(`${m.url}/loki/api/v1/tail?query=x`);
    expect(bad.status).toBe(400);
  });
});
