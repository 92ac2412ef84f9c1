import { LoggerService } from '@backstage/backend-plugin-api';
import {
  SourceError,
  SourceResult,
} from '@paved-road/backstage-plugin-platform-common';
import { UpstreamError } from '@paved-road/backstage-plugin-platform-node';
import { Target } from './entityTargets';

/** Turns any failure into a per-source error; unexpected errors are logged and never shown verbatim. */
export function toSourceError(
  error: unknown,
  logger: LoggerService,
  source: string,
): SourceError {
  if (error instanceof UpstreamError) {
    return error.toSourceError();
  }
  logger.error(`Platform source ${source} failed unexpectedly`, error as Error);
  return {
    kind: 'upstream',
    message: `${source}: internal error while reading the source`,
  };
}

/**
 * Runs one source: a missing target becomes its `not-configured` error, a failure becomes data.
 */
export async function runSource<T, V>(
  target: Target<T>,
  source: string,
  logger: LoggerService,
  read: (target: T) => Promise<{ value: V; fetchedAt: string }>,
): Promise<SourceResult<V>> {
  if (!target.ok) {
    return { ok: false, error: target.error };
  }
  try {
    const { value, fetchedAt } = await read(target.value);
    return { ok: true, value, fetchedAt };
  } catch (error) {
    return { ok: false, error: toSourceError(error, logger, source) };
  }
}
