import { Content } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Typography } from '@material-ui/core';
import { platformTranslationRef } from '../../translation';
import { FleetCard } from '../FleetContent/FleetCard';
import { MAX_FLEET_OWNERS } from '../FleetContent/fleetOwners';
import { useMyFleet } from '../FleetContent/useMyFleet';

/** The "My services" page: every component the signed-in user's groups own, failing first, kept live. */
export function FleetPage() {
  const { t } = useTranslationRef(platformTranslationRef);
  const state = useMyFleet();
  return (
    <Content>
      <FleetCard
        state={state}
        title={t('myServices.title')}
        notice={
          state.dropped > 0 && (
            <Typography variant="body2">
              {t('fleet.ownersDropped', {
                limit: String(MAX_FLEET_OWNERS),
                dropped: String(state.dropped),
              })}
            </Typography>
          )
        }
      />
    </Content>
  );
}
