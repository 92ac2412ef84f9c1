import { ResponseError } from '@backstage/errors';

/**
 * A failed call to the platform backend itself (not to the upstream it reads), in the shape
 * {@link SourceErrorState} shows: kind `request`, the HTTP status when the backend answered.
 */
export function requestFailure(error: Error): {
  kind: 'request';
  status?: number;
  message: string;
} {
  return {
    kind: 'request',
    status: error instanceof ResponseError ? error.response.status : undefined,
    message: error.message,
  };
}
