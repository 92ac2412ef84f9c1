import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { AlertsValue } from '@paved-road/backstage-plugin-platform-common';
import { useSourceResult } from '../../hooks/useSourceResult';
import { ExternalLinkButton } from '../common/ExternalLinkButton';
import { PlatformCard } from '../common/PlatformCard';
import { SourceResultView } from '../states';
import { AlertsView } from './AlertsView';
import { platformTranslationRef } from '../../translation';

/**
 * Alerts change within seconds of a burst; the backend serves polls from its cache, so an alert shows within
 * its TTL plus this.
 */
export const ALERTS_REFRESH_MS = 3_000;

/**
 * Alerts card of the current entity: firing, pending and silenced alerts from Alertmanager, and the
 * Prometheus rules that can fire for it.
 *
 * @public
 */
export function AlertsCard() {
  const { t } = useTranslationRef(platformTranslationRef);
  const state = useSourceResult((api, ref) => api.getAlerts(ref), [], {
    refreshMs: ALERTS_REFRESH_MS,
  });
  const value = state.okValue;
  const alertmanagerUrl =
    value?.alertmanagerUrl ??
    value?.alerts
      .find(a => a.alertmanagerUrl)
      ?.alertmanagerUrl?.replace(/#.*$/, '');
  return (
    <PlatformCard
      id="platform-alerts"
      title={t('alertsCard.title')}
      freshness={{
        updatedAt: state.updatedAt,
        refreshing: state.refreshing,
        onRefresh: state.retry,
      }}
      actions={
        alertmanagerUrl && (
          <ExternalLinkButton
            href={alertmanagerUrl}
            label={t('alertsCard.link')}
          />
        )
      }
    >
      <SourceResultView<AlertsValue>
        source={t('sources.alerts')}
        state={state}
        isEmpty={v => v.alerts.length === 0 && v.rules.length === 0}
        emptyTitle={t('alertsCard.emptyTitle')}
        emptyHint={t('alertsCard.emptyHint')}
      >
        {v => <AlertsView value={v} />}
      </SourceResultView>
    </PlatformCard>
  );
}
