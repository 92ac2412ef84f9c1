import Box from '@material-ui/core/Box';
import { CardFreshness } from '../common/PlatformCard';
import { UpdatedAgo } from '../common/UpdatedAgo';
import Link from '@material-ui/core/Link';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  HealthValue,
  HealthVerdict,
} from '@paved-road/backstage-plugin-platform-common';
import { StatusChip } from '../common/StatusChip';
import { Tone, toneColor } from '../common/toneColor';

export const verdictTone: Record<HealthVerdict, Tone> = {
  healthy: 'ok',
  degraded: 'warning',
  failing: 'error',
  unknown: 'neutral',
};

const sourceTitles: Record<string, string> = {
  argocd: 'Argo CD',
  alerts: 'Alerts',
  metrics: 'Metrics',
  logs: 'Logs',
  traces: 'Traces',
  builds: 'Builds',
};

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(2), borderLeft: '6px solid' },
  ok: { borderLeftColor: toneColor(theme, 'ok') },
  warning: { borderLeftColor: toneColor(theme, 'warning') },
  error: { borderLeftColor: toneColor(theme, 'error') },
  info: { borderLeftColor: toneColor(theme, 'info') },
  neutral: { borderLeftColor: theme.palette.divider },
}));

/** The overall verdict and why, each reason linking to the card of its source. */
export function VerdictBanner(props: {
  health: HealthValue;
  /** "Updated N s ago" and a refresh button, right of the verdict. */
  freshness?: CardFreshness;
}) {
  const classes = useStyles();
  const { verdict, reasons } = props.health;
  const tone = verdictTone[verdict];
  const shown = reasons.filter(r => r.verdict !== 'healthy');
  return (
    <Paper
      className={`${classes.root} ${classes[tone]}`}
      data-testid="platform-verdict"
    >
      <Box display="flex" alignItems="center" style={{ gap: 12 }}>
        <Typography variant="h5" component="h2">
          Health
        </Typography>
        <StatusChip label={verdict} tone={tone} />
        {props.freshness && (
          <Box ml="auto">
            <UpdatedAgo source="Health" {...props.freshness} />
          </Box>
        )}
      </Box>
      {shown.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {verdict === 'healthy'
            ? 'Every source reports healthy.'
            : 'No source explains the verdict.'}
        </Typography>
      ) : (
        <ul aria-label="Reasons">
          {shown.map((reason, i) => (
            <li key={i}>
              <Typography variant="body2" component="span">
                <Link href={`#platform-${reason.source}`}>
                  {sourceTitles[reason.source] ?? reason.source}
                </Link>{' '}
                <StatusChip
                  label={reason.verdict}
                  tone={verdictTone[reason.verdict]}
                />{' '}
                {reason.message}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </Paper>
  );
}
