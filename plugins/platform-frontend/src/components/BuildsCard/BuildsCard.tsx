import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ArgoCdValue,
  BuildsValue,
  SourceResult,
} from '@paved-road/backstage-plugin-platform-common';
import { usePlatformSource } from '../../hooks/usePlatformSource';
import { useSourceResult } from '../../hooks/useSourceResult';
import { ExternalLinkButton } from '../common/ExternalLinkButton';
import { PlatformCard } from '../common/PlatformCard';
import { SourceResultView } from '../states';
import { BuildsView } from './BuildsView';
import { liveImageTags } from '../deploy/imageTags';
import { useDeployPermission } from '../deploy/useDeployPermission';
import { platformTranslationRef } from '../../translation';

/** Builds take minutes; the backend serves polls from its cache. */
export const BUILDS_REFRESH_MS = 10_000;

/**
 * Builds card of the current entity: the latest Jenkins runs of its job, and for users allowed
 * `platform.deploy.write` a "Deploy build #N" on each successful build that is not the live image tag.
 *
 * @public
 */
export function BuildsCard() {
  const { t } = useTranslationRef(platformTranslationRef);
  const state = useSourceResult((api, ref) => api.getBuilds(ref), [], {
    refreshMs: BUILDS_REFRESH_MS,
  });
  const value = state.okValue;
  const canDeploy = useDeployPermission();
  // Which build runs now, to offer every other one; only read for users who may deploy.
  const argocd = usePlatformSource(
    (api, ref): Promise<SourceResult<ArgoCdValue> | undefined> =>
      canDeploy ? api.getArgoCd(ref) : Promise.resolve(undefined),
    [canDeploy],
    { refreshMs: BUILDS_REFRESH_MS },
  );
  // Offered once Argo CD answered; when it failed, every SUCCESS build is (the backend refuses the live tag).
  const argocdAnswered =
    argocd.value !== undefined || argocd.error !== undefined;
  const liveTags =
    canDeploy && argocdAnswered
      ? liveImageTags(argocd.value?.ok ? argocd.value.value : undefined)
      : undefined;
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
        {v => <BuildsView value={v} deployable={liveTags} />}
      </SourceResultView>
    </PlatformCard>
  );
}
