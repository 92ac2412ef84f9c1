import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { TraceDetail } from '@paved-road/backstage-plugin-platform-common';
import { useCallback } from 'react';
import { nsToMs } from '../../format';
import { useSourceResult } from '../../hooks/useSourceResult';
import { useSetSearchParams } from '../../hooks/useSearchParam';
import { SourceResultView } from '../states';
import { TraceDetailView } from './TraceDetailView';
import { SEARCH_PARAMS } from '../../searchParams';
import { platformTranslationRef } from '../../translation';

/** Logs of a trace are searched this long before its first span and after its last. */
const LOGS_MARGIN_MS = 5 * 60 * 1000;

function logsWindow(trace: TraceDetail): { start?: string; end?: string } {
  if (trace.spans.length === 0) return {};
  let first = Infinity;
  let last = -Infinity;
  for (const span of trace.spans) {
    const start = nsToMs(span.startTimeNs);
    first = Math.min(first, start);
    last = Math.max(last, start + span.durationNs / 1e6);
  }
  return {
    start: new Date(first - LOGS_MARGIN_MS).toISOString(),
    end: new Date(last + LOGS_MARGIN_MS).toISOString(),
  };
}

/** Loads one trace by id and shows it; "logs for this trace" filters the Logs card via the URL. */
export function TraceDetailContainer(props: { traceId: string }) {
  const { t } = useTranslationRef(platformTranslationRef);
  const { traceId } = props;
  const state = useSourceResult(
    (api, ref) => api.getTrace(ref, traceId),
    [traceId],
  );
  const setParams = useSetSearchParams();
  const onBack = useCallback(
    () => setParams({ [SEARCH_PARAMS.traceId]: undefined }),
    [setParams],
  );
  const trace = state.okValue;
  const onShowLogs = useCallback(() => {
    const window = trace ? logsWindow(trace) : {};
    setParams({
      [SEARCH_PARAMS.logsTraceId]: traceId,
      [SEARCH_PARAMS.logsStart]: window.start,
      [SEARCH_PARAMS.logsEnd]: window.end,
    });
    document
      .getElementById('platform-logs')
      ?.scrollIntoView?.({ behavior: 'smooth' });
  }, [setParams, trace, traceId]);
  return (
    <SourceResultView<TraceDetail>
      source={t('tracesCard.traceSource')}
      state={state}
      isEmpty={v => v.spans.length === 0}
      emptyTitle={t('tracesCard.traceNotFound')}
      emptyHint={t('tracesCard.traceNotFoundHint')}
    >
      {value => (
        <TraceDetailView
          trace={value}
          onBack={onBack}
          onShowLogs={onShowLogs}
        />
      )}
    </SourceResultView>
  );
}
