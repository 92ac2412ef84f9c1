import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { BuildsValue } from '@paved-road/backstage-plugin-platform-common';
import { useSourceResult } from '../../hooks/useSourceResult';
import { ExternalLinkButton } from '../common/ExternalLinkButton';
import { PlatformCard } from '../common/PlatformCard';
import { SourceResultView } from '../states';
import { BuildsView } from './BuildsView';
import { platformTranslationRef } from '../../translation';

/** Builds take minutes; the backend serves polls from its cache. */
export const BUILDS_REFRESH_MS = 10_000;

/**
 * Builds card of the current entity: the latest Jenkins runs of its job.
 *
 * @public
 */
export function BuildsCard() {
  const { t } = useTranslationRef(platformTranslationRef);
  const state = useSourceResult((api, ref) => api.getBuilds(ref), [], {
    refreshMs: BUILDS_REFRESH_MS,
  });
  const value = state.okValue;
  return (
    <PlatformCard
      id="platform-builds"
      title={t('buildsCard.title')}
      subheader={value?.jobFullName}
      freshness={{
        updatedAt: state.updatedAt,
        refreshing: state.refreshing,
        onRefresh: state.retry,
      }}
      actions={
        <ExternalLinkButton href={value?.jobUrl} label={t('buildsCard.link')} />
      }
    >
      <SourceResultView<BuildsValue>
        source={t('sources.builds')}
        state={state}
        isEmpty={v => v.builds.length === 0}
        emptyTitle={t('buildsCard.emptyTitle')}
        emptyHint={t('buildsCard.emptyHint')}
      >
        {v => <BuildsView value={v} />}
      </SourceResultView>
    </PlatformCard>
  );
}
