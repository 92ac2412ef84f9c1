import { formatAlertmanagerMatcher } from './alertmanagerMatchers';
import { ADVERSARIAL_VALUES } from './testUtils';

// The unescaping of Alertmanager 0.25's labels.ParseMatcher, ported: the reference the output must satisfy.
function parseAm025(matcher: string): {
  name: string;
  op: string;
  value: string;
} {
  const m = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*(.*)$/s.exec(
    matcher,
  );
  if (!m) throw new Error(`bad matcher ${matcher}`);
  let raw = m[3];
  if (!raw.startsWith('"') || !raw.endsWith('"')) throw new Error('not quoted');
  raw = raw.slice(1);
  let value = '';
  let escaped = false;
  let expectTrailingQuote = true;
  const chars = [...raw];
  chars.forEach((r, i) => {
    if (escaped) {
      escaped = false;
      if (r === 'n') value += '\n';
      else if (r === '"' || r === '\\') value += r;
      else value += `\\${r}`;
      return;
    }
    if (r === '\\') {
      if (i < chars.length - 1) escaped = true;
      else value += '\\';
    } else if (r === '"') {
      if (!expectTrailingQuote || i < chars.length - 1) {
        throw new Error(
          `matcher value contains unescaped double quote: ${raw}`,
        );
      }
      expectTrailingQuote = false;
    } else {
      value += r;
    }
  });
  return { name: m[1], op: m[2], value };
}

describe('formatAlertmanagerMatcher', () => {
  it('double-quotes the value', () => {
    expect(formatAlertmanagerMatcher('service', '=', 'payments')).toBe(
      'service="payments"',
    );
  });

  it.each(ADVERSARIAL_VALUES)('Alertmanager reads %j back unchanged', value => {
    const parsed = parseAm025(formatAlertmanagerMatcher('service', '=', value));
    expect(parsed).toEqual({ name: 'service', op: '=', value });
  });

  it('refuses a label name that is not one', () => {
    expect(() => formatAlertmanagerMatcher('a="b",c', '=', 'x')).toThrow(
      /label name/,
    );
  });
});
