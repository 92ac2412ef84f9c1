import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ServiceGraphValue } from '@paved-road/backstage-plugin-platform-common';
import { useSourceResult } from '../../hooks/useSourceResult';
import { platformTranslationRef } from '../../translation';
import { ExternalLinkButton } from '../common/ExternalLinkButton';
import { PartialWarnings } from '../common/PartialWarnings';
import { PlatformCard } from '../common/PlatformCard';
import { SourceResultView } from '../states';
import { ServiceGraphView } from './ServiceGraphView';

/** The edges are 5-minute rates: a poll every 15 s is live enough, and the backend serves it from its cache. */
export const SERVICE_GRAPH_REFRESH_MS = 15_000;

/**
 * Service graph card of the current entity: who calls its workload and whom it calls, with each edge's rate,
 * error ratio and p95, each peer linked to its entity's Health tab, and a Kiali link when configured.
 *
 * @public
 */
export function ServiceGraphCard() {
  const { t } = useTranslationRef(platformTranslationRef);
  const state = useSourceResult((api, ref) => api.getServiceGraph(ref), [], {
    refreshMs: SERVICE_GRAPH_REFRESH_MS,
  });
  const value = state.okValue;
  return (
    <PlatformCard
      id="platform-service-graph"
      title={t('serviceGraphCard.title')}
      subheader={
        value
          ? t('serviceGraphCard.subheader', {
              metrics: t(`serviceGraphCard.metrics.${value.metrics}`),
              minutes: String(Math.round(value.windowSeconds / 60)),
            })
          : undefined
      }
      freshness={{
        updatedAt: state.updatedAt,
        refreshing: state.refreshing,
        onRefresh: state.retry,
      }}
      actions={
        <ExternalLinkButton
          href={value?.kialiUrl}
          label={t('serviceGraphCard.kiali')}
        />
      }
    >
      <SourceResultView<ServiceGraphValue>
        source={t('sources.service-graph')}
        state={state}
        isEmpty={v => v.callers.length === 0 && v.callees.length === 0}
        emptyTitle={t('serviceGraphCard.emptyTitle')}
        emptyHint={t('serviceGraphCard.emptyHint')}
      >
        {v => (
          <>
            <PartialWarnings warnings={v.warnings} />
            <ServiceGraphView value={v} />
          </>
        )}
      </SourceResultView>
    </PlatformCard>
  );
}
