import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { CompoundEntityRef, Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult, ResourcePermission } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Loads the entity with the caller's own credentials (so catalog permissions apply) and checks a
 * platform permission on it. Runs on every request, cached data or not.
 */
export class EntityAccess {
  constructor(private readonly deps: { catalog: CatalogService; permissions: PermissionsService }) {}

  async load(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<Entity> {
    const entityRef = stringifyEntityRef(ref);
    let entity: Entity | undefined;
    try {
      entity = await this.deps.catalog.getEntityByRef(entityRef, { credentials });
    } catch {
      // Unreadable and missing look the same to the caller: no existence leak.
      entity = undefined;
    }
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} visible to you`);
    }
    const [decision] = await this.deps.permissions.authorize(
      [{ permission, resourceRef: stringifyEntityRef(entity) }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You may not use ${permission.name} on ${entityRef}`);
    }
    return entity;
  }
}
