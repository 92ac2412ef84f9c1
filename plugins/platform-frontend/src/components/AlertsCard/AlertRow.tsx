import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import ListItem from '@material-ui/core/ListItem';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  AlertState,
  PlatformAlert,
} from '@paved-road/backstage-plugin-platform-common';
import { formatRelative } from '../../format';
import { StatusChip } from '../common/StatusChip';
import { Tone, toneColor } from '../common/toneColor';
import { platformTranslationRef } from '../../translation';

/** Severity label to tone; unknown severities read as neutral. */
export function severityTone(severity?: string): Tone {
  switch (severity?.toLocaleLowerCase('en-US')) {
    case 'critical':
    case 'error':
    case 'page':
      return 'error';
    case 'warning':
    case 'warn':
      return 'warning';
    case 'info':
      return 'info';
    default:
      return 'neutral';
  }
}

const stateTone: Record<AlertState, Tone> = {
  firing: 'error',
  pending: 'warning',
  silenced: 'neutral',
  inhibited: 'neutral',
};

const useStyles = makeStyles(theme => ({
  row: {
    display: 'block',
    borderLeft: '4px solid',
    marginBottom: theme.spacing(1),
  },
  error: { borderLeftColor: toneColor(theme, 'error') },
  warning: { borderLeftColor: toneColor(theme, 'warning') },
  info: { borderLeftColor: toneColor(theme, 'info') },
  neutral: { borderLeftColor: theme.palette.divider },
  ok: { borderLeftColor: toneColor(theme, 'ok') },
}));

/** One alert: state, severity colour, summary, runbook, since, and a link to Alertmanager. */
export function AlertRow(props: { alert: PlatformAlert }) {
  const { t } = useTranslationRef(platformTranslationRef);
  const { alert } = props;
  const classes = useStyles();
  const tone =
    alert.state === 'firing' || alert.state === 'pending'
      ? severityTone(alert.severity)
      : 'neutral';
  return (
    <ListItem
      className={`${classes.row} ${classes[tone]}`}
      data-testid="platform-alert"
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="subtitle1" component="span">
          {alert.name}
        </Typography>
        <StatusChip label={alert.state} tone={stateTone[alert.state]} />
        {alert.severity && (
          <StatusChip
            label={alert.severity}
            tone={severityTone(alert.severity)}
          />
        )}
        {alert.since && (
          <Typography
            variant="caption"
            color="textSecondary"
            title={alert.since}
          >
            since {formatRelative(alert.since)}
          </Typography>
        )}
      </Box>
      {alert.summary && (
        <Typography variant="body2">{alert.summary}</Typography>
      )}
      {alert.description && (
        <Typography variant="body2" color="textSecondary">
          {alert.description}
        </Typography>
      )}
      <Box display="flex" style={{ gap: 16 }}>
        {alert.runbookUrl && (
          <Link
            href={alert.runbookUrl}
            target="_blank"
            rel="noopener noreferrer"
            variant="body2"
          >
            {t('alertsCard.runbook')}
          </Link>
        )}
        {alert.alertmanagerUrl && (
          <Link
            href={alert.alertmanagerUrl}
            target="_blank"
            rel="noopener noreferrer"
            variant="body2"
          >
            Open in Alertmanager
          </Link>
        )}
      </Box>
    </ListItem>
  );
}
