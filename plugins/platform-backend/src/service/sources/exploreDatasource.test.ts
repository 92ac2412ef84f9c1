import { exploreDatasource } from './exploreDatasource';

describe('exploreDatasource', () => {
  const perTenant = {
    uid: 'loki',
    uidsByTenant: { 'team-b': 'loki-team-b' },
    defaultTenant: 'team-a',
  };

  it("without tenants uses the single uid, or Grafana's default datasource", () => {
    expect(exploreDatasource({ uid: 'loki' }, undefined)).toEqual({
      link: true,
      uid: 'loki',
    });
    expect(exploreDatasource({}, undefined)).toEqual({
      link: true,
      uid: undefined,
    });
  });

  it("uses the tenant's own uid, the single uid for the default tenant, and nothing for an unknown tenant", () => {
    expect(exploreDatasource(perTenant, 'team-b')).toEqual({
      link: true,
      uid: 'loki-team-b',
    });
    expect(exploreDatasource(perTenant, 'team-a')).toEqual({
      link: true,
      uid: 'loki',
    });
    expect(exploreDatasource(perTenant, 'team-c')).toEqual({ link: false });
  });

  it('prefers the per-tenant uid over the single one for the default tenant', () => {
    expect(
      exploreDatasource(
        { ...perTenant, uidsByTenant: { 'team-a': 'loki-team-a' } },
        'team-a',
      ),
    ).toEqual({ link: true, uid: 'loki-team-a' });
  });

  it("gives no link to a tenant without a uid, even the default one, rather than Grafana's default datasource", () => {
    expect(exploreDatasource({ defaultTenant: 'team-a' }, 'team-a')).toEqual({
      link: false,
    });
    expect(
      exploreDatasource(
        { uidsByTenant: { 'team-b': 'x' }, defaultTenant: 'team-a' },
        'team-a',
      ),
    ).toEqual({ link: false });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'never reads an inherited property for tenant %p',
    tenant => {
      expect(
        exploreDatasource(
          { uidsByTenant: { 'team-b': 'x' }, defaultTenant: 'team-a' },
          tenant,
        ),
      ).toEqual({ link: false });
    },
  );
});
