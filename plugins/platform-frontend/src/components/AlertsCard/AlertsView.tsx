import { useTranslationRef } from '@backstage/frontend-plugin-api';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { AlertsValue } from '@paved-road/backstage-plugin-platform-common';
import { PartialWarnings } from '../common/PartialWarnings';
import { StatusChip } from '../common/StatusChip';
import { AlertRow } from './AlertRow';
import { platformTranslationRef } from '../../translation';

const stateOrder = { firing: 0, pending: 1, silenced: 2, inhibited: 3 };

const useStyles = makeStyles(theme => ({
  rules: { margin: 0, padding: 0, listStyle: 'none' },
  rule: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: 8,
    padding: theme.spacing(0.5, 0),
  },
  ruleName: { fontWeight: 500, overflowWrap: 'anywhere' },
}));

/** Active alerts, firing first, then the alert rules that can fire for this service. */
export function AlertsView(props: { value: AlertsValue }) {
  const { t } = useTranslationRef(platformTranslationRef);
  const classes = useStyles();
  const alerts = [...props.value.alerts].sort(
    (a, b) => stateOrder[a.state] - stateOrder[b.state],
  );
  const rules = props.value.rules;
  return (
    <>
      <PartialWarnings warnings={props.value.warnings} />
      {alerts.length === 0 ? (
        <Typography variant="body1" data-testid="platform-no-alerts">
          {rules.length === 1 && t('alertsCard.noAlertsOneRule')}
          {rules.length > 1 &&
            t('alertsCard.noAlertsRules', { rules: String(rules.length) })}
          {rules.length === 0 && t('alertsCard.noActiveAlerts')}
        </Typography>
      ) : (
        <List dense disablePadding aria-label={t('alertsCard.activeAlerts')}>
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
        <>
          <Typography
            variant="subtitle2"
            component="h3"
            style={{ marginTop: 12 }}
          >
            {t('alertsCard.rulesHeading')}
          </Typography>
          <ul className={classes.rules} aria-label={t('alertsCard.rules')}>
            {rules.map(rule => (
              <li key={`${rule.group}/${rule.name}`} className={classes.rule}>
                <span className={classes.ruleName}>{rule.name}</span>
                {rule.severity && (
                  <StatusChip
                    label={rule.severity}
                    tone={rule.severity === 'critical' ? 'error' : 'warning'}
                  />
                )}
                <StatusChip
                  label={rule.state}
                  tone={rule.state === 'inactive' ? 'neutral' : 'error'}
                />
                {rule.summary && (
                  <Typography variant="body2" color="textSecondary">
                    {rule.summary.replace(/\{\{[^}]*\}\}/g, '…')}
                  </Typography>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
