import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import { lineMatches, logFilterQueries } from './logFilterQueries';

const SEL = '{app="msa-nginx", namespace="msa"}';
const line = (over: Partial<LogLine>): LogLine => ({
  timestampNs: '1',
  line: '',
  level: 'unknown',
  labels: {},
  ...over,
});

describe('logFilterQueries', () => {
  it('asks for a level by label/structured metadata and by the JSON/logfmt text: one query per carrier', () => {
    const [byLabel, byText] = logFilterQueries(SEL, { levels: ['error'] });
    expect(byLabel).toBe(
      `${SEL} | detected_level=~"(?i)(?:error|err|eror)" or level=~"(?i)(?:error|err|eror)" or severity=~"(?i)(?:error|err|eror)" or lvl=~"(?i)(?:error|err|eror)" or severity_text=~"(?i)(?:error|err|eror)"`,
    );
    expect(byText).toMatch(
      /^\{app="msa-nginx", namespace="msa"\} \|~ ".*error\|err/,
    );
  });

  it('asks for a trace id in the text as a whole hex token and in structured metadata, leading zeros optional', () => {
    const queries = logFilterQueries(SEL, {
      traceId: '00000000000000000123456789abcdef',
      text: 'x"y',
    });
    expect(queries).toEqual([
      `${SEL} |= "x\\"y" |~ "(?i)(?:^|[^0-9a-f])0*123456789abcdef(?:[^0-9a-f]|$)"`,
      `${SEL} |= "x\\"y" | trace_id=~"(?i)0*123456789abcdef"`,
    ]);
  });

  it('needs one query without filters or with the "unknown" level', () => {
    expect(logFilterQueries(SEL, {})).toEqual([SEL]);
    expect(logFilterQueries(SEL, { levels: ['unknown', 'error'] })).toEqual([
      SEL,
    ]);
  });

  it('refuses a trace id that is not 16-32 lowercase hex', () => {
    expect(() => logFilterQueries(SEL, { traceId: 'abc" or 1' })).toThrow(
      /traceId/,
    );
  });
});

describe('lineMatches', () => {
  const id16 = '0123456789abcdef';
  it('matches the exact id with or without leading zeros, never inside a longer id', () => {
    expect(
      lineMatches(line({ traceId: `0000000000000000${id16}` }), {
        traceId: id16,
      }),
    ).toBe(true);
    expect(
      lineMatches(line({ line: `trace=${id16} done` }), {
        traceId: `0000000000000000${id16}`,
      }),
    ).toBe(true);
    expect(
      lineMatches(line({ line: `trace=ffff${id16}` }), { traceId: id16 }),
    ).toBe(false);
    expect(
      lineMatches(line({ traceId: `ffffffffffffffff${id16}` }), {
        traceId: id16,
      }),
    ).toBe(false);
  });

  it('checks the level the line shows and the text', () => {
    expect(
      lineMatches(line({ level: 'warn', line: 'slow' }), {
        levels: ['warn'],
        text: 'slow',
      }),
    ).toBe(true);
    expect(
      lineMatches(line({ level: 'info', line: 'slow' }), { levels: ['warn'] }),
    ).toBe(false);
    expect(
      lineMatches(line({ level: 'warn', line: 'fast' }), { text: 'slow' }),
    ).toBe(false);
  });
});
