import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { ArgoCdValue } from '@paved-road/backstage-plugin-platform-common';
import { useCallback, useEffect, useState } from 'react';
import { useSourceResult } from '../../hooks/useSourceResult';
import { ExternalLinkButton } from '../common/ExternalLinkButton';
import { PlatformCard } from '../common/PlatformCard';
import { SourceResultView } from '../states';
import { ArgoApplicationView } from './ArgoApplicationView';
import { SyncButton } from './SyncButton';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntityRef } from '../../hooks/usePlatformSource';
import { DeployEvent, useDeployAnnouncements } from '../deploy/deployEvents';
import {
  deployLanded,
  FOLLOW_LIMIT_MS,
  OperationMarks,
  operationMarks,
  operationRunning,
  syncEnded,
} from './syncFollow';
import { platformTranslationRef } from '../../translation';

/** Normal rhythm; the backend serves it from its cache (platform.cacheTtlSeconds). */
export const ARGOCD_REFRESH_MS = 5_000;
/** While a sync runs: answers at most a second old (`fresh`), one upstream read a second whatever the tabs. */
export const ARGOCD_FOLLOW_MS = 1_000;

/**
 * Argo CD card of the current entity: sync and health of its applications, with a guarded Sync. After a
 * Sync (or while Argo CD runs an operation) it follows the application each second until the operation ends;
 * after a deploy from the Builds card, until the deployed image tag runs Synced and Healthy.
 *
 * @public
 */
export function ArgoCdCard() {
  const { t } = useTranslationRef(platformTranslationRef);
  const entityRef = useEntityRef();
  // A sync pressed here is followed until its operation ends; a deploy announced by the Builds card until
  // its image tag runs Synced and Healthy.
  const [follow, setFollow] = useState<
    | { marks: OperationMarks; since: number; tag?: undefined }
    | { tag: string; since: number; marks?: undefined }
    | undefined
  >();
  const [autoFollow, setAutoFollow] = useState(false);
  const following = Boolean(follow) || autoFollow;
  const state = useSourceResult(
    (api, ref) => api.getArgoCd(ref, { fresh: following }),
    [],
    { refreshMs: following ? ARGOCD_FOLLOW_MS : ARGOCD_REFRESH_MS },
  );
  const value = state.okValue;
  useEffect(() => {
    if (follow) {
      const ended =
        follow.tag !== undefined
          ? deployLanded(value, follow.tag)
          : syncEnded(value, follow.marks);
      if (ended || Date.now() - follow.since > FOLLOW_LIMIT_MS) {
        setFollow(undefined);
      }
    }
    setAutoFollow(operationRunning(value));
  }, [value, follow]);
  const { retry } = state;
  const onSynced = useCallback(
    (before: ArgoCdValue | undefined) => {
      setFollow({ marks: operationMarks(before), since: Date.now() });
      retry();
    },
    [retry],
  );
  useDeployAnnouncements(
    stringifyEntityRef(entityRef),
    useCallback(
      (event: DeployEvent) => {
        setFollow({ tag: event.tag, since: Date.now() });
        retry();
      },
      [retry],
    ),
  );
  const apps = value?.applications ?? [];
  return (
    <PlatformCard
      id="platform-argocd"
      title={t('argocdCard.title')}
      freshness={{
        updatedAt: state.updatedAt,
        refreshing: state.refreshing,
        onRefresh: retry,
      }}
      actions={
        apps.length > 0 && (
          <>
            {apps.length === 1 && (
              <ExternalLinkButton
                href={apps[0].webUrl}
                label={t('argocdCard.link')}
              />
            )}
            <SyncButton
              appNames={apps.map(a => a.name)}
              onSynced={() => onSynced(value)}
            />
          </>
        )
      }
    >
      {following && (
        <Typography
          variant="body2"
          color="textSecondary"
          role="status"
          data-testid="argocd-following"
        >
          {follow?.tag !== undefined
            ? t('argocdCard.followingDeploy', { tag: follow.tag })
            : t('argocdCard.following')}
        </Typography>
      )}
      <SourceResultView<ArgoCdValue>
        source={t('sources.argocd')}
        state={state}
        isEmpty={v => v.applications.length === 0}
        emptyTitle={t('argocdCard.emptyTitle')}
        emptyHint={t('argocdCard.emptyHint')}
      >
        {v =>
          v.applications.map(app => (
            <ArgoApplicationView
              key={`${app.instance}/${app.name}`}
              app={app}
            />
          ))
        }
      </SourceResultView>
    </PlatformCard>
  );
}
