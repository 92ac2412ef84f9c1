import { CompoundEntityRef } from '@backstage/catalog-model';
import { SourceResult } from '@paved-road/backstage-plugin-platform-common';
import { DependencyList } from 'react';
import { PlatformApi } from '../api';
import {
  LiveOptions,
  PlatformSourceState,
  usePlatformSource,
} from './usePlatformSource';

/** A card's load of one source: the async state, a retry, and the value when the source answered ok. */
export interface SourceResultState<T>
  extends PlatformSourceState<SourceResult<T>> {
  /** The source's value once it answered ok (kept while a reload runs); undefined otherwise. */
  okValue?: T;
  /** When the shown data was read from its upstream (the backend caches reads), else when it arrived. */
  updatedAt?: number;
}

/**
 * Loads one {@link SourceResult} of the current entity (see {@link usePlatformSource}) and unwraps
 * its ok value, for the card's header actions and derived state.
 */
export function useSourceResult<T>(
  load: (
    api: PlatformApi,
    entityRef: CompoundEntityRef,
  ) => Promise<SourceResult<T>>,
  deps: DependencyList,
  options?: LiveOptions,
): SourceResultState<T> {
  const state = usePlatformSource(load, deps, options);
  const fetchedAt = state.value?.ok
    ? Date.parse(state.value.fetchedAt)
    : Number.NaN;
  return {
    ...state,
    okValue: state.value?.ok ? state.value.value : undefined,
    updatedAt: Number.isFinite(fetchedAt)
      ? Math.min(fetchedAt, state.receivedAt ?? fetchedAt)
      : state.receivedAt,
  };
}
