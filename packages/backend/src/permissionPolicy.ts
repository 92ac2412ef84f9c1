import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  platformArgocdSyncPermission,
  platformDeployWritePermission,
  platformServiceWritePermission,
} from '@paved-road/backstage-plugin-platform-common';

/**
 * The portal's policy: reads are allowed (the catalog still decides which entities exist for a caller);
 * writes on an entity (Argo CD sync, deploying a build, changing a service through the templates, catalog delete) are allowed only
 * to its owners. platform.service.write is asked for the owner group a template run acts for: isEntityOwner never
 * holds for a group, so runs need membership of the owner (grant it here to let e.g. platform admins act for any
 * team).
 */
export class PavedRoadPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const permission = request.permission;
    const isEntityWrite =
      isPermission(permission, platformArgocdSyncPermission) ||
      isPermission(permission, platformServiceWritePermission) ||
      isPermission(permission, platformDeployWritePermission) ||
      (isResourcePermission(permission, 'catalog-entity') &&
        permission.attributes.action === 'delete');
    if (!isEntityWrite) {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.length === 0) {
      return { result: AuthorizeResult.DENY };
    }
    return createCatalogConditionalDecision(
      permission as typeof platformArgocdSyncPermission,
      catalogConditions.isEntityOwner({ claims }),
    );
  }
}

export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'paved-road-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new PavedRoadPermissionPolicy());
      },
    });
  },
});
