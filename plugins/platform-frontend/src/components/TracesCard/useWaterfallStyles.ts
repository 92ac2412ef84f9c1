import { makeStyles } from '@material-ui/core/styles';

/** Styles of the waterfall rows; only the service colours are not from the theme. */
export const useWaterfallStyles = makeStyles(theme => ({
  list: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    fontSize: 12,
  },
  row: {
    display: 'flex',
    alignItems: 'center',
    boxSizing: 'border-box',
    cursor: 'pointer',
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:hover': { backgroundColor: theme.palette.action.hover },
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: -2,
    },
  },
  selected: { backgroundColor: theme.palette.action.selected },
  name: {
    flex: '0 0 35%',
    display: 'flex',
    alignItems: 'center',
    gap: 4,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    color: theme.palette.text.primary,
  },
  dot: { flex: 'none', width: 8, height: 8, borderRadius: '50%' },
  error: { color: theme.palette.error.main, fontWeight: 700 },
  track: { position: 'relative', flex: 1, height: '100%' },
  bar: {
    position: 'absolute',
    top: 6,
    bottom: 6,
    minWidth: 2,
    borderRadius: 2,
  },
  barError: { outline: `2px solid ${theme.palette.error.main}` },
  duration: {
    position: 'absolute',
    top: 4,
    paddingLeft: 4,
    whiteSpace: 'nowrap',
    color: theme.palette.text.secondary,
  },
}));
