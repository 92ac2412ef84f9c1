import { selectTenant } from './tenant';

const names = {
  annotation: 'platform.paved-road.dev/loki-tenant',
  configKey: 'platform.loki.tenants',
};
const allowed = { tenant: 'team-a', tenants: ['team-a', 'team-b'] };

describe('selectTenant', () => {
  it('uses the default without an annotation, and an allowed tenant exactly as listed', () => {
    expect(selectTenant(allowed, undefined, names)).toEqual({
      ok: true,
      tenant: 'team-a',
    });
    expect(selectTenant(allowed, 'team-b', names)).toEqual({
      ok: true,
      tenant: 'team-b',
    });
    expect(selectTenant(allowed, 'team-a', names)).toEqual({
      ok: true,
      tenant: 'team-a',
    });
    expect(selectTenant({ tenants: [] }, undefined, names)).toEqual({
      ok: true,
      tenant: undefined,
    });
  });

  it.each([
    ['another team', 'team-c'],
    ['case variant', 'TEAM-B'],
    ['federated query', 'team-a|team-b'],
    ['wildcard', '*'],
    ['header injection', 'team-b\r\nX-Scope-OrgID: team-c'],
    ['zero-width', 'team-b\u200b'],
    ['look-alike', 'te\u0430m-b'],
    ['inner space', 'team -b'],
    ['prefix', 'team-'],
  ])('refuses %s, naming the value (escaped) and the key', (_, value) => {
    const result = selectTenant(allowed, value, names);
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Tenant '[\x20-\x7e]*' \(from the platform\.paved-road\.dev\/loki-tenant annotation\) is not allowed: platform\.loki\.tenants allows team-a, team-b; an operator lists it there to allow it$/,
      ),
    });
  });

  it('shows control characters escaped and cuts long values', () => {
    const result = selectTenant(allowed, 'x\r\ny', names);
    expect(!result.ok && result.message).toContain("Tenant 'x\\u{d}\\u{a}y'");
    const long = selectTenant(allowed, 'a'.repeat(500), names);
    expect(!long.ok && long.message).toContain(`'${'a'.repeat(80)}...'`);
  });

  it('with no tenants configured, any named tenant is refused and the key is named', () => {
    expect(selectTenant({ tenants: [] }, 'team-a', names)).toEqual({
      ok: false,
      message:
        "Tenant 'team-a' (from the platform.paved-road.dev/loki-tenant annotation) is not allowed: no tenants are configured; an operator lists it in platform.loki.tenants to allow it",
    });
  });
});
