import { useTranslationRef } from '@backstage/frontend-plugin-api';
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
import { platformTranslationRef } from '../../translation';

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
  const { t } = useTranslationRef(platformTranslationRef);
  const classes = useStyles();
  const stacked = useStackedTableStyles();
  const onKeyDown = (traceId: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onOpen(traceId);
    }
  };
  return (
    <Table
      size="small"
      aria-label={t('tracesCard.title')}
      className={stacked.table}
    >
      <TableHead>
        <TableRow>
          <TableCell>{t('tracesCard.columns.started')}</TableCell>
          <TableCell>{t('tracesCard.columns.root')}</TableCell>
          <TableCell>{t('tracesCard.columns.trace')}</TableCell>
          <TableCell align="right">{t('tracesCard.columns.spans')}</TableCell>
          <TableCell align="right">
            {t('tracesCard.columns.duration')}
          </TableCell>
          <TableCell>{t('tracesCard.columns.status')}</TableCell>
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
            aria-label={t('tracesCard.openTrace', { id: trace.traceId })}
            onClick={() => props.onOpen(trace.traceId)}
            onKeyDown={onKeyDown(trace.traceId)}
          >
            <TableCell
              data-label={t('tracesCard.columns.started')}
              title={trace.startTime}
            >
              {formatClock(Date.parse(trace.startTime))}
            </TableCell>
            <TableCell data-label={t('tracesCard.columns.root')}>
              {trace.rootServiceName}
              {trace.rootTraceName ? `: ${trace.rootTraceName}` : ''}
            </TableCell>
            <TableCell data-label={t('tracesCard.columns.trace')}>
              <code title={trace.traceId}>{shortId(trace.traceId)}</code>
            </TableCell>
            <TableCell data-label={t('tracesCard.columns.spans')} align="right">
              {trace.spanCount ?? '-'}
            </TableCell>
            <TableCell
              data-label={t('tracesCard.columns.duration')}
              align="right"
            >
              {formatDuration(trace.durationMs)}
            </TableCell>
            <TableCell data-label={t('tracesCard.columns.status')}>
              <StatusChip
                label={
                  trace.error
                    ? t('tracesCard.statusError')
                    : t('tracesCard.statusOk')
                }
                tone={trace.error ? 'error' : 'ok'}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
