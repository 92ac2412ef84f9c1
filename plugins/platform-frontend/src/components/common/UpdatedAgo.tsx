import { useTranslationRef } from '@backstage/frontend-plugin-api';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useEffect, useState } from 'react';
import { usePageVisible } from '../../hooks/usePageVisible';
import { platformTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  root: { display: 'inline-flex', alignItems: 'center', gap: 2 },
  text: { whiteSpace: 'nowrap', color: theme.palette.text.secondary },
}));

/** How long ago, in the largest whole unit: 12 seconds, 3 minutes, 2 hours. */
export function ageParts(ms: number): {
  unit: 'seconds' | 'minutes' | 'hours';
  count: number;
} {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return { unit: 'seconds', count: seconds };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  return { unit: 'hours', count: Math.floor(minutes / 60) };
}

/** The freshness of a card's data ("Updated 12 s ago", ticking while visible) and its refresh control. */
export function UpdatedAgo(props: {
  source: string;
  updatedAt?: number;
  refreshing?: boolean;
  onRefresh: () => void;
}) {
  const { t } = useTranslationRef(platformTranslationRef);
  const classes = useStyles();
  const visible = usePageVisible();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!visible) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [visible]);
  const { updatedAt } = props;
  const age = updatedAt === undefined ? undefined : ageParts(now - updatedAt);
  const refresh = t('freshness.refresh', { source: props.source });
  return (
    <span className={classes.root}>
      {updatedAt !== undefined && (
        <Typography
          variant="caption"
          className={classes.text}
          data-testid="updated-ago"
          title={new Date(updatedAt).toLocaleString()}
        >
          {age &&
            t('freshness.updated', {
              age: t(`freshness.${age.unit}`, { value: String(age.count) }),
            })}
        </Typography>
      )}
      <IconButton
        size="small"
        aria-label={refresh}
        title={refresh}
        disabled={props.refreshing}
        onClick={props.onRefresh}
      >
        <RefreshIcon fontSize="small" />
      </IconButton>
    </span>
  );
}
