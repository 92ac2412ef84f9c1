import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** As many owners as the fleet route takes in one view (MAX_FLEET_OWNERS in the backend's params). */
export const MAX_FLEET_OWNERS = 50;

/**
 * The owners a signed-in user's fleet asks for: the identity's ownership refs that are groups or users
 * (the only kinds the fleet route accepts), normalised and without duplicates, at most
 * {@link MAX_FLEET_OWNERS}; `dropped` counts the groups and users left out by that limit.
 */
export function fleetOwners(ownershipEntityRefs: string[]): {
  owners: string[];
  dropped: number;
} {
  const refs = new Set<string>();
  for (const raw of ownershipEntityRefs) {
    let ref;
    try {
      ref = parseEntityRef(raw);
    } catch {
      continue;
    }
    const kind = ref.kind.toLocaleLowerCase('en-US');
    if (kind === 'group' || kind === 'user') {
      refs.add(stringifyEntityRef({ ...ref, kind }));
    }
  }
  const all = [...refs];
  return {
    owners: all.slice(0, MAX_FLEET_OWNERS),
    dropped: Math.max(0, all.length - MAX_FLEET_OWNERS),
  };
}
