import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import { AlertsValue } from '@paved-road/backstage-plugin-platform-common';
import { PartialWarnings } from '../common/PartialWarnings';
import { AlertRow } from './AlertRow';

const stateOrder = { firing: 0, pending: 1, silenced: 2, inhibited: 3 };

/** Active alerts, firing first, then a one-line summary of the alert rules. */
export function AlertsView(props: { value: AlertsValue }) {
  const alerts = [...props.value.alerts].sort(
    (a, b) => stateOrder[a.state] - stateOrder[b.state],
  );
  const rules = props.value.rules;
  const firingRules = rules.filter(r => r.state !== 'inactive').length;
  return (
    <>
      <PartialWarnings warnings={props.value.warnings} />
      {alerts.length === 0 ? (
        <Typography variant="body1" data-testid="platform-no-alerts">
          No active alerts.
        </Typography>
      ) : (
        <List dense disablePadding aria-label="Active alerts">
          {alerts.map(alert => (
            <AlertRow
              key={
                alert.fingerprint ??
                `${alert.name}-${JSON.stringify(alert.labels)}`
              }
              alert={alert}
            />
          ))}
        </List>
      )}
      {rules.length > 0 && (
        <Typography variant="caption" color="textSecondary">
          {rules.length} alert rule{rules.length === 1 ? '' : 's'} watch this
          service, {firingRules} active.
        </Typography>
      )}
    </>
  );
}
