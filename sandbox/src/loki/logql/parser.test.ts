import { LogQLParseError, LogQLValidationError } from './errors.ts';
import { parseLogQL } from './parser.ts';

const err = (q: string) => {
  try {
    parseLogQL(q);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('LogQL parser', () => {
  it('parses selectors with all matcher operators, escapes and backtick strings', () => {
    const e = parseLogQL(
      '{app="msa-nginx", level!="debug", namespace=~`ms.*`, path!~"/health\\\\z"}',
    );
    expect(e.kind).toBe('log');
    if (e.kind !== 'log') return;
    expect(e.matchers.map(m => [m.name, m.op, m.value])).toEqual([
      ['app', '=', 'msa-nginx'],
      ['level', '!=', 'debug'],
      ['namespace', '=~', 'ms.*'],
      ['path', '!~', '/health\\z'],
    ]);
    expect(e.matchers[2].re?.test('msa')).toBe(true);
    expect(e.matchers[2].re?.test('xmsa')).toBe(false);
    const q = parseLogQL('{app="a\\"b\\u00e9"}');
    expect(q.kind === 'log' && q.matchers[0].value).toBe('a"bé');
  });

  it('parses line filters, json and label filters', () => {
    const e = parseLogQL(
      '{app="x"} |= "GET" != `health` |~ "5\\\\d\\\\d" !~ "(?i)debug" | json | level="error" and status >= 500 or duration_ms > 1.5',
    );
    if (e.kind !== 'log') throw new Error('expected a log query');
    expect(e.stages.map(s => s.kind)).toEqual([
      'lineFilter',
      'lineFilter',
      'lineFilter',
      'lineFilter',
      'parser',
      'labelFilter',
    ]);
    const lf = e.stages[5];
    expect(lf.kind === 'labelFilter' && lf.expr.kind).toBe('or');
  });

  it('parses metric queries with grouping before or after', () => {
    const a = parseLogQL(
      'sum by (level) (count_over_time({app="msa-nginx"}[5m]))',
    );
    expect(a).toMatchObject({
      kind: 'vector',
      op: 'sum',
      grouping: { without: false, labels: ['level'] },
      inner: { kind: 'range', fn: 'count_over_time', rangeNs: 300e9 },
    });
    const b = parseLogQL('sum(rate({app="x"} |= "error" [1m])) without (app)');
    expect(b).toMatchObject({
      kind: 'vector',
      grouping: { without: true, labels: ['app'] },
      inner: { fn: 'rate', rangeNs: 60e9 },
    });
  });

  it('reports syntax errors with line and column like Loki', () => {
    expect(err('{app="x"')).toBe(
      'parse error at line 1, col 9: syntax error: unexpected $end, expecting } or ,',
    );
    expect(err('{app=x}')).toBe(
      'parse error at line 1, col 6: syntax error: unexpected IDENTIFIER, expecting STRING',
    );
    expect(err('{app="x"}\n|= 5')).toBe(
      'parse error at line 2, col 4: syntax error: unexpected NUMBER, expecting STRING or ip',
    );
    expect(err('{app="unterminated}')).toMatch(
      /^parse error at line 1, col 6: syntax error: literal not terminated/,
    );
    // after a selector Loki could shift the range or any of seven pipeline tokens: goyacc names none
    expect(err('count_over_time({app="x"})')).toBe(
      'parse error at line 1, col 26: syntax error: unexpected )',
    );
    expect(err('{app=~"("}')).toMatch(/error parsing regexp/);
    expect(err('')).toBe(
      'parse error at line 1, col 1: syntax error: unexpected $end',
    );
    expect(() => parseLogQL('{app=~".*"}')).toThrow(LogQLValidationError);
    expect(() => parseLogQL('{}')).toThrow(
      /queries require at least one regexp or equality matcher/,
    );
    expect(() => parseLogQL('{app="x"} | line_format "{{.msg}}"')).toThrow(
      LogQLParseError,
    );
  });

  // Where Grafana's grammar and Loki's differ, the sandbox follows Loki.
  it('takes what Loki takes beyond the old hand parser: parentheses, signed and exponent numbers, comments', () => {
    expect(parseLogQL('({app="x"})')).toMatchObject({
      kind: 'log',
      matchers: [{ name: 'app', value: 'x' }],
    });
    expect(parseLogQL('rate(({app="x"})[1m])')).toMatchObject({
      kind: 'range',
      fn: 'rate',
      rangeNs: 60e9,
    });
    expect(parseLogQL('{app="x"} | n > -5 | m < 1e3 # note')).toMatchObject({
      stages: [
        { expr: { kind: 'number', op: '>', value: -5 } },
        { expr: { kind: 'number', op: '<', value: 1000 } },
      ],
    });
  });

  it('keeps every grouping label', () => {
    expect(
      parseLogQL('sum by (a, b, c) (count_over_time({app="x"}[5m]))'),
    ).toMatchObject({ grouping: { without: false, labels: ['a', 'b', 'c'] } });
    expect(parseLogQL('sum by () (rate({app="x"}[1m]))')).toMatchObject({
      grouping: { labels: [] },
    });
  });

  it('reaches validation for the empty selector, which the grammar alone refuses', () => {
    expect(() => parseLogQL('sum(count_over_time({}[1m]))')).toThrow(
      LogQLValidationError,
    );
    // positions after a filled-in {} still count from the query as sent
    expect(() => parseLogQL('{} |= 5')).toThrow(
      'parse error at line 1, col 7: syntax error: unexpected NUMBER, expecting STRING or ip',
    );
  });

  it('refuses by name what the grammar takes but the sandbox does not evaluate', () => {
    expect(err('{app="x"} |= "a" or "b"')).toBe(
      'parse error at line 1, col 18: syntax error: or is not supported by the sandbox',
    );
    expect(err('sum(rate({app="x"}[5m])) / 2')).toBe(
      'parse error at line 1, col 26: syntax error: / is not supported by the sandbox',
    );
    expect(err('topk(3, rate({app="x"}[5m]))')).toBe(
      'parse error at line 1, col 1: syntax error: topk is not supported by the sandbox',
    );
    expect(err('{app="x"} | a = ip("1.2.3.4")')).toBe(
      'parse error at line 1, col 17: syntax error: ip is not supported by the sandbox',
    );
    expect(err('{app="x"} | unpack')).toBe(
      'parse error at line 1, col 13: syntax error: the unpack stage is not supported by the sandbox',
    );
  });

  it('reads long queries whole and still places errors in them', () => {
    const stages = ` |= "${'a'.repeat(100)}"`.repeat(45);
    const q = parseLogQL(`{app="x"}${stages}`);
    expect(q.kind === 'log' && q.stages.length).toBe(45);
    // past 4 KiB the expected tokens are not probed for (each probe re-parses the prefix)
    expect(err(`{app="x"}${stages} |= 5`)).toBe(
      `parse error at line 1, col ${
        10 + stages.length + 4
      }: syntax error: unexpected NUMBER`,
    );
  });
});
