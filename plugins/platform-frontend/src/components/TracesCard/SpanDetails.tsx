import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { TraceSpan } from '@paved-road/backstage-plugin-platform-common';
import { formatDuration } from '../../format';
import { StatusChip } from '../common/StatusChip';
import { Tone, toneColor } from '../common/toneColor';
import { platformTranslationRef } from '../../translation';

const statusTone: Record<TraceSpan['status'], Tone> = {
  error: 'error',
  ok: 'ok',
  unset: 'neutral',
};

const useStyles = makeStyles(theme => ({
  statusMessage: { color: toneColor(theme, 'error') },
}));

/** Attributes, status and events of the selected span. */
export function SpanDetails(props: { span: TraceSpan }) {
  const classes = useStyles();
  const { t } = useTranslationRef(platformTranslationRef);
  const { span } = props;
  const attributes = Object.entries(span.attributes).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  return (
    <Box mt={2} data-testid="span-details" aria-live="polite">
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="subtitle1" component="h3">
          {span.serviceName}: {span.name}
        </Typography>
        <StatusChip label={span.status} tone={statusTone[span.status]} />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {span.kind} · {formatDuration(span.durationNs / 1e6)} ·{' '}
        {t('tracesCard.span')} <code>{span.spanId}</code>
      </Typography>
      {span.statusMessage && (
        <Typography variant="body2" className={classes.statusMessage}>
          {span.statusMessage}
        </Typography>
      )}
      {attributes.length > 0 && (
        <Table size="small" aria-label={t('tracesCard.spanAttributes')}>
          <TableBody>
            {attributes.map(([key, value]) => (
              <TableRow key={key}>
                <TableCell component="th" scope="row">
                  <code>{key}</code>
                </TableCell>
                <TableCell>{String(value)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {span.events.length > 0 && (
        <Box mt={1}>
          <Typography variant="subtitle2">{t('tracesCard.events')}</Typography>
          {span.events.map((event, i) => (
            <Typography key={i} variant="body2">
              {event.name}
              {Object.keys(event.attributes).length > 0 &&
                ` ${JSON.stringify(event.attributes)}`}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}
