import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';

// The Logs route reading Elasticsearch (the sandbox's simulator, written from the REST API spec) for entities
// with elasticsearch-* annotations: filters, trace ids, the Kibana link, errors as data, hostile annotation and
// query values (refused naming the field, or matched literally: the simulator evaluates the query DSL), and the
// live view's shared poll. Runs on request:
//   PLATFORM_SANDBOX_IT=1 yarn test plugins/platform-backend/src/esLogs.integration.test.ts
const SANDBOX_INDEX = path.resolve(__dirname, '../../../sandbox/src/index.ts');
const run =
  process.env.PLATFORM_SANDBOX_IT && fs.existsSync(SANDBOX_INDEX)
    ? describe
    : describe.skip;

const KEY = Buffer.from('sandbox-es-key:sandbox-es-api-key').toString('base64');
const NOW = Date.now();
const LEVELS = ['info', 'INFO', 'warning', 'error', 'ERROR', 'debug', 'fatal'];
const HOSTILE_TEXT = [
  'user typed OR 1=1 in the login form',
  'lookup _exists_:trace.id failed',
  'payload {"script":{"source":"ctx"}} rejected',
  'quote " in message',
  'star * in message',
];
const dayIndex = (ms: number) =>
  `logs-msa-${new Date(ms).toISOString().slice(0, 10).replace(/-/g, '.')}`;
const traceOf = (i: number) => (i + 1).toString(16).padStart(32, '0');

function entity(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-namespace': 'msa',
        'backstage.io/kubernetes-id': 'login-js',
        ...annotations,
      },
    },
    spec: { type: 'service', owner: 'group:default/team', lifecycle: 'x' },
  };
}

const ES = { 'platform.paved-road.dev/elasticsearch-index': 'logs-msa-*' };
const HOSTILE_ANNOTATIONS: [string, string, string][] = [
  ['idx-all', 'platform.paved-road.dev/elasticsearch-index', '_all'],
  ['idx-or', 'platform.paved-road.dev/elasticsearch-index', 'logs-* OR x'],
  ['idx-excl', 'platform.paved-road.dev/elasticsearch-index', 'logs-*,-logs-x'],
  ['idx-json', 'platform.paved-road.dev/elasticsearch-index', '{"script":1}'],
  ['idx-quote', 'platform.paved-road.dev/elasticsearch-index', 'logs-"x'],
  [
    'fld-exists',
    'platform.paved-road.dev/elasticsearch-fields',
    'level=_exists_',
  ],
  [
    'fld-script',
    'platform.paved-road.dev/elasticsearch-fields',
    'message={"script":{"source":"1"}}',
  ],
  ['fld-star', 'platform.paved-road.dev/elasticsearch-fields', 'service=*'],
  ['fld-or', 'platform.paved-road.dev/elasticsearch-fields', 'level=a OR b'],
];
// Annotation values that are not names but harmless as one term: matched literally, so nothing matches.
const LITERAL_SERVICES: [string, string][] = [
  ['svc-star', '*'],
  ['svc-or', 'login-js OR *'],
  ['svc-exists', '_exists_:service.name'],
  ['svc-json', '{"script":{"source":"1"}}'],
  ['svc-quote', 'login-js"'],
];

run('Logs from Elasticsearch through the logs route', () => {
  jest.setTimeout(60_000);
  let es: http.Server;
  let sim: any;
  let server: http.Server;
  const base = (name: string) =>
    `/api/platform/v1/entities/default/component/${name}`;
  const logs = async (name: string, query: Record<string, string> = {}) =>
    request(server)
      .get(`${base(name)}/logs`)
      .query(query);
  const okLines = async (name: string, query: Record<string, string> = {}) => {
    const res = await logs(name, query);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    return res.body.value.lines as any[];
  };
  /** What the store holds for login-js in msa, by a predicate. */
  const stored = (pred: (src: any) => boolean) =>
    sim.store
      .all()
      .flatMap((i: any) => i.docs)
      .map((d: any) => d.source)
      .filter(
        (s: any) =>
          s.service.name === 'login-js' &&
          s.kubernetes.namespace === 'msa' &&
          pred(s),
      );

  beforeAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sandbox = require(SANDBOX_INDEX);
    sim = sandbox.createElasticsearchSim();
    es = http.createServer(sim.handler);
    await new Promise<void>(r => es.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(es.address() as AddressInfo).port}`;
    for (let i = 0; i < 140; i++) {
      const ts = NOW - 30 * 60_000 + i * 1000;
      sim.store.add(dayIndex(ts), {
        '@timestamp': new Date(ts).toISOString(),
        message: `GET /session 200 line ${i}`,
        log: { level: LEVELS[i % LEVELS.length] },
        service: { name: i % 4 === 3 ? 'msa-nginx' : 'login-js' },
        kubernetes: { namespace: i % 10 === 9 ? 'other' : 'msa' },
        trace: { id: traceOf(i) },
      });
    }
    // a second index, so one failing shard leaves a partial answer (all shards failing is an error)
    sim.store.add('logs-msa-2000.01.01', {
      '@timestamp': '2000-01-01T00:00:00.000Z',
      message: 'old',
      log: { level: 'info' },
      service: { name: 'login-js' },
      kubernetes: { namespace: 'msa' },
    });
    HOSTILE_TEXT.forEach((message, i) =>
      sim.store.add(dayIndex(NOW - 60_000), {
        '@timestamp': new Date(NOW - 60_000 + i).toISOString(),
        message,
        log: { level: 'info' },
        service: { name: 'login-js' },
        kubernetes: { namespace: 'msa' },
      }),
    );
    const esConfig = (apiKey: string) => ({
      instances: [
        { name: 'main', url, apiKey },
        { name: 'badkey', url, apiKey: Buffer.from('x:y').toString('base64') },
      ],
      allowedIndexPatterns: ['logs-*'],
      kibanaUrl: 'https://kibana.example.com',
    });
    server = await startPlatformBackend({
      config: {
        platform: {
          cacheTtlSeconds: 0,
          timeoutMs: 1000,
          scope: { allowedNamespaces: ['msa'] },
          loki: { url: 'http://127.0.0.1:9' },
          elasticsearch: esConfig(KEY),
        },
      },
      entities: [
        entity('login-js', ES),
        entity('other-ns', { ...ES, 'backstage.io/kubernetes-namespace': 'x' }),
        entity('wrong-key', {
          ...ES,
          'platform.paved-road.dev/elasticsearch-instance': 'badkey',
        }),
        entity('no-instance', {
          'platform.paved-road.dev/elasticsearch-instance': 'nope" OR 1',
        }),
        entity('missing-index', {
          'platform.paved-road.dev/elasticsearch-index': 'logs-msa-1999.01.01',
        }),
        entity('idx-star', {
          'platform.paved-road.dev/elasticsearch-index': '*',
        }),
        entity('outside', {
          'platform.paved-road.dev/elasticsearch-index': 'metrics-app',
        }),
        entity('loki-one', {
          'platform.paved-road.dev/loki-labels': 'app=loki-one',
        }),
        ...HOSTILE_ANNOTATIONS.map(([name, key, value]) =>
          entity(name, { [key]: value }),
        ),
        ...LITERAL_SERVICES.map(([name, value]) =>
          entity(name, {
            ...ES,
            'platform.paved-road.dev/elasticsearch-service': value,
          }),
        ),
      ],
    });
  });
  afterAll(async () => {
    await new Promise(r => es.close(r));
  });
  afterEach(() => {
    sim.faults.shardFailure = undefined;
    sim.faults.delayMs = undefined;
  });

  it("reads the entity's lines from Elasticsearch, newest first, inside its namespace, with a Kibana link", async () => {
    const res = await logs('login-js', { limit: '1000' });
    expect(res.status).toBe(200);
    const value = res.body.value;
    const expected = stored(s => s.message !== 'old');
    expect(value.lines).toHaveLength(expected.length);
    expect(value.truncated).toBe(false);
    expect(value.exploreKind).toBe('kibana');
    expect(value.exploreUrl).toMatch(
      /^https:\/\/kibana\.example\.com\/app\/discover#\/\?_g=/,
    );
    expect(decodeURIComponent(value.exploreUrl)).toContain(
      'kubernetes.namespace:"msa" and service.name:"login-js"',
    );
    const ts: bigint[] = value.lines.map((l: any) => BigInt(l.timestampNs));
    expect(ts.every((t, i) => i === 0 || ts[i - 1] >= t)).toBe(true);
    expect(
      value.lines.every(
        (l: any) =>
          l.labels['kubernetes.namespace'] === 'msa' &&
          l.labels['service.name'] === 'login-js',
      ),
    ).toBe(true);
    // line 3 is msa-nginx's, line 9 in another namespace
    expect(value.lines.map((l: any) => l.line)).not.toContain(
      'GET /session 200 line 3',
    );
    expect(value.lines.map((l: any) => l.line)).not.toContain(
      'GET /session 200 line 9',
    );
    const line4 = value.lines.find((l: any) => l.line.endsWith(' line 4'));
    expect(line4).toMatchObject({ level: 'error', traceId: traceOf(4) });
    // a small limit cuts and says so
    const few = await logs('login-js', { limit: '5' });
    expect(few.body.value.lines).toHaveLength(5);
    expect(few.body.value.truncated).toBe(true);
  });

  it('filters levels, text and trace id in Elasticsearch, with the same answers as the store', async () => {
    const errors = await okLines('login-js', { level: 'error', limit: '1000' });
    const want = stored(s => /^error$/i.test(s.log.level));
    expect(errors.length).toBe(want.length);
    expect(errors.every(l => l.level === 'error')).toBe(true);
    const warnFatal = await okLines('login-js', {
      level: 'warn,fatal',
      limit: '1000',
    });
    expect(warnFatal.length).toBe(
      stored(s => ['warning', 'fatal'].includes(s.log.level)).length,
    );
    const byText = await okLines('login-js', { text: 'line 12' });
    expect(byText.map(l => l.line)).toEqual(['GET /session 200 line 12']);
    const byTrace = await okLines('login-js', { traceId: traceOf(12) });
    expect(byTrace.map(l => l.line)).toEqual(['GET /session 200 line 12']);
    // a 64-bit id given in 16 digits finds the zero-padded 32-digit field value
    const short = await okLines('login-js', {
      traceId: traceOf(12).slice(16),
    });
    expect(short).toHaveLength(1);
  });

  it.each([
    ['OR 1=1', [HOSTILE_TEXT[0]]],
    ['_exists_:trace.id', [HOSTILE_TEXT[1]]],
    ['{"script":{"source":"ctx"}}', [HOSTILE_TEXT[2]]],
    ['*', []],
    ['"', []],
    ['line 1" OR "line 2', []],
  ])('matches the text %j literally', async (text, expected) => {
    expect((await okLines('login-js', { text })).map(l => l.line)).toEqual(
      expected,
    );
  });

  it.each([
    [{ text: 'a\nb' }, 'text'],
    [{ text: 'a\u0000' }, 'text'],
    [{ level: '*' }, 'level'],
    [{ level: 'error OR 1' }, 'level'],
    [{ traceId: '*' }, 'traceId'],
    [{ traceId: '{"script":1}' }, 'traceId'],
    [{ limit: '10001' }, 'limit'],
    [{ query: '{"script":{"source":"1"}}' }, 'query'],
    [{ _source: 'x' }, '_source'],
  ])('refuses the query %j naming %s', async (query, field) => {
    const res = await logs('login-js', query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
  });

  it.each(HOSTILE_ANNOTATIONS)(
    'refuses the annotation of %s (%s = %j) naming it, with no search sent',
    async (name, key) => {
      const before = sim.requests.length;
      const res = await logs(name);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(key);
      expect(sim.requests.length).toBe(before);
    },
  );

  it.each(LITERAL_SERVICES)(
    'matches the service annotation of %s (%j) as one literal term',
    async name => {
      expect(await okLines(name)).toEqual([]);
    },
  );

  it('keeps errors as data: namespace bound, allow-list, instance, credentials, missing index, shards, timeout', async () => {
    const kind = async (name: string) => {
      const res = await logs(name);
      expect({
        name,
        status: res.status,
        body: res.status === 200 ? undefined : res.body,
      }).toEqual({ name, status: 200, body: undefined });
      expect(res.body.ok).toBe(false);
      return res.body.error;
    };
    expect((await kind('other-ns')).kind).toBe('forbidden');
    // a well-formed pattern outside the operator's allow-list: forbidden, naming the config key
    const star = await kind('idx-star');
    expect(star.kind).toBe('forbidden');
    expect(star.message).toContain(
      'platform.paved-road.dev/elasticsearch-index',
    );
    const outside = await kind('outside');
    expect(outside.kind).toBe('forbidden');
    expect(outside.message).toContain('allowedIndexPatterns');
    const instance = await kind('no-instance');
    expect(instance).toMatchObject({
      kind: 'not-configured',
      missingAnnotation: 'platform.paved-road.dev/elasticsearch-instance',
    });
    expect((await kind('wrong-key')).kind).toBe('forbidden');
    const missing = await kind('missing-index');
    expect(missing.kind).toBe('not-found');
    expect(missing.message).toContain('index_not_found_exception');

    sim.faults.shardFailure = { indices: [dayIndex(NOW - 60_000)] };
    const partial = await logs('login-js');
    expect(partial.body.ok).toBe(true);
    expect(partial.body.value.warnings).toEqual([
      expect.stringMatching(/partial results: 1 of \d+ shards failed/),
    ]);
    sim.faults.shardFailure = undefined;

    sim.faults.delayMs = 1500;
    expect((await kind('login-js')).kind).toBe('timeout');
  });

  it('leaves an entity without elasticsearch annotations on Loki', async () => {
    const res = await logs('loki-one');
    expect(res.status).toBe(200);
    // Loki is not running here: the error names Loki, proving which backend was asked
    expect(res.body.ok).toBe(false);
    expect(res.body.error.message).toMatch(/Loki/);
  });

  it('live view: one shared poll for two viewers, each with its own filters, new lines only', async () => {
    const { port } = server.address() as AddressInfo;
    const open = (query: string) => {
      const events: any[] = [];
      const req = http.get(
        `http://127.0.0.1:${port}${base('login-js')}/logs/tail${query}`,
      );
      let buffer = '';
      req.on('response', res =>
        res.on('data', chunk => {
          buffer += chunk;
          const blocks = buffer.split('\n\n');
          buffer = blocks.pop()!;
          for (const block of blocks) {
            const name = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (name) events.push({ name, data: data && JSON.parse(data) });
          }
        }),
      );
      req.on('error', () => undefined);
      return { events, close: () => req.destroy() };
    };
    const all = open('');
    const errorsOnly = open('?level=error');
    await new Promise(r => setTimeout(r, 500));
    const searchesBefore = sim.requests.length;
    const t = Date.now();
    for (const [i, level] of ['info', 'error', 'info'].entries())
      sim.store.add(dayIndex(t), {
        '@timestamp': new Date(t + i).toISOString(),
        message: `live ${level} ${i}`,
        log: { level },
        service: { name: 'login-js' },
        kubernetes: { namespace: 'msa' },
      });
    const linesOf = (v: { events: any[] }) =>
      v.events
        .filter(e => e.name === 'lines')
        .flatMap(e => e.data.lines.map((l: any) => l.line));
    for (let i = 0; i < 80 && linesOf(all).length < 3; i++)
      await new Promise(r => setTimeout(r, 100));
    const polls = sim.requests.length - searchesBefore;
    all.close();
    errorsOnly.close();
    expect(linesOf(all)).toEqual([
      'live info 0',
      'live error 1',
      'live info 2',
    ]);
    for (let i = 0; i < 30 && linesOf(errorsOnly).length < 1; i++)
      await new Promise(r => setTimeout(r, 100));
    expect(linesOf(errorsOnly)).toEqual(['live error 1']);
    // two viewers, one poll loop: at most one search per 2 s interval (plus one in flight)
    expect(polls).toBeLessThanOrEqual(3);
    const bodies = sim.requests
      .slice(searchesBefore)
      .map((r: any) => JSON.parse(r.body));
    expect(
      bodies.every((b: any) => b.sort[0]['@timestamp'].order === 'asc'),
    ).toBe(true);
  });
  /** An SSE viewer of an entity's logs/tail: its events, parsed. */
  function tailViewer(name: string, query: Record<string, string>) {
    const { port } = server.address() as AddressInfo;
    const events: { name: string; data: any }[] = [];
    let status = 0;
    const req = http.get(
      `http://127.0.0.1:${port}${base(name)}/logs/tail?${new URLSearchParams(
        query,
      )}`,
    );
    let buffer = '';
    req.on('response', res => {
      status = res.statusCode ?? 0;
      res.on('data', chunk => {
        buffer += chunk;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop()!;
        for (const block of blocks) {
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event)
            events.push({ name: event, data: data && JSON.parse(data) });
        }
      });
    });
    req.on('error', () => undefined);
    return {
      events,
      status: () => status,
      body: () => buffer,
      lines: () =>
        events
          .filter(e => e.name === 'lines')
          .flatMap(e => e.data.lines.map((l: any) => l.line)),
      close: () => req.destroy(),
    };
  }

  it.each([
    [{ text: 'a\nb' }, 'text'],
    [{ level: '_exists_' }, 'level'],
    [{ traceId: '" OR 1' }, 'traceId'],
    [{ query: '{"script":{"source":"1"}}' }, 'query'],
  ])('refuses the live view query %j naming %s', async (query, field) => {
    const res = await request(server)
      .get(`${base('login-js')}/logs/tail`)
      .query(query);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
  });

  it.each(HOSTILE_ANNOTATIONS)(
    'refuses the live view of %s (%s = %j) naming the annotation, with no search sent',
    async (name, key) => {
      const before = sim.requests.length;
      const res = await request(server).get(`${base(name)}/logs/tail`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(key);
      expect(sim.requests.length).toBe(before);
    },
  );

  it('live view: hostile text filters match literally', async () => {
    const texts = [
      'OR 1=1',
      '*',
      '{"script":{"source":"1"}}',
      '_exists_:x',
      '"',
    ];
    const viewers = texts.map(text => tailViewer('login-js', { text }));
    await new Promise(r => setTimeout(r, 500));
    const t = Date.now();
    const messages = [
      'login OR 1=1 attempt',
      'plain line',
      'star * here',
      'body {"script":{"source":"1"}} refused',
      'has _exists_:x inside',
      'a " quote',
    ];
    messages.forEach((message, i) =>
      sim.store.add(dayIndex(t), {
        '@timestamp': new Date(t + i).toISOString(),
        message,
        log: { level: 'info' },
        service: { name: 'login-js' },
        kubernetes: { namespace: 'msa' },
      }),
    );
    const want = [
      ['login OR 1=1 attempt'],
      ['star * here'],
      ['body {"script":{"source":"1"}} refused'],
      ['has _exists_:x inside'],
      // a quote is a character like any other: both lines holding one
      ['body {"script":{"source":"1"}} refused', 'a " quote'],
    ];
    for (
      let i = 0;
      i < 80 && !viewers.every((v, k) => v.lines().length >= want[k].length);
      i++
    )
      await new Promise(r => setTimeout(r, 100));
    await new Promise(r => setTimeout(r, 300));
    viewers.forEach(v => v.close());
    expect(viewers.map(v => v.lines())).toEqual(want);
  });

  it('never sent a query_string, script, wildcard or regexp clause', () => {
    expect(sim.requests.length).toBeGreaterThan(20);
    for (const r of sim.requests)
      expect(r.body).not.toMatch(
        /"(query_string|simple_query_string|script|wildcard|regexp|prefix|fuzzy)"\s*:/,
      );
  });
});
