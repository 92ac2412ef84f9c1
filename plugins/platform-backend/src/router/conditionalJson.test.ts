import { createHash } from 'node:crypto';
import { etagOf, ifNoneMatchHits } from './conditionalJson';

describe('etagOf', () => {
  it('is the weak, base64url sha1 of the exact text', () => {
    const text =
      '{"ok":true,"value":{"note":"caf\u00e9 \u2028"},"fetchedAt":"2026-01-01T00:00:00.000Z"}';
    expect(etagOf(text)).toBe(
      `W/"${createHash('sha1').update(text, 'utf8').digest('base64url')}"`,
    );
    expect(etagOf(text)).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
  });

  it('changes with any change of the text, whitespace included', () => {
    expect(etagOf('{"a":1}')).not.toBe(etagOf('{"a":2}'));
    expect(etagOf('{"a":1}')).not.toBe(etagOf('{"a":1} '));
  });
});

describe('ifNoneMatchHits', () => {
  const etag = 'W/"abc"';

  it.each([
    ['the same weak tag', 'W/"abc"'],
    ['the strong form of it (weak comparison)', '"abc"'],
    ['one of a list', '"x", W/"abc" ,"y"'],
    ['a star', '*'],
  ])('matches %s', (_what, header) => {
    expect(ifNoneMatchHits(header, etag)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another tag', 'W/"abd"'],
    ['an unquoted tag', 'abc'],
    ['a tag that only contains it', '"xabc"'],
    ['a tag split by a comma inside quotes', '"abc,x"'],
  ])('does not match %s', (_what, header) => {
    expect(ifNoneMatchHits(header, etag)).toBe(false);
  });
});
