import Grid from '@material-ui/core/Grid';
import { AlertsCard } from '../AlertsCard';
import { ArgoCdCard } from '../ArgoCdCard';
import { BuildsCard } from '../BuildsCard';
import { LogsCard } from '../LogsCard';
import { MetricsCard } from '../MetricsCard';
import { TracesCard } from '../TracesCard';
import { HealthVerdict } from './HealthVerdict';

/**
 * The entity's Health tab: the verdict and its reasons, then every source's card. Each card loads and
 * fails on its own, so one broken upstream never blanks the tab.
 *
 * @public
 */
export function HealthContent() {
  return (
    <Grid container spacing={3} data-testid="platform-health">
      <Grid item xs={12}>
        <HealthVerdict />
      </Grid>
      <Grid item xs={12} lg={6}>
        <ArgoCdCard />
      </Grid>
      <Grid item xs={12} lg={6}>
        <AlertsCard />
      </Grid>
      <Grid item xs={12}>
        <MetricsCard />
      </Grid>
      <Grid item xs={12}>
        <LogsCard />
      </Grid>
      <Grid item xs={12}>
        <TracesCard />
      </Grid>
      <Grid item xs={12}>
        <BuildsCard />
      </Grid>
    </Grid>
  );
}
