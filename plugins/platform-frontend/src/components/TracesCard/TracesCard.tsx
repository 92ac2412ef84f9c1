import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import { useSearchParam } from '../../hooks/useSearchParam';
import { SEARCH_PARAMS } from '../../searchParams';
import { PlatformCard } from '../common/PlatformCard';
import { TraceDetailContainer } from './TraceDetailContainer';
import { TraceSearch } from './TraceSearch';
import { platformTranslationRef } from '../../translation';

/**
 * Traces card of the current entity: a trace search, and the waterfall of the trace named by `?traceId=`.
 *
 * @public
 */
export function TracesCard() {
  const { t } = useTranslationRef(platformTranslationRef);
  const [traceId, setTraceId] = useSearchParam(SEARCH_PARAMS.traceId);
  const onOpen = useCallback((id: string) => setTraceId(id), [setTraceId]);
  return (
    <PlatformCard id="platform-traces" title={t('tracesCard.title')}>
      {traceId ? (
        <TraceDetailContainer traceId={traceId} />
      ) : (
        <TraceSearch onOpen={onOpen} />
      )}
    </PlatformCard>
  );
}
