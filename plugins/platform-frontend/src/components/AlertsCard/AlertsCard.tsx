import { AlertsValue } from '@paved-road/backstage-plugin-platform-common';
import { useSourceResult } from '../../hooks/useSourceResult';
import { ExternalLinkButton } from '../common/ExternalLinkButton';
import { PlatformCard } from '../common/PlatformCard';
import { SourceResultView } from '../states';
import { AlertsView } from './AlertsView';

/**
 * Alerts card of the current entity: firing, pending and silenced alerts from Alertmanager.
 *
 * @public
 */
export function AlertsCard() {
  const state = useSourceResult((api, ref) => api.getAlerts(ref), []);
  const alerts = state.okValue?.alerts ?? [];
  const alertmanagerUrl = alerts.find(a => a.alertmanagerUrl)?.alertmanagerUrl;
  return (
    <PlatformCard
      id="platform-alerts"
      title="Alerts"
      actions={
        alertmanagerUrl && (
          <ExternalLinkButton
            href={alertmanagerUrl.replace(/#.*$/, '')}
            label="Alertmanager"
          />
        )
      }
    >
      <SourceResultView<AlertsValue>
        source="Alerts"
        state={state}
        isEmpty={v => v.alerts.length === 0 && v.rules.length === 0}
        emptyTitle="No alerts and no alert rules"
        emptyHint="No alert rule selects this service yet."
      >
        {value => <AlertsView value={value} />}
      </SourceResultView>
    </PlatformCard>
  );
}
