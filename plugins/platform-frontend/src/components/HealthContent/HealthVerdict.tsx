import { HealthValue } from '@paved-road/backstage-plugin-platform-common';
import { ResponseError } from '@backstage/errors';
import { usePlatformSource } from '../../hooks/usePlatformSource';
import { LoadingState, SourceErrorState } from '../states';
import { VerdictBanner } from './VerdictBanner';

/** Loads the entity's health verdict; its failure is shown in place and never hides the cards. */
export function HealthVerdict() {
  const state = usePlatformSource<HealthValue>(
    (api, ref) => api.getHealth(ref),
    [],
  );
  if (state.value) return <VerdictBanner health={state.value} />;
  if (state.error) {
    return (
      <SourceErrorState
        source="Health"
        error={{
          kind: 'request',
          status:
            state.error instanceof ResponseError
              ? state.error.response.status
              : undefined,
          message: state.error.message,
        }}
        onRetry={state.retry}
      />
    );
  }
  return <LoadingState label="health" />;
}
