import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { MetricsValue } from '@paved-road/backstage-plugin-platform-common';
import { useEffect, useState } from 'react';
import { useSourceResult } from '../../hooks/useSourceResult';
import { ExternalLinkButton } from '../common/ExternalLinkButton';
import { PlatformCard } from '../common/PlatformCard';
import { TIME_RANGES, TimeRangeSelect } from '../common/TimeRangeSelect';
import { SourceResultView } from '../states';
import { MetricsView } from './MetricsView';
import { rangeFittingData } from './defaultRange';
import { platformTranslationRef } from '../../translation';

/** About a scrape interval or two in production; the backend aligns the query end to 5 s and caches it. */
export const METRICS_REFRESH_MS = 15_000;

/** About 120 points per chart whatever the range. */
function stepFor(range: string): number {
  const seconds = TIME_RANGES.find(r => r.value === range)?.seconds ?? 3600;
  return Math.max(15, Math.round(seconds / 120));
}

/**
 * RED metrics card of the current entity: request rate, error ratio and p95 latency over a range,
 * with deployments marked.
 *
 * @public
 */
export function MetricsCard() {
  const { t } = useTranslationRef(platformTranslationRef);
  // Until the reader picks a range, the default shrinks once to one the data fills (a young service).
  const [chosen, setChosen] = useState<string>();
  const [fitted, setFitted] = useState<string>();
  const range = chosen ?? fitted ?? 'now-1h';
  const state = useSourceResult(
    (api, ref) =>
      api.getMetrics(ref, { start: range, stepSeconds: stepFor(range) }),
    [range],
    { refreshMs: METRICS_REFRESH_MS },
  );
  const value = state.okValue;
  useEffect(() => {
    if (chosen || fitted || !value) return;
    const fits = rangeFittingData(value, range);
    if (fits) setFitted(fits);
  }, [value, chosen, fitted, range]);
  return (
    <PlatformCard
      id="platform-metrics"
      title={t('metricsCard.title')}
      freshness={{
        updatedAt: state.updatedAt,
        refreshing: state.refreshing,
        onRefresh: state.retry,
      }}
      actions={
        <>
          <TimeRangeSelect
            id="platform-metrics-range"
            value={range}
            onChange={setChosen}
          />
          <ExternalLinkButton
            href={state.okValue?.exploreUrl}
            label={t('metricsCard.link')}
          />
        </>
      }
    >
      <SourceResultView<MetricsValue>
        source={t('sources.metrics')}
        state={state}
        isEmpty={v => v.series.every(s => s.points.length === 0)}
        emptyTitle={t('metricsCard.emptyTitle')}
        emptyHint={t('metricsCard.emptyHint')}
      >
        {v => <MetricsView value={v} />}
      </SourceResultView>
    </PlatformCard>
  );
}
