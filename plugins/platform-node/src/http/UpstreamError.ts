import type {
  SourceError,
  SourceErrorKind,
} from '@paved-road/backstage-plugin-platform-common';

/**
 * The one error type every upstream client throws. `kind` says what went wrong in terms a card can explain;
 * `message` never contains a credential (it is built from the upstream name, path and status only, plus a
 * trimmed upstream error text).
 *
 * @public
 */
export class UpstreamError extends Error {
  readonly kind: SourceErrorKind;
  readonly status?: number;
  readonly upstream: string;

  constructor(options: {
    upstream: string;
    kind: SourceErrorKind;
    message: string;
    status?: number;
    cause?: unknown;
  }) {
    super(`${options.upstream}: ${options.message}`, { cause: options.cause });
    this.name = 'UpstreamError';
    this.kind = options.kind;
    this.status = options.status;
    this.upstream = options.upstream;
  }

  /** The wire form carried in a per-source result. */
  toSourceError(): SourceError {
    return {
      kind: this.kind,
      ...(this.status !== undefined ? { status: this.status } : {}),
      message: this.message,
    };
  }
}

/**
 * Maps an HTTP status to the error kind a card shows.
 *
 * @public
 */
export function kindForStatus(status: number): SourceErrorKind {
  if (status === 401 || status === 403) {
    return 'forbidden';
  }
  if (status === 404) {
    return 'not-found';
  }
  if (status === 408 || status === 504) {
    return 'timeout';
  }
  return 'upstream';
}
