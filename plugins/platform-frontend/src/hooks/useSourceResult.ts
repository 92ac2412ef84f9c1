import { CompoundEntityRef } from '@backstage/catalog-model';
import { SourceResult } from '@paved-road/backstage-plugin-platform-common';
import { DependencyList } from 'react';
import { PlatformApi } from '../api';
import { usePlatformSource } from './usePlatformSource';

/** A card's load of one source: the async state, a retry, and the value when the source answered ok. */
export interface SourceResultState<T> {
  loading: boolean;
  error?: Error;
  value?: SourceResult<T>;
  retry: () => void;
  /** The source's value once it answered ok (kept while a reload runs); undefined otherwise. */
  okValue?: T;
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
): SourceResultState<T> {
  const state = usePlatformSource(load, deps);
  return {
    ...state,
    okValue: state.value?.ok ? state.value.value : undefined,
  };
}
