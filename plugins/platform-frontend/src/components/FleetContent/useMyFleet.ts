import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { FleetValue } from '@paved-road/backstage-plugin-platform-common';
import { useCallback, useRef } from 'react';
import { PlatformApi } from '../../api';
import {
  PlatformSourceState,
  usePlatformLoad,
} from '../../hooks/usePlatformSource';
import { FLEET_REFRESH_MS } from './FleetCard';
import { fleetOwners } from './fleetOwners';

/** The signed-in user's fleet: every component their groups (and they) own, kept live. */
export function useMyFleet(): PlatformSourceState<FleetValue | null> & {
  /** Groups and users of the identity left out (more than the route takes). */
  dropped: number;
} {
  const identityApi = useApi(identityApiRef);
  const dropped = useRef(0);
  const load = useCallback(
    async (api: PlatformApi) => {
      const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
      const selection = fleetOwners(ownershipEntityRefs);
      dropped.current = selection.dropped;
      // Owning nothing is no error: the page says so instead of asking the route for nobody.
      return selection.owners.length
        ? api.getFleet({ owners: selection.owners })
        : null;
    },
    [identityApi],
  );
  const state = usePlatformLoad(load, [], { refreshMs: FLEET_REFRESH_MS });
  return { ...state, dropped: dropped.current };
}
