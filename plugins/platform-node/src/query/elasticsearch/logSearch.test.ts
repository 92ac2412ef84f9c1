import { ECS_LOG_FIELDS, parseEsLogFields, resolveEsLogFields } from './fields';
import { checkEsIndexPattern, esIndexPatternProblem } from './indexPattern';
import { buildEsLogSearch, EsLogSearchInput } from './logSearch';

const base: EsLogSearchInput = {
  fields: { ...ECS_LOG_FIELDS },
  service: 'login-js',
  namespace: 'msa',
  range: { startMs: 1_000, endMs: 2_000 },
  size: 100,
};

function body(over: Partial<EsLogSearchInput>) {
  const r = buildEsLogSearch({ ...base, ...over });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function refused(over: Partial<EsLogSearchInput>): string {
  const r = buildEsLogSearch({ ...base, ...over });
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(r.value)}`);
  return r.message;
}

/** Every key anywhere in the body: the query types and fields it uses. */
function keys(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v)) v.forEach(x => keys(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keys(x, out);
    }
  return out;
}

const HOSTILE = [
  '"',
  '*',
  'a OR b',
  '_exists_:trace.id',
  '{"script":{"source":"1"}}',
  '"} }, {"query_string":{"query":"*"}}',
  "' OR 1=1 --",
  'message:* AND NOT log.level:info',
];

describe('buildEsLogSearch', () => {
  it('filters on namespace, service and the range, sorted newest first with a _doc tiebreaker', () => {
    expect(body({})).toEqual({
      query: {
        bool: {
          filter: [
            { term: { 'kubernetes.namespace': 'msa' } },
            { term: { 'service.name': 'login-js' } },
            {
              range: {
                '@timestamp': { gte: 1000, lte: 2000, format: 'epoch_millis' },
              },
            },
          ],
        },
      },
      sort: [
        { '@timestamp': { order: 'desc', unmapped_type: 'date' } },
        { _doc: 'desc' },
      ],
      size: 100,
      _source: [
        '@timestamp',
        'message',
        'log.level',
        'service.name',
        'kubernetes.namespace',
        'trace.id',
      ],
      track_total_hits: false,
    });
  });

  it('turns levels into a terms filter of the spellings loggers use, and unknown into must_not', () => {
    const f = body({ levels: ['error', 'warn'] }).query.bool.filter[3] as any;
    expect(f.terms['log.level']).toEqual(
      expect.arrayContaining([
        'error',
        'ERROR',
        'Error',
        'err',
        'warn',
        'WARNING',
        'warning',
      ]),
    );
    expect(f.terms['log.level']).not.toContain('info');
    const u = body({ levels: ['unknown', 'error'] }).query.bool
      .filter[3] as any;
    expect(u.bool.minimum_should_match).toBe(1);
    expect(u.bool.should[1].bool.must_not[0].terms['log.level']).toContain(
      'INFO',
    );
    expect(refused({ levels: ['loud' as any] })).toContain(
      "levels: 'loud' is not a level",
    );
  });

  it('matches a 64-bit trace id in both its 16- and 32-digit forms', () => {
    const f = body({ traceId: '0123456789abcdef' }).query.bool.filter[3];
    expect(f).toEqual({
      terms: {
        'trace.id': ['0123456789abcdef', '00000000000000000123456789abcdef'],
      },
    });
    const g = body({ traceId: '00000000000000000123456789abcdef' }).query.bool
      .filter[3];
    expect(g).toEqual({
      terms: {
        'trace.id': ['00000000000000000123456789abcdef', '0123456789abcdef'],
      },
    });
    expect(refused({ traceId: '*' })).toContain('traceId');
    expect(refused({ traceId: 'ABCDEF0123456789' })).toContain('traceId');
  });

  it.each(HOSTILE)(
    'keeps hostile text %j a match_phrase string: no query_string, no script',
    text => {
      const b = body({ text, service: text });
      const k = keys(b);
      for (const banned of [
        'query_string',
        'simple_query_string',
        'script',
        'wildcard',
        'regexp',
        'prefix',
      ])
        expect(k.has(banned)).toBe(false);
      expect(b.query.bool.filter).toContainEqual({
        match_phrase: { message: { query: text } },
      });
      expect(b.query.bool.filter).toContainEqual({
        term: { 'service.name': text },
      });
      // the text is one JSON string value, whatever it contains
      expect(JSON.parse(JSON.stringify(b)).query.bool.filter).toEqual(
        b.query.bool.filter,
      );
    },
  );

  it('refuses control characters, empty and over-long text and service', () => {
    expect(refused({ text: 'a\nb' })).toContain('text');
    expect(refused({ text: '   ' })).toContain('text');
    expect(refused({ text: 'x'.repeat(257) })).toContain('text');
    expect(refused({ service: '' })).toContain('service');
    expect(refused({ service: 'a\u0000' })).toContain('service');
  });

  it('refuses a namespace that is not a namespace name (the scope filter cannot be widened)', () => {
    expect(refused({ namespace: '*' })).toContain('namespace');
    expect(refused({ namespace: 'msa OR x' })).toContain('namespace');
  });

  it.each([
    '*',
    'message OR x',
    '_exists_',
    '_source',
    'a:b',
    'a b',
    '{"script":1}',
    'a..b',
    'a.',
    '.a',
    '-a',
    'a"b',
  ])('refuses the field name %j', name => {
    expect(refused({ fields: { ...ECS_LOG_FIELDS, message: name } })).toContain(
      'fields.message',
    );
    expect(refused({ tiebreaker: name })).toContain('tiebreaker');
  });

  it('bounds size by index.max_result_window and checks the range', () => {
    expect(refused({ size: 10_001 })).toContain('max_result_window');
    expect(refused({ size: 0 })).toContain('size');
    expect(refused({ size: 1.5 })).toContain('size');
    expect(refused({ range: { startMs: 5, endMs: 4 } })).toContain('range');
    expect(refused({ range: { startMs: NaN, endMs: 4 } })).toContain('range');
  });

  it('takes search_after only as [ms, doc] pairs and sorts forward for the live view', () => {
    const b = body({ searchAfter: [1500, 7], direction: 'forward' });
    expect(b.search_after).toEqual([1500, 7]);
    expect(b.sort).toEqual([
      { '@timestamp': { order: 'asc', unmapped_type: 'date' } },
      { _doc: 'asc' },
    ]);
    for (const bad of [
      [1500],
      '1500,7',
      [1500, '7'],
      [1500, { script: 1 }],
      [1.5, 7],
      [1500, -1],
      null,
    ])
      expect(refused({ searchAfter: bad })).toContain('searchAfter');
    const t = body({
      tiebreaker: 'event.sequence',
      searchAfter: [1500, 'abc'],
    });
    expect(t.sort[1]).toEqual({
      'event.sequence': { order: 'desc', unmapped_type: 'keyword' },
    });
    expect(t.search_after).toEqual([1500, 'abc']);
  });
});

describe('parseEsLogFields', () => {
  it('reads role=field pairs over the ECS defaults', () => {
    const r = parseEsLogFields(
      'level=severity, traceId=trace_id',
      'annotation x',
    );
    expect(r).toEqual({
      ok: true,
      value: { level: 'severity', traceId: 'trace_id' },
    });
    expect(
      resolveEsLogFields({ message: 'msg' }, r.ok ? r.value : undefined),
    ).toEqual({
      ...ECS_LOG_FIELDS,
      message: 'msg',
      level: 'severity',
      traceId: 'trace_id',
    });
  });

  it.each([
    ['', 'is empty'],
    ['level', 'without role=field'],
    ['colour=x', 'unknown role'],
    ['level=a,level=b', 'twice'],
    ['level=*', 'not a field name'],
    ['message=_exists_', 'not a field name'],
    ['message=a OR b', 'not a field name'],
    ['__proto__=x', 'unknown role'],
  ])('refuses %j (%s)', (raw, why) => {
    const r = parseEsLogFields(raw, 'annotation x');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(why);
  });
});

describe('checkEsIndexPattern', () => {
  const allow = ['logs-*', 'app-msa-*'];
  it('accepts patterns inside the allow-list', () => {
    expect(checkEsIndexPattern('logs-msa-*', allow, 'a')).toEqual({
      ok: true,
      value: 'logs-msa-*',
    });
    expect(
      checkEsIndexPattern('logs-msa-2026.12.06, app-msa-x', allow, 'a'),
    ).toEqual({
      ok: true,
      value: 'logs-msa-2026.12.06,app-msa-x',
    });
    expect(checkEsIndexPattern('logs-*-prod', allow, 'a').ok).toBe(true);
  });

  it.each([
    '*',
    'logs*',
    'l*',
    'other',
    '*-msa-*',
    'app-*',
    '_all',
    'logs-msa-*,-logs-x',
    'remote:logs-x',
    '<logs-{now/d}>',
    'LOGS-x',
    'logs-x/../y',
    'logs-x,',
    '',
  ])('refuses %j', pattern => {
    const r = checkEsIndexPattern(pattern, allow, 'annotation y');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('annotation y');
  });

  it('checks allow-list entries', () => {
    expect(esIndexPatternProblem('logs-*')).toBeUndefined();
    expect(esIndexPatternProblem('*')).toContain('every index');
    expect(esIndexPatternProblem('Logs')).toContain('not an index pattern');
  });
});
