import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Alert from '@material-ui/lab/Alert';
import {
  LogLevel,
  LogsValue,
} from '@paved-road/backstage-plugin-platform-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { useSourceResult } from '../../hooks/useSourceResult';
import { useSearchParam, useSetSearchParams } from '../../hooks/useSearchParam';
import { ExternalLinkButton } from '../common/ExternalLinkButton';
import { PartialWarnings } from '../common/PartialWarnings';
import { PlatformCard } from '../common/PlatformCard';
import { SourceResultView } from '../states';
import { LogToolbar } from './LogToolbar';
import { LogViewer } from './LogViewer';
import { useLogTail } from './useLogTail';
import { SEARCH_PARAMS } from '../../searchParams';
import { platformTranslationRef } from '../../translation';

function withCompanions(levels: LogLevel[]): LogLevel[] | undefined {
  if (levels.length === 0) return undefined;
  const all = new Set(levels);
  if (all.has('error')) all.add('fatal');
  if (all.has('debug')) all.add('trace');
  return [...all];
}

/**
 * Logs card of the current entity: a virtualised viewer with level, text, time range and trace filters,
 * and a live tail. A trace id on a line opens that trace in the Traces card (`?traceId=`).
 *
 * @public
 */
export function LogsCard() {
  const { t } = useTranslationRef(platformTranslationRef);
  const [traceId] = useSearchParam(SEARCH_PARAMS.logsTraceId);
  const [linkedStart] = useSearchParam(SEARCH_PARAMS.logsStart);
  const [linkedEnd] = useSearchParam(SEARCH_PARAMS.logsEnd);
  const setParams = useSetSearchParams();
  const hasLinkedRange = Boolean(linkedStart && linkedEnd);
  const [chosenRange, setChosenRange] = useState<string>();
  // A new deep link (another trace) wins over a range picked before it.
  useEffect(() => setChosenRange(undefined), [linkedStart, linkedEnd]);
  const defaultRange = hasLinkedRange ? 'custom' : 'now-1h';
  const range =
    !chosenRange || (chosenRange === 'custom' && !hasLinkedRange)
      ? defaultRange
      : chosenRange;
  const [levels, setLevels] = useState<LogLevel[]>([]);
  const [text, setText] = useState('');
  const [debouncedText, setDebouncedText] = useState('');
  useDebounce(() => setDebouncedText(text.trim()), 300, [text]);
  const [live, setLive] = useState(false);

  const filters = useMemo(
    () => ({
      level: withCompanions(levels),
      text: debouncedText || undefined,
      traceId,
    }),
    [levels, debouncedText, traceId],
  );
  const [start, end] =
    range === 'custom' ? [linkedStart, linkedEnd] : [range, undefined];
  const state = useSourceResult(
    (api, ref) =>
      api.getLogs(ref, {
        ...filters,
        start,
        end,
        direction: 'backward',
        limit: 1000,
      }),
    [filters, start, end],
  );
  const tail = useLogTail(live, filters);

  const fetched = state.okValue?.lines;
  const lines = useMemo(
    () => (fetched ? tail.lines.concat(fetched) : tail.lines),
    [fetched, tail.lines],
  );

  const openTrace = useCallback(
    (id: string) => {
      setParams({ [SEARCH_PARAMS.traceId]: id });
      document
        .getElementById('platform-traces')
        ?.scrollIntoView?.({ behavior: 'smooth' });
    },
    [setParams],
  );

  return (
    <PlatformCard
      id="platform-logs"
      title={t('logsCard.title')}
      // Refreshed on request; while live, the tail brings the new lines (a reload would repeat them).
      freshness={
        live
          ? undefined
          : {
              updatedAt: state.updatedAt,
              refreshing: state.loading,
              onRefresh: state.retry,
            }
      }
      actions={
        <ExternalLinkButton
          href={state.okValue?.exploreUrl}
          label={
            state.okValue?.exploreKind === 'kibana'
              ? t('logsCard.kibanaLink')
              : t('logsCard.link')
          }
        />
      }
    >
      <LogToolbar
        levels={levels}
        onLevelsChange={setLevels}
        text={text}
        onTextChange={setText}
        range={range}
        onRangeChange={setChosenRange}
        customRangeLabel={
          hasLinkedRange ? t('logsCard.aroundTrace') : undefined
        }
        live={live}
        onLiveChange={setLive}
        traceId={traceId}
        onClearTraceId={() =>
          setParams({
            [SEARCH_PARAMS.logsTraceId]: undefined,
            [SEARCH_PARAMS.logsStart]: undefined,
            [SEARCH_PARAMS.logsEnd]: undefined,
          })
        }
      />
      {tail.error && (
        <Alert severity="warning" role="alert">
          {t('logsCard.tailStopped', { message: tail.error.message })}
        </Alert>
      )}
      <SourceResultView<LogsValue>
        source={t('sources.logs')}
        state={state}
        isEmpty={v => v.lines.length === 0 && tail.lines.length === 0}
        emptyTitle={t('logsCard.emptyTitle')}
        emptyHint={t('logsCard.emptyHint')}
      >
        {value => (
          <>
            <PartialWarnings warnings={value.warnings} />
            <LogViewer lines={lines} onTraceClick={openTrace} />
            {value.truncated && (
              // A notice, not an error: MUI's Alert would otherwise announce it as role="alert".
              <Alert severity="info" role="status">
                {t('logsCard.truncated', { limit: String(value.limit) })}
              </Alert>
            )}
          </>
        )}
      </SourceResultView>
    </PlatformCard>
  );
}
