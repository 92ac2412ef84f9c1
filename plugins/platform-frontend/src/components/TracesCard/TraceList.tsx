import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { TraceSummary } from '@paved-road/backstage-plugin-platform-common';
import { KeyboardEvent } from 'react';
import { formatClock, formatDuration, shortId } from '../../format';
import { StatusChip } from '../common/StatusChip';
import { useStackedTableStyles } from '../common/useStackedTableStyles';

const useStyles = makeStyles(theme => ({
  row: {
    cursor: 'pointer',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: -2,
    },
  },
}));

/** Trace search results; a row opens its trace on click or Enter. */
export function TraceList(props: {
  traces: TraceSummary[];
  onOpen: (traceId: string) => void;
}) {
  const classes = useStyles();
  const stacked = useStackedTableStyles();
  const onKeyDown = (traceId: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onOpen(traceId);
    }
  };
  return (
    <Table size="small" aria-label="Traces" className={stacked.table}>
      <TableHead>
        <TableRow>
          <TableCell>Started</TableCell>
          <TableCell>Root</TableCell>
          <TableCell>Trace</TableCell>
          <TableCell align="right">Spans</TableCell>
          <TableCell align="right">Duration</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.traces.map(trace => (
          <TableRow
            key={trace.traceId}
            hover
            tabIndex={0}
            className={classes.row}
            data-testid="trace-row"
            aria-label={`Open trace ${trace.traceId}`}
            onClick={() => props.onOpen(trace.traceId)}
            onKeyDown={onKeyDown(trace.traceId)}
          >
            <TableCell data-label="Started" title={trace.startTime}>
              {formatClock(Date.parse(trace.startTime))}
            </TableCell>
            <TableCell data-label="Root">
              {trace.rootServiceName}
              {trace.rootTraceName ? `: ${trace.rootTraceName}` : ''}
            </TableCell>
            <TableCell data-label="Trace">
              <code title={trace.traceId}>{shortId(trace.traceId)}</code>
            </TableCell>
            <TableCell data-label="Spans" align="right">
              {trace.spanCount ?? '-'}
            </TableCell>
            <TableCell data-label="Duration" align="right">
              {formatDuration(trace.durationMs)}
            </TableCell>
            <TableCell data-label="Status">
              <StatusChip
                label={trace.error ? 'error' : 'ok'}
                tone={trace.error ? 'error' : 'ok'}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
