import { quoteGoString, unquoteGoString } from './goString';
import { ADVERSARIAL_VALUES, dissect } from './testUtils';

describe('quoteGoString', () => {
  it.each(ADVERSARIAL_VALUES)('round-trips %j as one literal', value => {
    const literal = quoteGoString(value);
    const { skeleton, literals } = dissect(literal);
    expect(skeleton).toBe('S');
    expect(literals).toEqual([value]);
  });

  it('uses the Go escapes', () => {
    expect(quoteGoString('a"b\\c\nd\te\u0001')).toBe(
      '"a\\"b\\\\c\\nd\\te\\x01"',
    );
  });

  it('replaces a lone surrogate instead of sending invalid UTF-8', () => {
    expect(unquoteGoString(quoteGoString('x\ud800y'))).toBe('x\ufffdy');
  });
});
