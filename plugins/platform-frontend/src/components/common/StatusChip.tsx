import { makeStyles } from '@material-ui/core/styles';
import { Tone, toneColor } from './toneColor';

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
