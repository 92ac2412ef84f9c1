import { makeStyles } from '@material-ui/core/styles';
import { readableColor } from '../common/readableColor';
import { toneColor } from '../common/toneColor';

/** Styles shared by the log viewer and its rows; level colours come from the theme palette, made readable. */
export const useLogStyles = makeStyles(theme => ({
  list: {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 12,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0, 1),
    whiteSpace: 'nowrap',
    boxSizing: 'border-box',
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:hover': { backgroundColor: theme.palette.action.hover },
  },
  time: { color: theme.palette.text.secondary, flex: 'none' },
  level: {
    flex: 'none',
    width: 44,
    fontWeight: 700,
    textTransform: 'uppercase',
  },
  text: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    flex: 1,
    color: theme.palette.text.primary,
  },
  trace: {
    flex: 'none',
    font: 'inherit',
    // 24px high: the minimum target size (WCAG 2.5.8).
    height: 24,
    padding: theme.spacing(0, 0.5),
    cursor: 'pointer',
    color: theme.palette.primary.main,
    background: 'none',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    '&:hover, &:focus-visible': { borderColor: theme.palette.primary.main },
  },
  // The full id, of which the first 8 characters show: the button's accessible name ("Open trace <id>") then
  // contains its visible text (WCAG 2.5.3), and a copied id is whole.
  traceId: {
    display: 'inline-block',
    verticalAlign: 'top',
    width: '8ch',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  },
  fatal: { color: toneColor(theme, 'error') },
  error: { color: toneColor(theme, 'error') },
  warn: { color: toneColor(theme, 'warning') },
  info: { color: toneColor(theme, 'info') },
  debug: { color: toneColor(theme, 'neutral') },
  trace_: { color: toneColor(theme, 'neutral') },
  unknown: { color: readableColor(theme, theme.palette.text.disabled) },
}));
