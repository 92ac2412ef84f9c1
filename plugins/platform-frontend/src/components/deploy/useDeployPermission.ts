import { stringifyEntityRef } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import { platformDeployWritePermission } from '@paved-road/backstage-plugin-platform-common';
import { useEntityRef } from '../../hooks/usePlatformSource';

/** Whether the user may deploy builds of the current entity (`platform.deploy.write`); false while loading. */
export function useDeployPermission(): boolean {
  const entityRef = useEntityRef();
  const { allowed, loading } = usePermission({
    permission: platformDeployWritePermission,
    resourceRef: stringifyEntityRef(entityRef),
  });
  return !loading && allowed;
}
