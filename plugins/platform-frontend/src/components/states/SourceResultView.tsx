import LinearProgress from '@material-ui/core/LinearProgress';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import { SourceResult } from '@paved-road/backstage-plugin-platform-common';
import { ReactNode } from 'react';
import { EmptyState } from './EmptyState';
import { LoadingState } from './LoadingState';
import { SourceErrorState } from './SourceErrorState';

/** The part of react-use's async state this view reads. */
export interface AsyncSourceState<T> {
  loading: boolean;
  error?: Error;
  value?: SourceResult<T>;
}

/**
 * Turns one source's async state into loading, request error, source error, missing annotation,
 * empty, or the rendered value. A reload keeps the previous value on screen under a progress bar.
 */
export function SourceResultView<T>(props: {
  source: string;
  state: AsyncSourceState<T>;
  onRetry: () => void;
  isEmpty?: (value: T) => boolean;
  emptyTitle?: string;
  emptyHint?: ReactNode;
  children: (value: T) => ReactNode;
}) {
  const { source, state, onRetry } = props;
  if (!state.value) {
    if (state.loading) {
      return <LoadingState label={source} />;
    }
    if (state.error) {
      const status =
        state.error instanceof ResponseError
          ? state.error.response.status
          : undefined;
      return (
        <SourceErrorState
          source={source}
          error={{ kind: 'request', status, message: state.error.message }}
          onRetry={onRetry}
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
          onRetry={onRetry}
        />
      );
  } else if (props.isEmpty?.(result.value)) {
    body = (
      <EmptyState title={props.emptyTitle ?? 'Nothing to show'}>
        {props.emptyHint}
      </EmptyState>
    );
  } else {
    body = props.children(result.value);
  }
  return (
    <>
      {state.loading && <LinearProgress aria-label={`Reloading ${source}`} />}
      {body}
    </>
  );
}
