import { Link } from '@backstage/core-components';
import { useRouteRef, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Typography } from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { fleetPageRouteRef } from '../../routes';
import { platformTranslationRef } from '../../translation';
import { StatusChip } from '../common/StatusChip';
import { useHealthLink } from '../FleetContent/FleetCard';
import { useMyFleet } from '../FleetContent/useMyFleet';
import { LoadingState, SourceErrorState } from '../states';
import { myServicesSummary } from './myServicesSummary';

/** A home card lists only the few services that need attention; the page has the rest. */
const PROBLEMS_SHOWN = 5;

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0),
    '& li': {
      display: 'flex',
      gap: theme.spacing(1),
      alignItems: 'center',
      padding: theme.spacing(0.25, 0),
    },
  },
}));

/**
 * Content of the home page's "My services" card: how many of the signed-in user's services fail, degrade
 * or are healthy, the first few that need attention (each to its Health tab) and a link to the fleet page.
 */
export function MyServicesCard() {
  const classes = useStyles();
  const { t } = useTranslationRef(platformTranslationRef);
  const state = useMyFleet();
  const healthLink = useHealthLink();
  const fleetPage = useRouteRef(fleetPageRouteRef);
  const summary = useMemo(
    () =>
      state.value ? myServicesSummary(state.value.rows, PROBLEMS_SHOWN) : null,
    [state.value],
  );
  if (state.loading) return <LoadingState label={t('myServices.title')} />;
  if (state.error && !state.value) {
    return (
      <SourceErrorState
        source={t('myServices.title')}
        error={{ kind: 'upstream', message: state.error.message }}
        onRetry={state.retry}
      />
    );
  }
  return (
    <div data-testid="platform-my-services">
      {state.value === null && (
        <Typography variant="body2">{t('fleet.noOwners')}</Typography>
      )}
      {summary && (
        <>
          <Typography variant="body1">
            {t('myServices.summary', {
              failing: String(summary.failing),
              degraded: String(summary.degraded),
              healthy: String(summary.healthy),
            })}
          </Typography>
          {summary.problems.length === 0 ? (
            <Typography variant="body2">{t('myServices.allGood')}</Typography>
          ) : (
            <ul className={classes.list} aria-label={t('myServices.problems')}>
              {summary.problems.map(row => (
                <li key={row.entityRef}>
                  <StatusChip
                    label={row.verdict}
                    tone={row.verdict === 'failing' ? 'error' : 'warning'}
                  />
                  <Link to={healthLink(row.entityRef)}>
                    {row.title ?? row.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {fleetPage && <Link to={fleetPage()}>{t('myServices.all')}</Link>}
    </div>
  );
}
