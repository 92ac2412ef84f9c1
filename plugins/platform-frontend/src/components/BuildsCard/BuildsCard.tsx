import { BuildsValue } from '@paved-road/backstage-plugin-platform-common';
import { useSourceResult } from '../../hooks/useSourceResult';
import { ExternalLinkButton } from '../common/ExternalLinkButton';
import { PlatformCard } from '../common/PlatformCard';
import { SourceResultView } from '../states';
import { BuildsView } from './BuildsView';

/** Builds take minutes; the backend serves polls from its cache. */
export const BUILDS_REFRESH_MS = 10_000;

/**
 * Builds card of the current entity: the latest Jenkins runs of its job.
 *
 * @public
 */
export function BuildsCard() {
  const state = useSourceResult((api, ref) => api.getBuilds(ref), [], {
    refreshMs: BUILDS_REFRESH_MS,
  });
  const value = state.okValue;
  return (
    <PlatformCard
      id="platform-builds"
      title="Builds"
      subheader={value?.jobFullName}
      freshness={{
        updatedAt: state.updatedAt,
        refreshing: state.refreshing,
        onRefresh: state.retry,
      }}
      actions={<ExternalLinkButton href={value?.jobUrl} label="Jenkins" />}
    >
      <SourceResultView<BuildsValue>
        source="Builds"
        state={state}
        isEmpty={v => v.builds.length === 0}
        emptyTitle="No builds yet"
        emptyHint="The Jenkins job exists but has not run."
      >
        {v => <BuildsView value={v} />}
      </SourceResultView>
    </PlatformCard>
  );
}
