import { buildLogQuery, buildLogSelector, levelLineRegex } from './logql';
import { ADVERSARIAL_VALUES, dissect } from './testUtils';

const scope = { name: 'namespace', value: 'msa' };

describe('buildLogSelector', () => {
  it('puts the scope label first and quotes every value', () => {
    expect(
      buildLogSelector({ labels: [{ name: 'app', value: 'login-js' }], scope }),
    ).toEqual({
      ok: true,
      value: '{namespace="msa", app="login-js"}',
    });
  });

  it('refuses an annotation that names the scope label', () => {
    const result = buildLogSelector({
      labels: [{ name: 'namespace', value: 'other-team' }],
      scope,
    });
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining("'namespace'"),
    });
  });

  it('works without a scope when the operator disabled it', () => {
    expect(buildLogSelector({ labels: [{ name: 'app', value: 'x' }] })).toEqual(
      {
        ok: true,
        value: '{app="x"}',
      },
    );
  });

  it.each(ADVERSARIAL_VALUES)(
    'keeps %j inside its string, scope untouched',
    value => {
      const result = buildLogSelector({
        labels: [{ name: 'app', value }],
        scope: { name: 'namespace', value },
      });
      if (!result.ok) throw new Error(result.message);
      const { skeleton, literals } = dissect(result.value);
      expect(skeleton).toBe('{namespace=S, app=S}');
      expect(literals).toEqual([value, value]);
    },
  );
});

describe('buildLogQuery', () => {
  it('adds trace id, text and level filters', () => {
    const query = buildLogQuery({
      selector: '{app="x"}',
      traceId: 'b67300518317c89eb9b17b55250a09ba',
      text: 'timed out',
      levels: ['error'],
    });
    const { skeleton, literals } = dissect(query);
    expect(skeleton).toBe('{app=S} |= S |= S |~ S');
    expect(literals.slice(1, 3)).toEqual([
      'b67300518317c89eb9b17b55250a09ba',
      'timed out',
    ]);
    const regex = new RegExp(literals[3].replace('(?i)', ''), 'i');
    expect(regex.test('{"ts":"x","level":"error","msg":"boom"}')).toBe(true);
    expect(regex.test('ts=1 level=ERR msg=boom')).toBe(true);
    expect(regex.test('{"level":"info","msg":"error happened"}')).toBe(false);
  });

  it.each(ADVERSARIAL_VALUES)('searches %j literally', text => {
    const { skeleton, literals } = dissect(
      buildLogQuery({ selector: '{app="x"}', text }),
    );
    expect(skeleton).toBe('{app=S} |= S');
    expect(literals[1]).toBe(text);
  });

  it('refuses a trace id that is not hex', () => {
    expect(() =>
      buildLogQuery({ selector: '{a="b"}', traceId: '" or "' }),
    ).toThrow(/hex/);
  });

  it('leaves the level to the caller when "unknown" is asked for', () => {
    expect(levelLineRegex(['unknown', 'error'])).toBeUndefined();
    expect(levelLineRegex([])).toBeUndefined();
  });
});
