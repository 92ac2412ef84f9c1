import { makeStyles } from '@material-ui/core/styles';
import { readableColor } from '../common/readableColor';
import { toneColor } from '../common/toneColor';

/** Height of a folded log line, its bottom border included; fits the 24px trace buttons (WCAG 2.5.8). */
export const LOG_ROW_HEIGHT = 26;

/** Styles shared by the log viewer and its rows; level colours come from the theme palette, made readable. */
export const useLogStyles = makeStyles(theme => {
  // The theme's secondary text is just short of 4.5:1 on a hovered row in the light theme.
  const secondary = toneColor(theme, 'neutral');
  return {
    list: {
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: 12,
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
    },
    // The react-window item: sized by the list; its content decides the size of an expanded line.
    row: {
      boxSizing: 'border-box',
      overflow: 'hidden',
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
    summary: {
      height: LOG_ROW_HEIGHT - 1,
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(1),
      paddingRight: theme.spacing(1),
      whiteSpace: 'nowrap',
      '&:hover': { backgroundColor: theme.palette.action.hover },
    },
    toggle: {
      flex: 1,
      minWidth: 0,
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(1),
      alignSelf: 'stretch',
      paddingLeft: theme.spacing(0.5),
      cursor: 'pointer',
      '&:focus-visible': {
        outline: `2px solid ${theme.palette.primary.main}`,
        outlineOffset: -2,
      },
    },
    chevron: {
      flex: 'none',
      width: '1ch',
      color: secondary,
      transition: 'transform 100ms',
      '&::before': { content: '"\\25B8"' },
    },
    chevronOpen: { transform: 'rotate(90deg)' },
    time: { color: secondary, flex: 'none' },
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
    field: {
      flex: 'none',
      maxWidth: '16ch',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      color: theme.palette.text.primary,
    },
    fieldName: { color: secondary },
    detail: {
      padding: theme.spacing(0.5, 1, 1, 3),
      color: theme.palette.text.primary,
      cursor: 'text',
    },
    fullText: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
    fields: {
      marginTop: theme.spacing(0.5),
      borderCollapse: 'collapse',
      font: 'inherit',
      '& th, & td': {
        padding: theme.spacing(0, 1, 0, 0),
        verticalAlign: 'top',
        textAlign: 'left',
        overflowWrap: 'anywhere',
      },
      '& th': { fontWeight: 'normal', color: secondary },
    },
    labels: {
      marginTop: theme.spacing(0.5),
      color: secondary,
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
  };
});
