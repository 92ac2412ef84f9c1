import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useEffect, useState } from 'react';
import { usePageVisible } from '../../hooks/usePageVisible';

const useStyles = makeStyles(theme => ({
  root: { display: 'inline-flex', alignItems: 'center', gap: 2 },
  text: { whiteSpace: 'nowrap', color: theme.palette.text.secondary },
}));

/** "12 s", "3 min", "2 h": how long ago, in the largest whole unit. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h`;
}

/** The freshness of a card's data ("Updated 12 s ago", ticking while visible) and its refresh control. */
export function UpdatedAgo(props: {
  source: string;
  updatedAt?: number;
  refreshing?: boolean;
  onRefresh: () => void;
}) {
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
  return (
    <span className={classes.root}>
      {updatedAt !== undefined && (
        <Typography
          variant="caption"
          className={classes.text}
          data-testid="updated-ago"
          title={new Date(updatedAt).toLocaleString()}
        >
          Updated {formatAge(now - updatedAt)} ago
        </Typography>
      )}
      <IconButton
        size="small"
        aria-label={`Refresh ${props.source}`}
        title={`Refresh ${props.source}`}
        disabled={props.refreshing}
        onClick={props.onRefresh}
      >
        <RefreshIcon fontSize="small" />
      </IconButton>
    </span>
  );
}
