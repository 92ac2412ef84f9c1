import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * One URL search parameter as state, so cross-links inside the Health tab (`?traceId=`,
 * `?logsTraceId=`) are deep-linkable and survive reloads; other parameters are left alone.
 */
export function useSearchParam(
  name: string,
): [string | undefined, (value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? undefined;
  const setValue = useCallback(
    (next: string | undefined) => {
      setParams(previous => {
        const updated = new URLSearchParams(previous);
        if (next) {
          updated.set(name, next);
        } else {
          updated.delete(name);
        }
        return updated;
      });
    },
    [name, setParams],
  );
  return [value, setValue];
}

/** Sets several search parameters in one navigation (`undefined` removes one). */
export function useSetSearchParams(): (
  values: Record<string, string | undefined>,
) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    values =>
      setParams(previous => {
        const updated = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(values)) {
          if (value) {
            updated.set(key, value);
          } else {
            updated.delete(key);
          }
        }
        return updated;
      }),
    [setParams],
  );
}
