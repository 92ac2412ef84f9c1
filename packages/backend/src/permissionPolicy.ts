import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
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
  platformEntityReadPermission,
  platformServiceWritePermission,
} from '@paved-road/backstage-plugin-platform-common';

/** Who may read an entity's observability data (`permission.pavedRoad.entityReads`). */
export type EntityReads = 'all' | 'owners';

const ENTITY_READS_KEY = 'permission.pavedRoad.entityReads';

export function readEntityReads(config: Config): EntityReads {
  const value = config.getOptionalString(ENTITY_READS_KEY) ?? 'all';
  if (value !== 'all' && value !== 'owners') {
    throw new Error(
      `${ENTITY_READS_KEY} must be 'all' (every signed-in user) or 'owners' (the entity's owners only), not '${value}'`,
    );
  }
  return value;
}

/**
 * The portal's policy: reads are allowed (the catalog still decides which entities exist for a caller);
 * writes on an entity (Argo CD sync, deploying a build, changing a service through the templates, catalog delete) are allowed only
 * to its owners. platform.service.write is asked for the owner group a template run acts for: isEntityOwner never
 * holds for a group, so runs need membership of the owner (grant it here to let e.g. platform admins act for any
 * team). With `permission.pavedRoad.entityReads: owners`, reading an entity's observability data
 * (`platform.entity.read`: health, alerts, metrics, logs, traces, builds, the agent tools) is an owner-only right too.
 */
export class PavedRoadPermissionPolicy implements PermissionPolicy {
  private readonly entityReads: EntityReads;

  constructor(options: { entityReads?: EntityReads } = {}) {
    this.entityReads = options.entityReads ?? 'all';
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const permission = request.permission;
    const ownersOnly =
      (this.entityReads === 'owners' &&
        isPermission(permission, platformEntityReadPermission)) ||
      isPermission(permission, platformArgocdSyncPermission) ||
      isPermission(permission, platformServiceWritePermission) ||
      isPermission(permission, platformDeployWritePermission) ||
      (isResourcePermission(permission, 'catalog-entity') &&
        permission.attributes.action === 'delete');
    if (!ownersOnly) {
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
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new PavedRoadPermissionPolicy({
            entityReads: readEntityReads(config),
          }),
        );
      },
    });
  },
});
