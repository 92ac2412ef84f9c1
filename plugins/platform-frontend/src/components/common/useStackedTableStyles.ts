import { makeStyles } from '@material-ui/core/styles';

/**
 * A table that becomes stacked rows on a phone: below 600 px the header row is visually hidden (screen readers
 * still hear the table), each row is a block and each cell a "label value" line, its label from `data-label`.
 * Wide enough, cells never wrap inside a word.
 */
export const useStackedTableStyles = makeStyles(theme => ({
  table: {
    '& th, & td': { wordBreak: 'normal', overflowWrap: 'normal' },
    [theme.breakpoints.down('xs')]: {
      '& thead': {
        position: 'absolute',
        width: 1,
        height: 1,
        overflow: 'hidden',
        clip: 'rect(0 0 0 0)',
      },
      '& tbody tr': {
        display: 'block',
        padding: theme.spacing(1, 0),
        borderBottom: `1px solid ${theme.palette.divider}`,
      },
      '& tbody td': {
        display: 'flex',
        justifyContent: 'space-between',
        alignItems: 'baseline',
        gap: theme.spacing(2),
        textAlign: 'right',
        border: 0,
        padding: theme.spacing(0.25, 1),
        overflowWrap: 'anywhere',
      },
      '& tbody td[data-label]::before': {
        content: 'attr(data-label)',
        flex: 'none',
        textAlign: 'left',
        color: theme.palette.text.secondary,
      },
    },
  },
}));
