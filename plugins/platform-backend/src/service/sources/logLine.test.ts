import {
  LokiStream,
  parseLokiQueryData,
} from '@paved-road/backstage-plugin-platform-node';
import lokiStreams from '@paved-road/fixtures/loki/query-range-streams.json';
import {
  flattenStreams,
  lineFields,
  normaliseLevel,
  toLogLine,
} from './logLine';
import { LOG_LEVELS } from './logLevels';

const TS = '1795252813759000000';
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const line = (
  text: string,
  stream: Record<string, string> = {},
  metadata?: {
    structuredMetadata?: Record<string, string>;
    parsed?: Record<string, string>;
  },
) =>
  toLogLine(
    stream,
    (metadata
      ? [TS, text, metadata]
      : [TS, text]) as LokiStream['values'][number],
  );

describe('normaliseLevel', () => {
  it.each([
    ['info', 'info'],
    ['INFO', 'info'],
    [' Warning ', 'warn'],
    ['WARN', 'warn'],
    ['err', 'error'],
    ['ERROR', 'error'],
    ['dbg', 'debug'],
    ['notice', 'info'],
    ['information', 'info'],
    ['crit', 'fatal'],
    ['critical', 'fatal'],
    ['panic', 'fatal'],
    ['emergency', 'fatal'],
    ['trace', 'trace'],
    [10, 'trace'],
    [20, 'debug'],
    [30, 'info'],
    [40, 'warn'],
    [50, 'error'],
    [60, 'fatal'],
    [-1, 'trace'],
  ])('%p -> %p', (value, expected) => {
    expect(normaliseLevel(value)).toBe(expected);
  });

  it.each([
    '',
    'verbose',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    null,
    undefined,
    true,
    {},
    ['error'],
    '30',
  ])('does not know %p', value => {
    expect(normaliseLevel(value)).toBeUndefined();
  });
});

describe('lineFields', () => {
  it('reads a JSON object line', () => {
    expect(lineFields('  {"level":"warn","msg":"x","n":1}  ')).toEqual({
      level: 'warn',
      msg: 'x',
      n: 1,
    });
  });

  it('reads logfmt with quoted values, escapes, dotted keys and empty values', () => {
    expect(
      lineFields(
        'ts=2026-01-01T00:00:00Z level=error msg="db \\"down\\" again" trace.id=abc empty= k-v=1',
      ),
    ).toEqual({
      ts: '2026-01-01T00:00:00Z',
      level: 'error',
      msg: 'db "down" again',
      'trace.id': 'abc',
      empty: '',
      'k-v': '1',
    });
  });

  it('falls back to logfmt for broken JSON and ignores JSON that is not an object', () => {
    expect(lineFields('{"level":"error", level=warn')).toEqual({
      level: 'warn',
    });
    expect(lineFields('["level=error"]')).toEqual({});
    expect(lineFields('null')).toEqual({});
    expect(lineFields('plain text without pairs')).toEqual({});
    expect(lineFields('')).toEqual({});
  });

  it('does not treat "a=b" inside a word as a pair', () => {
    expect(lineFields('url=/x?level=error')).toEqual({ url: '/x?level=error' });
  });
});

describe('toLogLine', () => {
  it('JSON line: level and trace id from the line, labels kept', () => {
    expect(
      line(
        `{"level":"error","trace_id":"${TRACE.toUpperCase()}","msg":"boom"}`,
        { app: 'msa-nginx', namespace: 'msa' },
      ),
    ).toEqual({
      timestampNs: TS,
      line: `{"level":"error","trace_id":"${TRACE.toUpperCase()}","msg":"boom"}`,
      level: 'error',
      traceId: TRACE,
      labels: { app: 'msa-nginx', namespace: 'msa' },
    });
  });

  it.each([
    [`{"severity":"WARNING","traceId":"${TRACE}"}`, 'warn', TRACE],
    [`{"level":50,"traceID":"${TRACE}"}`, 'error', TRACE],
    [`{"lvl":"dbg","trace-id":"${TRACE}"}`, 'debug', TRACE],
    [`{"loglevel":"fatal","traceid":"${TRACE}"}`, 'fatal', TRACE],
    [`level=warn traceID=${TRACE} msg="slow"`, 'warn', TRACE],
    [
      `time=1 lvl=info trace_id=00f067aa0ba902b7`,
      'info',
      '000000000000000000f067aa0ba902b7',
    ],
    ['GET /healthz 200', 'unknown', undefined],
  ])('%s -> %s, %s', (text, level, traceId) => {
    const result = line(text);
    expect(result.level).toBe(level);
    expect(result.traceId).toBe(traceId);
  });

  it('the line wins over structured metadata, which wins over stream labels', () => {
    expect(
      line(
        'level=warn',
        { level: 'info' },
        { structuredMetadata: { level: 'error' } },
      ).level,
    ).toBe('warn');
    expect(
      line(
        'no level here',
        { level: 'info' },
        { structuredMetadata: { level: 'error' } },
      ).level,
    ).toBe('error');
    expect(line('no level here', { detected_level: 'debug' }).level).toBe(
      'debug',
    );
    expect(line('msg=x', {}, { parsed: { trace_id: TRACE } }).traceId).toBe(
      TRACE,
    );
    expect(line('msg=x', { trace_id: TRACE }).traceId).toBe(TRACE);
  });

  it('keeps structured metadata apart from the stream labels (categorize-labels); parsed labels join the labels', () => {
    const l = line(
      'x',
      { app: 'a' },
      { structuredMetadata: { pod: 'p-1' }, parsed: { status: '500' } },
    );
    expect(l.labels).toEqual({ app: 'a', status: '500' });
    expect(l.structuredMetadata).toEqual({ pod: 'p-1' });
    expect(line('x', { app: 'a' }).structuredMetadata).toBeUndefined();
  });

  it.each([
    ['too short', 'abc123'],
    ['too long', `${TRACE}0`],
    ['not hex', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'],
    ['a number', 12345678901234567],
    ['with a query', `${TRACE}"} or {x="`],
    ['padded', ` ${TRACE} `],
    ['unicode digits', '\uff14bf92f3577b34da6a3ce929d0e0e4736'],
  ])(
    'ignores a trace id that is %s, falling back to the labels',
    (_what, value) => {
      expect(line(JSON.stringify({ trace_id: value })).traceId).toBeUndefined();
      expect(
        line(JSON.stringify({ trace_id: value }), {
          traceId: '00f067aa0ba902b7',
        }).traceId,
      ).toBe('000000000000000000f067aa0ba902b7');
    },
  );

  it('survives adversarial lines', () => {
    expect(line('{"level":"__proto__","trace_id":{"x":1}}').level).toBe(
      'unknown',
    );
    expect(line('level=constructor').level).toBe('unknown');
    expect(
      line(
        '{"__proto__":{"level":"error"},"constructor":{"prototype":{"polluted":1}}}',
      ).level,
    ).toBe('unknown');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(line('__proto__=x level=warn').level).toBe('warn');
    expect(line('{"level":["error"]}').level).toBe('unknown');
    expect(line('{"level":null,"lvl":"warn"}').level).toBe('warn');
    expect(line('level="unterminated').level).toBe('unknown');
    expect(line('\u0000level=error\u0007').level).toBe('unknown'); // NUL glued to the key: not a pair
    expect(line('\nlevel=error\r').level).toBe('error');
    const long = `level=info ${'x'.repeat(200_000)} trace_id=${TRACE}`;
    expect(line(long)).toMatchObject({ level: 'info', traceId: TRACE });
    expect(line('{"level":"error"'.repeat(1000)).level).toBe('unknown');
  });
});

describe('flattenStreams', () => {
  const streams: LokiStream[] = [
    {
      stream: { app: 'a' },
      values: [
        ['1795252813759000003', 'a3'],
        ['1795252813759000001', 'a1'],
      ],
    },
    {
      stream: { app: 'b' },
      values: [
        ['1795252813759000002', 'b2'],
        ['1795252813759000001', 'b1'],
      ],
    },
  ];

  it('orders lines across streams by nanosecond time, newest first for backward', () => {
    expect(flattenStreams(streams, 'backward').map(l => l.line)).toEqual([
      'a3',
      'b2',
      'a1',
      'b1',
    ]);
    expect(flattenStreams(streams, 'forward').map(l => l.line)).toEqual([
      'a1',
      'b1',
      'b2',
      'a3',
    ]);
  });

  it('keeps precision beyond 2^53 nanoseconds', () => {
    const close: LokiStream[] = [
      {
        stream: {},
        values: [
          ['9007199254740993', 'later'],
          ['9007199254740992', 'earlier'],
        ],
      },
    ];
    expect(flattenStreams(close, 'forward').map(l => l.line)).toEqual([
      'earlier',
      'later',
    ]);
  });

  it('parses the recorded Loki answer', () => {
    const parsed = parseLokiQueryData(lokiStreams.response.body.data);
    if (!parsed.ok) throw new Error(parsed.message);
    const data = parsed.value;
    if (data.resultType !== 'streams')
      throw new Error('fixture is not streams');
    const lines = flattenStreams(data.result, 'backward');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(LOG_LEVELS).toContain(l.level);
    }
    const traceIds = lines.flatMap(l => (l.traceId ? [l.traceId] : []));
    expect(traceIds.filter(id => !/^[0-9a-f]{32}$/.test(id))).toEqual([]);
    expect(lines.some(l => l.level === 'error' && l.traceId)).toBe(true);
  });
});
