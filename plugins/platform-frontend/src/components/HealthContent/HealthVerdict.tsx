import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { HealthValue } from '@paved-road/backstage-plugin-platform-common';
import { platformTranslationRef } from '../../translation';
import { usePlatformSource } from '../../hooks/usePlatformSource';
import { LoadingState, SourceErrorState } from '../states';
import { requestFailure } from '../states/requestFailure';
import { VerdictBanner } from './VerdictBanner';

/** The verdict sums up the other cards, which refresh on their own; it follows them at this rhythm. */
export const VERDICT_REFRESH_MS = 5_000;

/**
 * Loads the entity's health verdict; its failure is shown in place and never hides the cards.
 * `cardTitles`: the title of each source with a card on the tab, by source id.
 */
export function HealthVerdict(props: {
  cardTitles: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslationRef(platformTranslationRef);
  const state = usePlatformSource<HealthValue>(
    (api, ref) => api.getHealth(ref),
    [],
    { refreshMs: VERDICT_REFRESH_MS },
  );
  if (state.value) {
    return (
      <VerdictBanner
        health={state.value}
        cardTitles={props.cardTitles}
        freshness={{
          updatedAt: state.receivedAt,
          refreshing: state.refreshing,
          onRefresh: state.retry,
        }}
      />
    );
  }
  if (state.error) {
    return (
      <SourceErrorState
        source={t('health.title')}
        error={requestFailure(state.error)}
      />
    );
  }
  return <LoadingState label={t('health.title')} />;
}
