import { useTranslationRef } from '@backstage/frontend-plugin-api';
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
import { platformTranslationRef } from '../../translation';
import { isBuiltinSource } from './builtinSourceCards';
import { sourceAnchor } from './sourceAnchor';

export const verdictTone: Record<HealthVerdict, Tone> = {
  healthy: 'ok',
  degraded: 'warning',
  failing: 'error',
  unknown: 'neutral',
};

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(2), borderLeft: '6px solid' },
  ok: { borderLeftColor: toneColor(theme, 'ok') },
  warning: { borderLeftColor: toneColor(theme, 'warning') },
  error: { borderLeftColor: toneColor(theme, 'error') },
  info: { borderLeftColor: toneColor(theme, 'info') },
  neutral: { borderLeftColor: theme.palette.divider },
}));

/**
 * The overall verdict and why, each reason linking to the card of its source when the tab has one. A reason
 * may name a source this plugin does not know (another module's): it shows under that card's title, else
 * under its id.
 */
export function VerdictBanner(props: {
  health: HealthValue;
  /** The title of each source with a card on the tab, by source id. */
  cardTitles: ReadonlyMap<string, string>;
  /** "Updated N s ago" and a refresh button, right of the verdict. */
  freshness?: CardFreshness;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(platformTranslationRef);
  const { cardTitles } = props;
  const { verdict, reasons } = props.health;
  const titleOf = (source: string) =>
    isBuiltinSource(source)
      ? t(`sources.${source}`)
      : cardTitles.get(source) ?? source;
  const tone = verdictTone[verdict];
  const shown = reasons.filter(r => r.verdict !== 'healthy');
  return (
    <Paper
      className={`${classes.root} ${classes[tone]}`}
      data-testid="platform-verdict"
    >
      <Box display="flex" alignItems="center" style={{ gap: 12 }}>
        <Typography variant="h5" component="h2">
          {t('health.title')}
        </Typography>
        <StatusChip label={verdict} tone={tone} />
        {props.freshness && (
          <Box ml="auto">
            <UpdatedAgo source={t('health.title')} {...props.freshness} />
          </Box>
        )}
      </Box>
      {shown.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {verdict === 'healthy'
            ? t('health.allHealthy')
            : t('health.noReason')}
        </Typography>
      ) : (
        <ul aria-label={t('health.reasons')}>
          {shown.map((reason, i) => (
            <li key={i}>
              <Typography variant="body2" component="span">
                {cardTitles.has(String(reason.source)) ? (
                  <Link href={`#${sourceAnchor(String(reason.source))}`}>
                    {titleOf(String(reason.source))}
                  </Link>
                ) : (
                  <strong>{titleOf(String(reason.source))}</strong>
                )}{' '}
                <StatusChip
                  label={reason.verdict}
                  tone={verdictTone[reason.verdict] ?? 'neutral'}
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
