import { makeStyles } from '@material-ui/core/styles';

/** Styles shared by the log viewer and its rows; level colours come from the theme palette. */
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
    padding: theme.spacing(0, 0.5),
    cursor: 'pointer',
    color: theme.palette.primary.main,
    background: 'none',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    '&:hover, &:focus-visible': { borderColor: theme.palette.primary.main },
  },
  fatal: { color: theme.palette.error.main },
  error: { color: theme.palette.error.main },
  warn: { color: theme.palette.warning.main },
  info: { color: theme.palette.info.main },
  debug: { color: theme.palette.text.secondary },
  trace_: { color: theme.palette.text.secondary },
  unknown: { color: theme.palette.text.disabled },
}));
