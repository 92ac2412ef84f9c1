import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { FleetValue } from '@paved-road/backstage-plugin-platform-common';
import { ReactNode, useCallback, useMemo } from 'react';
import { PlatformSourceState } from '../../hooks/usePlatformSource';
import { platformTranslationRef } from '../../translation';
import { PlatformCard } from '../common/PlatformCard';
import { LoadingState, SourceErrorState } from '../states';
import { FleetCells, fleetCells } from './fleetCells';
import { FleetTable } from './FleetTable';

/** A fleet view costs a handful of upstream reads (cached); a minute-old verdict is still news. */
export const FLEET_REFRESH_MS = 15_000;

/** The path of a fleet row's Health tab. */
export function useHealthLink(): (entityRef: string) => string {
  const entityRoute = useRouteRef(entityRouteRef);
  return useCallback(
    (entityRef: string) => {
      const ref = parseEntityRef(entityRef);
      return `${entityRoute({
        namespace: ref.namespace,
        kind: ref.kind,
        name: ref.name,
      })}/health`;
    },
    [entityRoute],
  );
}

/**
 * A fleet answer as a card: loading, error or the table, with its freshness. `notice` goes above the table
 * (what the page could not include); a `null` value is a user who owns nothing.
 */
export function FleetCard(props: {
  state: PlatformSourceState<FleetValue | null>;
  title: string;
  notice?: ReactNode;
}) {
  const { state } = props;
  const { t } = useTranslationRef(platformTranslationRef);
  const healthLink = useHealthLink();
  const cells = useMemo(
    () => state.value?.rows.map(fleetCells) ?? [],
    [state.value],
  );
  const rowLink = useCallback(
    (c: FleetCells) => healthLink(c.row.entityRef),
    [healthLink],
  );
  return (
    <PlatformCard
      id="platform-fleet"
      title={props.title}
      freshness={{
        updatedAt: state.receivedAt,
        refreshing: state.refreshing,
        onRefresh: state.retry,
      }}
    >
      {props.notice}
      {state.loading && <LoadingState label={props.title} />}
      {!state.loading && state.error && (
        <SourceErrorState
          source={props.title}
          error={{ kind: 'upstream', message: state.error.message }}
          onRetry={state.retry}
        />
      )}
      {state.value === null && (
        <Typography variant="body2">{t('fleet.noOwners')}</Typography>
      )}
      {state.value && (
        <>
          {state.value.truncated && (
            <Typography variant="body2">
              {t('fleet.truncated', { limit: String(cells.length) })}
            </Typography>
          )}
          <FleetTable cells={cells} healthLink={rowLink} />
        </>
      )}
    </PlatformCard>
  );
}
