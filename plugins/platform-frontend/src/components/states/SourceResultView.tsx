import { useTranslationRef } from '@backstage/frontend-plugin-api';
import LinearProgress from '@material-ui/core/LinearProgress';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import { SourceResult } from '@paved-road/backstage-plugin-platform-common';
import { ReactNode } from 'react';
import { EmptyState } from './EmptyState';
import { LoadingState } from './LoadingState';
import { SourceErrorState } from './SourceErrorState';
import { requestFailure } from './requestFailure';
import { platformTranslationRef } from '../../translation';

/** The part of a card's load state (see `useSourceResult`) this view reads. */
export interface AsyncSourceState<T> {
  loading: boolean;
  error?: Error;
  value?: SourceResult<T>;
  /** Offered on every failure. */
  retry: () => void;
}

/**
 * Turns one source's async state into loading, request error, source error, missing annotation,
 * empty, or the rendered value. A reload keeps the previous value on screen under a progress bar.
 */
export function SourceResultView<T>(props: {
  source: string;
  state: AsyncSourceState<T>;
  isEmpty?: (value: T) => boolean;
  emptyTitle?: string;
  emptyHint?: ReactNode;
  children: (value: T) => ReactNode;
}) {
  const { t } = useTranslationRef(platformTranslationRef);
  const { source, state } = props;
  if (!state.value) {
    if (state.loading) {
      return <LoadingState label={source} />;
    }
    if (state.error) {
      return (
        <SourceErrorState
          source={source}
          error={requestFailure(state.error)}
          onRetry={state.retry}
        />
      );
    }
    return <LoadingState label={source} />;
  }
  const result = state.value;
  let body: ReactNode;
  if (!result.ok) {
    body =
      result.error.kind === 'not-configured' &&
      result.error.missingAnnotation ? (
        <MissingAnnotationEmptyState
          annotation={result.error.missingAnnotation}
        />
      ) : (
        <SourceErrorState
          source={source}
          error={result.error}
          onRetry={state.retry}
        />
      );
  } else if (props.isEmpty?.(result.value)) {
    body = (
      <EmptyState title={props.emptyTitle ?? t('states.nothingToShow')}>
        {props.emptyHint}
      </EmptyState>
    );
  } else {
    body = props.children(result.value);
  }
  return (
    <>
      {state.loading && (
        <LinearProgress aria-label={t('states.reloading', { source })} />
      )}
      {body}
    </>
  );
}
