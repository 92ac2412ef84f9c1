import { parseHealthSwitch } from './healthSwitch.ts';

describe('parseHealthSwitch', () => {
  it('takes Degraded with a message, or a default message naming the app', () => {
    expect(
      parseHealthSwitch({ status: 'Degraded', message: 'oom' }, 'a'),
    ).toEqual({ ok: true, value: { status: 'Degraded', message: 'oom' } });
    const parsed = parseHealthSwitch({ status: 'Degraded' }, 'msa-nginx');
    expect(parsed.ok && parsed.value.message).toMatch(/msa\/msa-nginx/);
    expect(parseHealthSwitch({ status: 'Healthy' }, 'a')).toMatchObject({
      ok: true,
      value: { status: 'Healthy' },
    });
  });

  it.each([
    [null, /JSON object/],
    [[], /JSON object/],
    [{}, /status must be one of Degraded, Healthy \(got undefined\)/],
    [{ status: 'degraded' }, /status must be one of/],
    [{ status: 'Degraded', message: '' }, /message must be a non-empty string/],
    [{ status: 'Degraded', message: 'x'.repeat(501) }, /at most 500/],
    [{ status: 'Degraded', message: 5 }, /message must be/],
    [{ status: 'Degraded', colour: 'red' }, /unknown field\(s\) "colour"/],
  ])('refuses %j, saying what is allowed', (body, message) => {
    const parsed = parseHealthSwitch(body, 'a');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(message);
  });
});
