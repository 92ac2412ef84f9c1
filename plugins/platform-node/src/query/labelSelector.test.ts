/* eslint-disable jest/no-conditional-expect -- table-driven cases assert different things per row */
import { parseLabelSelector } from './labelSelector';

describe('parseLabelSelector', () => {
  it.each([
    ['app.kubernetes.io/part-of=msa', 'app.kubernetes.io/part-of=msa'],
    [
      ' a == b , !legacy, tier in ( web , api ), env notin (dev), owner',
      'a=b,!legacy,tier in (web,api),env notin (dev),owner',
    ],
    ['a!=b', 'a!=b'],
    ['a=', 'a='],
  ])('accepts %j as %j', (raw, canonical) => {
    expect(parseLabelSelector(raw)).toEqual({ ok: true, value: canonical });
  });

  it.each([
    '',
    'a=b,',
    'a=b c=d',
    'a="b"',
    'a=b&projects=other',
    'a in (b',
    'a=~b.*',
    '"} or {',
    'a=b\nc=d',
    'Bad_Prefix/x=y',
    `a=${'x'.repeat(64)}`,
    'a=ü',
    'a=`b`',
    'a=b\\',
  ])('refuses %j with what is allowed', raw => {
    const result = parseLabelSelector(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/expected e\.g\./);
  });
});
