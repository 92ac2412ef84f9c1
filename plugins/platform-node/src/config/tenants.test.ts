import { ConfigReader } from '@backstage/config';
import { readPlatformConfig } from './readPlatformConfig';

describe('readPlatformConfig: Loki and Tempo tenants', () => {
  const source = (name: 'loki' | 'tempo', settings: Record<string, unknown>) =>
    readPlatformConfig(
      new ConfigReader({
        platform: { [name]: { url: `http://${name}.test`, ...settings } },
      }),
    )[name]!;

  it.each(['loki', 'tempo'] as const)(
    '%s: tenant alone is the default and the only allowed tenant',
    name => {
      const parsed = source(name, { tenant: 'team-a' });
      expect(parsed.tenant).toBe('team-a');
      expect(parsed.tenants).toEqual(['team-a']);
      expect(parsed.headers).toEqual({ 'X-Scope-OrgID': 'team-a' });
    },
  );

  it.each(['loki', 'tempo'] as const)(
    '%s: no tenant at all sends no X-Scope-OrgID and allows none',
    name => {
      const parsed = source(name, {});
      expect(parsed.tenant).toBeUndefined();
      expect(parsed.tenants).toEqual([]);
      expect(parsed.headers).toEqual({});
    },
  );

  it.each(['loki', 'tempo'] as const)(
    '%s: tenants adds allowed tenants; tenant stays the default (listed or not)',
    name => {
      expect(
        source(name, { tenant: 'team-a', tenants: ['team-b', "c!-_.*'()|d"] }),
      ).toMatchObject({
        tenant: 'team-a',
        tenants: ['team-a', 'team-b', "c!-_.*'()|d"],
        headers: { 'X-Scope-OrgID': 'team-a' },
      });
      expect(
        source(name, { tenant: 'team-b', tenants: ['team-a', 'team-b'] }),
      ).toMatchObject({
        tenant: 'team-b',
        tenants: ['team-b', 'team-a'],
      });
    },
  );

  it('without tenant, the first of tenants is the default', () => {
    expect(source('loki', { tenants: ['team-b', 'team-a'] })).toMatchObject({
      tenant: 'team-b',
      tenants: ['team-b', 'team-a'],
      headers: { 'X-Scope-OrgID': 'team-b' },
    });
  });

  it.each([
    [
      { tenant: 'team a' },
      /'platform\.loki\.tenant': a tenant id is 1-150 of .*, got 'team a'/,
    ],
    [{ tenant: 'x'.repeat(151) }, /'platform\.loki\.tenant': a tenant id/],
    [
      { tenant: 'team-a\r\nX-Evil: 1' },
      /'platform\.loki\.tenant': a tenant id/,
    ],
    [
      { tenants: [] },
      /'platform\.loki\.tenants': expected a non-empty list of tenant ids/,
    ],
    [
      { tenants: 'team-a' },
      /'platform\.loki\.tenants': expected a non-empty list of tenant ids/,
    ],
    [
      { tenants: ['team-a', 'team/b'] },
      /'platform\.loki\.tenants\[1\]': a tenant id is .*, got 'team\/b'/,
    ],
    [
      { tenants: ['team-a', ''] },
      /'platform\.loki\.tenants\[1\]': a tenant id/,
    ],
    [
      { tenants: ['team-a', 42] },
      /'platform\.loki\.tenants\[1\]': a tenant id .*, got number/,
    ],
    [
      { tenants: ['team-a', 'ms\u0430'] },
      /'platform\.loki\.tenants\[1\]': a tenant id/,
    ],
    [
      { tenants: ['team-a', 'team-b', 'team-a'] },
      /'platform\.loki\.tenants\[2\]': tenant 'team-a' is listed twice/,
    ],
  ])('refuses %j at start-up, naming the key', (settings, message) => {
    expect(() => source('loki', settings)).toThrow(message);
  });

  it('validates platform.tempo.tenants the same way', () => {
    expect(() => source('tempo', { tenants: ['a', 'a'] })).toThrow(
      /'platform\.tempo\.tenants\[1\]': tenant 'a' is listed twice/,
    );
    expect(() => source('tempo', { tenant: 'a b' })).toThrow(
      /'platform\.tempo\.tenant': a tenant id/,
    );
  });
});
