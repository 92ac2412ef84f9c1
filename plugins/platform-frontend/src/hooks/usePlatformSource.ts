import {
  CompoundEntityRef,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DependencyList, useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { PlatformApi, platformApiRef } from '../api';

/** The current entity's compound ref, stable across renders of the same entity. */
export function useEntityRef(): CompoundEntityRef {
  const { entity } = useEntity();
  const { kind, namespace, name } = getCompoundEntityRef(entity);
  return useMemo(() => ({ kind, namespace, name }), [kind, namespace, name]);
}

/**
 * Loads one source of the current entity through {@link platformApiRef}; reloads when `deps` change.
 */
export function usePlatformSource<T>(
  load: (api: PlatformApi, entityRef: CompoundEntityRef) => Promise<T>,
  deps: DependencyList,
) {
  const api = useApi(platformApiRef);
  const entityRef = useEntityRef();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsyncRetry(() => load(api, entityRef), [api, entityRef, ...deps]);
}
