import { makeStyles } from '@material-ui/core/styles';
import { toneColor } from '../common/toneColor';

/** Styles of the waterfall rows; the service colours come from useServiceColors. */
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
    [theme.breakpoints.down('xs')]: { flexBasis: '50%' },
  },
  nameText: { minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' },
  dot: { flex: 'none', width: 8, height: 8, borderRadius: '50%' },
  error: { color: toneColor(theme, 'error'), fontWeight: 700 },
  track: { position: 'relative', flex: 1, minWidth: 0, height: '100%' },
  bar: {
    position: 'absolute',
    top: 6,
    bottom: 6,
    minWidth: 2,
    borderRadius: 2,
  },
  barError: { outline: `2px solid ${toneColor(theme, 'error')}` },
  // Sits on the card's colour even where it overlaps a long bar, so it stays readable on any service colour.
  duration: {
    position: 'absolute',
    top: 4,
    marginLeft: 4,
    marginRight: 2,
    padding: theme.spacing(0, 0.5),
    borderRadius: theme.shape.borderRadius,
    whiteSpace: 'nowrap',
    color: toneColor(theme, 'neutral'),
    backgroundColor: theme.palette.background.paper,
  },
}));
