/* eslint-disable jest/no-conditional-expect -- table-driven cases assert different things per row */
import { parseEqualityMatchers } from './equalityLabels';

const A = 'platform.paved-road.dev/loki-labels';

describe('parseEqualityMatchers', () => {
  it('parses pairs, trimming blanks', () => {
    expect(parseEqualityMatchers(' app=login-js , container=web', A)).toEqual({
      ok: true,
      value: [
        { name: 'app', value: 'login-js' },
        { name: 'container', value: 'web' },
      ],
    });
  });

  it('keeps odd characters in values verbatim (the builder escapes them)', () => {
    const result = parseEqualityMatchers('app="} or {x="y', A);
    expect(result).toEqual({
      ok: true,
      value: [{ name: 'app', value: '"} or {x="y' }],
    });
  });

  it.each([
    ['', 'is empty'],
    ['app', 'without name=value'],
    ['=x', 'without name=value'],
    ['app!=x', 'invalid label name'],
    ['app=~x.*', "operator other than '='"],
    ['app==x', "operator other than '='"],
    ['app=', 'empty value'],
    ['a-b=x', 'invalid label name'],
    ['app=a,app=b', "'app' twice"],
    ['{app="x"}', 'invalid label name'],
    ['app=x,', 'without name=value'],
  ])('refuses %j (%s) and says what is allowed', (raw, why) => {
    const result = parseEqualityMatchers(raw, A);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(why);
      expect(result.message).toContain('equality only');
      expect(result.message).toContain(A);
    }
  });
});
