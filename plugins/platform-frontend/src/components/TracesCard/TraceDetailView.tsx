import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import ArrowBack from '@material-ui/icons/ArrowBack';
import Subject from '@material-ui/icons/Subject';
import { TraceDetail } from '@paved-road/backstage-plugin-platform-common';
import { useCallback, useMemo, useState } from 'react';
import { formatDuration } from '../../format';
import { StatusChip } from '../common/StatusChip';
import { ServiceLegend } from './ServiceLegend';
import { SpanDetails } from './SpanDetails';
import { TraceWaterfall } from './TraceWaterfall';
import { buildWaterfall } from './waterfall';
import { platformTranslationRef } from '../../translation';

/** One trace: summary, service legend, waterfall, the selected span, and the way to its logs. */
export function TraceDetailView(props: {
  trace: TraceDetail;
  onBack: () => void;
  onShowLogs: () => void;
}) {
  const { trace } = props;
  const { t } = useTranslationRef(platformTranslationRef);
  const layout = useMemo(() => buildWaterfall(trace.spans), [trace.spans]);
  const [selectedSpanId, setSelectedSpanId] = useState<string>();
  const onSelect = useCallback(
    (id: string) =>
      setSelectedSpanId(current => (current === id ? undefined : id)),
    [],
  );
  const selected = layout.rows.find(
    r => r.span.spanId === selectedSpanId,
  )?.span;
  return (
    <Box data-testid="trace-detail">
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
        mb={1}
      >
        <Button size="small" startIcon={<ArrowBack />} onClick={props.onBack}>
          {t('tracesCard.allTraces')}
        </Button>
        <Typography variant="subtitle1" component="h3">
          {t('tracesCard.traceHeading')} <code>{trace.traceId}</code>
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {t('tracesCard.spansAndDuration', {
            spans: String(layout.rows.length),
            duration: formatDuration(layout.totalMs),
          })}
        </Typography>
        {(trace.withheldSpans ?? 0) > 0 && (
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="withheld-spans"
          >
            {t('tracesCard.withheldSpans', { count: trace.withheldSpans! })}
          </Typography>
        )}
        {layout.errorCount > 0 && (
          <StatusChip
            label={t('tracesCard.errors', { count: layout.errorCount })}
            tone="error"
          />
        )}
        <Box flex={1} />
        <Button
          size="small"
          variant="outlined"
          color="primary"
          startIcon={<Subject />}
          onClick={props.onShowLogs}
        >
          {t('tracesCard.logsForTrace')}
        </Button>
      </Box>
      <ServiceLegend services={layout.services} />
      <TraceWaterfall
        layout={layout}
        selectedSpanId={selectedSpanId}
        onSelect={onSelect}
      />
      {selected && <SpanDetails span={selected} />}
    </Box>
  );
}
