import {
  CompoundEntityRef,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DependencyList,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { PlatformApi, platformApiRef } from '../api';
import { usePageVisible } from './usePageVisible';

/** The current entity's compound ref, stable across renders of the same entity. */
export function useEntityRef(): CompoundEntityRef {
  const { entity } = useEntity();
  const { kind, namespace, name } = getCompoundEntityRef(entity);
  return useMemo(() => ({ kind, namespace, name }), [kind, namespace, name]);
}

/** Options of {@link usePlatformSource}. */
export interface LiveOptions {
  /**
   * Reload every this many milliseconds while the page is visible (none when hidden; one at once when it
   * becomes visible again after a longer pause). Undefined: load once, and again on `retry`.
   */
  refreshMs?: number;
}

/** A source's load state: the first load and a `retry` show as `loading`; background reloads do not. */
export interface PlatformSourceState<T> {
  loading: boolean;
  /** A background reload is running (the value stays on screen). */
  refreshing: boolean;
  error?: Error;
  value?: T;
  /** When the last answer arrived (ms since the epoch). */
  receivedAt?: number;
  /** Reloads now, showing progress. */
  retry: () => void;
}

interface LoadState<T> {
  loading: boolean;
  refreshing: boolean;
  error?: Error;
  value?: T;
  receivedAt?: number;
}

/**
 * Loads one source of the current entity through {@link platformApiRef}; reloads when `deps` change, on
 * `retry`, and every `refreshMs` while the page is visible. The client revalidates with the ETag it holds, so
 * an unchanged answer costs a 304 and keeps the same value object (no re-render below).
 */
export function usePlatformSource<T>(
  load: (api: PlatformApi, entityRef: CompoundEntityRef) => Promise<T>,
  deps: DependencyList,
  options: LiveOptions = {},
): PlatformSourceState<T> {
  const entityRef = useEntityRef();
  return usePlatformLoad(
    api => load(api, entityRef),
    [entityRef, ...deps],
    options,
  );
}

/**
 * {@link usePlatformSource} without an entity (a page of its own): loads through {@link platformApiRef},
 * reloads when `deps` change, on `retry`, and every `refreshMs` while the page is visible.
 */
export function usePlatformLoad<T>(
  load: (api: PlatformApi) => Promise<T>,
  deps: DependencyList,
  options: LiveOptions = {},
): PlatformSourceState<T> {
  const api = useApi(platformApiRef);
  const visible = usePageVisible();
  const [state, setState] = useState<LoadState<T>>({
    loading: true,
    refreshing: false,
  });
  const loadRef = useRef(load);
  loadRef.current = load;
  // Answers of a load started before the last deps change are dropped.
  const generation = useRef(0);
  const inFlight = useRef(false);
  const lastStart = useRef(0);

  const run = useCallback(
    async (mode: 'show' | 'background') => {
      if (mode === 'background' && inFlight.current) return;
      const gen = generation.current;
      inFlight.current = true;
      lastStart.current = Date.now();
      setState(s =>
        mode === 'show' ? { ...s, loading: true } : { ...s, refreshing: true },
      );
      try {
        const value = await loadRef.current(api);
        if (gen !== generation.current) return;
        setState({
          loading: false,
          refreshing: false,
          value,
          receivedAt: Date.now(),
        });
      } catch (e) {
        if (gen !== generation.current) return;
        setState(s => ({
          ...s,
          loading: false,
          refreshing: false,
          error: e as Error,
        }));
      } finally {
        if (gen === generation.current) inFlight.current = false;
      }
    },
    [api],
  );

  useEffect(() => {
    generation.current += 1;
    inFlight.current = false;
    void run('show');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run, ...deps]);

  const { refreshMs } = options;
  useEffect(() => {
    if (!refreshMs || !visible) return undefined;
    // Back from a hidden page after a longer pause: catch up at once, then keep the rhythm.
    const sinceLast = Date.now() - lastStart.current;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = () => {
      void run('background').finally(() => {
        if (!stopped) timer = setTimeout(tick, refreshMs);
      });
    };
    timer = setTimeout(tick, Math.max(0, refreshMs - sinceLast));
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run, refreshMs, visible, ...deps]);

  const retry = useCallback(() => void run('show'), [run]);
  return { ...state, retry };
}
