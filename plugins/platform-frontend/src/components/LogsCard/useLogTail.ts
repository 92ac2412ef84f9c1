import { useApi } from '@backstage/frontend-plugin-api';
import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import { useEffect, useState } from 'react';
import { LogTailQuery, platformApiRef } from '../../api';
import { useEntityRef } from '../../hooks/usePlatformSource';

/** Lines kept from a live tail; older ones are dropped so a long tail cannot grow without bound. */
export const MAX_TAIL_LINES = 10000;

/**
 * Live tail of the entity's logs while `enabled`: new lines, newest first. Restarts when the filters change.
 */
export function useLogTail(
  enabled: boolean,
  query: LogTailQuery,
): { lines: LogLine[]; error?: Error } {
  const api = useApi(platformApiRef);
  const entityRef = useEntityRef();
  const [lines, setLines] = useState<LogLine[]>([]);
  const [error, setError] = useState<Error>();
  const key = JSON.stringify(query);

  useEffect(() => {
    setLines([]);
    setError(undefined);
    if (!enabled) return undefined;
    const controller = new AbortController();
    api.tailLogs(entityRef, JSON.parse(key), {
      signal: controller.signal,
      onLines: batch =>
        setLines(previous =>
          [...batch].reverse().concat(previous).slice(0, MAX_TAIL_LINES),
        ),
      onError: setError,
    });
    return () => controller.abort();
  }, [api, entityRef, enabled, key]);

  return { lines, error };
}
