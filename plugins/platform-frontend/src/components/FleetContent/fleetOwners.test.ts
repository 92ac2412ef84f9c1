import { MAX_FLEET_OWNERS, fleetOwners } from './fleetOwners';

describe('fleetOwners', () => {
  it('keeps groups and users, normalised and once each, and drops other kinds and malformed refs', () => {
    expect(
      fleetOwners([
        'user:default/guest',
        'Group:default/platform-team',
        'group:default/platform-team',
        'group:team-b',
        'component:default/msa-nginx',
        '',
        'not a ref:/x/y',
      ]),
    ).toEqual({
      owners: [
        'user:default/guest',
        'group:default/platform-team',
        'group:default/team-b',
      ],
      dropped: 0,
    });
  });

  it('asks for at most as many owners as the route takes, and says how many it left out', () => {
    const refs = Array.from(
      { length: MAX_FLEET_OWNERS + 3 },
      (_, i) => `group:default/g${i}`,
    );
    const { owners, dropped } = fleetOwners(refs);
    expect(owners).toHaveLength(MAX_FLEET_OWNERS);
    expect(owners[0]).toBe('group:default/g0');
    expect(dropped).toBe(3);
  });
});
