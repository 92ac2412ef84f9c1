import { MAX_LOG_FIELDS, parseLogFields } from './logFields';

describe('parseLogFields', () => {
  it('reads a JSON line, nested keys joined with dots and arrays kept as JSON', () => {
    expect(
      parseLogFields(
        '{"level":"error","msg":"GET /x 502","http":{"status":502,"ok":false},"tags":["a","b"],"user":null}',
      ),
    ).toEqual([
      ['level', 'error'],
      ['msg', 'GET /x 502'],
      ['http.status', '502'],
      ['http.ok', 'false'],
      ['tags', '["a","b"]'],
      ['user', 'null'],
    ]);
  });

  it('reads logfmt pairs, quoted values unescaped, among plain words', () => {
    expect(
      parseLogFields(
        'GET /api/login 200 user=u3 ua="Mozilla/5.0 (X11) \\"quoted\\"" empty= dur=5ms',
      ),
    ).toEqual([
      ['user', 'u3'],
      ['ua', 'Mozilla/5.0 (X11) "quoted"'],
      ['empty', ''],
      ['dur', '5ms'],
    ]);
  });

  it('has nothing for plain text, a JSON array or broken JSON without pairs', () => {
    expect(parseLogFields('upstream timed out after 5s')).toEqual([]);
    expect(parseLogFields('[1,2,3]')).toEqual([]);
    expect(parseLogFields('{"msg": "cut off')).toEqual([]);
  });

  it('stops at MAX_LOG_FIELDS', () => {
    const big = Object.fromEntries(
      Array.from({ length: MAX_LOG_FIELDS + 50 }, (_, i) => [`k${i}`, i]),
    );
    expect(parseLogFields(JSON.stringify(big))).toHaveLength(MAX_LOG_FIELDS);
  });
});
