import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { PlatformApi } from '../../api';
import { usePlatformSource } from '../../hooks/usePlatformSource';
import { platformTranslationRef } from '../../translation';
import { FLEET_REFRESH_MS, FleetCard } from './FleetCard';

/** The fleet of the current page's entity: a system's components, or a group's or user's. */
function loadFleet(api: PlatformApi, ref: CompoundEntityRef) {
  const entityRef = stringifyEntityRef(ref);
  return api.getFleet(
    ref.kind.toLocaleLowerCase('en-US') === 'system'
      ? { system: entityRef }
      : { owners: [entityRef] },
  );
}

/**
 * "Services" tab of a Group, User or System: every component it owns (or holds), failing first, each with
 * its verdict and the figures of its Health tab, kept live.
 *
 * @public
 */
export function FleetContent() {
  const { t } = useTranslationRef(platformTranslationRef);
  const state = usePlatformSource(loadFleet, [], {
    refreshMs: FLEET_REFRESH_MS,
  });
  return <FleetCard state={state} title={t('fleet.title')} />;
}
