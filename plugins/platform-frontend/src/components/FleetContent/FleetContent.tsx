import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { useMemo } from 'react';
import { PlatformApi } from '../../api';
import { usePlatformSource } from '../../hooks/usePlatformSource';
import { platformTranslationRef } from '../../translation';
import { PlatformCard } from '../common/PlatformCard';
import { LoadingState, SourceErrorState } from '../states';
import { fleetCells } from './fleetCells';
import { FleetTable } from './FleetTable';

/** A fleet view costs a handful of upstream reads (cached); a minute-old verdict is still news. */
export const FLEET_REFRESH_MS = 15_000;

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
  const entityRoute = useRouteRef(entityRouteRef);
  const state = usePlatformSource(loadFleet, [], {
    refreshMs: FLEET_REFRESH_MS,
  });
  const cells = useMemo(
    () => state.value?.rows.map(fleetCells) ?? [],
    [state.value],
  );
  return (
    <PlatformCard
      id="platform-fleet"
      title={t('fleet.title')}
      freshness={{
        updatedAt: state.receivedAt,
        refreshing: state.refreshing,
        onRefresh: state.retry,
      }}
    >
      {state.loading && <LoadingState label={t('fleet.title')} />}
      {!state.loading && state.error && (
        <SourceErrorState
          source={t('fleet.title')}
          error={{ kind: 'upstream', message: state.error.message }}
          onRetry={state.retry}
        />
      )}
      {state.value && (
        <>
          {state.value.truncated && (
            <Typography variant="body2">
              {t('fleet.truncated', { limit: String(cells.length) })}
            </Typography>
          )}
          <FleetTable
            cells={cells}
            healthLink={c => {
              const ref = parseEntityRef(c.row.entityRef);
              return `${entityRoute({
                namespace: ref.namespace,
                kind: ref.kind,
                name: ref.name,
              })}/health`;
            }}
          />
        </>
      )}
    </PlatformCard>
  );
}
