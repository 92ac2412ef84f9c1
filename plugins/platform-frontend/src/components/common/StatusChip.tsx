import { makeStyles, Theme } from '@material-ui/core/styles';

/** How a status reads at a glance; mapped to the theme palette so it works in dark mode too. */
export type Tone = 'ok' | 'warning' | 'error' | 'info' | 'neutral';

/** The theme colour of a tone. */
export function toneColor(theme: Theme, tone: Tone): string {
  switch (tone) {
    case 'ok':
      return theme.palette.success.main;
    case 'warning':
      return theme.palette.warning.main;
    case 'error':
      return theme.palette.error.main;
    case 'info':
      return theme.palette.info.main;
    default:
      return theme.palette.text.secondary;
  }
}

const useStyles = makeStyles(theme => ({
  chip: {
    display: 'inline-block',
    padding: theme.spacing(0, 0.75),
    borderRadius: theme.shape.borderRadius,
    border: '1px solid currentColor',
    fontSize: theme.typography.caption.fontSize,
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1.6,
    whiteSpace: 'nowrap',
  },
  ok: { color: toneColor(theme, 'ok') },
  warning: { color: toneColor(theme, 'warning') },
  error: { color: toneColor(theme, 'error') },
  info: { color: toneColor(theme, 'info') },
  neutral: { color: toneColor(theme, 'neutral') },
}));

/** A small outlined label coloured by its tone. */
export function StatusChip(props: {
  label: string;
  tone: Tone;
  title?: string;
}) {
  const classes = useStyles();
  return (
    <span
      className={`${classes.chip} ${classes[props.tone]}`}
      data-tone={props.tone}
      title={props.title}
    >
      {props.label}
    </span>
  );
}
