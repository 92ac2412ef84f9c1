import { ArgoCdValue } from '@paved-road/backstage-plugin-platform-common';
import { useSourceResult } from '../../hooks/useSourceResult';
import { ExternalLinkButton } from '../common/ExternalLinkButton';
import { PlatformCard } from '../common/PlatformCard';
import { SourceResultView } from '../states';
import { ArgoApplicationView } from './ArgoApplicationView';
import { SyncButton } from './SyncButton';

/**
 * Argo CD card of the current entity: sync and health of its applications, with a guarded Sync.
 *
 * @public
 */
export function ArgoCdCard() {
  const state = useSourceResult((api, ref) => api.getArgoCd(ref), []);
  const apps = state.okValue?.applications ?? [];
  return (
    <PlatformCard
      id="platform-argocd"
      title="Argo CD"
      actions={
        apps.length > 0 && (
          <>
            {apps.length === 1 && (
              <ExternalLinkButton href={apps[0].webUrl} label="Argo CD" />
            )}
            <SyncButton
              appNames={apps.map(a => a.name)}
              onSynced={state.retry}
            />
          </>
        )
      }
    >
      <SourceResultView<ArgoCdValue>
        source="Argo CD"
        state={state}
        isEmpty={v => v.applications.length === 0}
        emptyTitle="No Argo CD application found"
        emptyHint="The annotation selects no application in Argo CD."
      >
        {value =>
          value.applications.map(app => (
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
