import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Progress } from '@backstage/core-components';
import { platformTranslationRef } from '../../translation';

/** Shown while a source loads for the first time. */
export function LoadingState(props: { label: string }) {
  const { t } = useTranslationRef(platformTranslationRef);
  return (
    <div
      role="status"
      aria-label={t('states.loading', { source: props.label })}
    >
      <Progress />
    </div>
  );
}
