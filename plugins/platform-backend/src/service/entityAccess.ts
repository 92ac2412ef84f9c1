import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { CompoundEntityRef, Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult, ResourcePermission } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** How long one caller's catalog read of an entity is reused: the cards of one page view share it. */
export const ENTITY_READ_TTL_MS = 2_000;
const MAX_ENTRIES = 2_000;

/**
 * Loads the entity with the caller's own credentials (so catalog permissions apply) and checks a
 * platform permission on it. The permission is authorized on every request, cached data or not. The
 * catalog read itself is shared for {@link ENTITY_READ_TTL_MS} between requests of the same principal
 * for the same entity (a page view fires several cards at once), never across principals.
 */
export class EntityAccess {
  private readonly reads = new Map<string, { expiresAt: number; entity: Promise<Entity | undefined> }>();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      permissions: PermissionsService;
      now?: () => number;
      ttlMs?: number;
    },
  ) {}

  async load(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<Entity> {
    const entityRef = stringifyEntityRef(ref);
    const entity = await this.read(entityRef, credentials);
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

  /** The caller's catalog read, shared with the same principal's concurrent and recent requests. */
  private read(entityRef: string, credentials: BackstageCredentials): Promise<Entity | undefined> {
    const now = (this.deps.now ?? Date.now)();
    // The whole principal (user and actor, or service subject and access restrictions) is in the key.
    const key = `${JSON.stringify(credentials.principal)}\u0000${entityRef}`;
    const existing = this.reads.get(key);
    if (existing && existing.expiresAt > now) {
      return existing.entity;
    }
    const entry: { expiresAt: number; entity: Promise<Entity | undefined> } = {
      expiresAt: now + (this.deps.ttlMs ?? ENTITY_READ_TTL_MS),
      entity: Promise.resolve(undefined),
    };
    entry.entity = this.fetch(entityRef, credentials).then(
      found => {
        if (!found) this.forget(key, entry);
        return found;
      },
      () => {
        // Unreadable and missing look the same to the caller: no existence leak. Failures are not kept.
        this.forget(key, entry);
        return undefined;
      },
    );
    this.reads.delete(key);
    this.reads.set(key, entry);
    this.evict(now);
    return entry.entity;
  }

  private async fetch(entityRef: string, credentials: BackstageCredentials): Promise<Entity | undefined> {
    return this.deps.catalog.getEntityByRef(entityRef, { credentials });
  }

  private forget(key: string, entry: unknown) {
    if (this.reads.get(key) === entry) this.reads.delete(key);
  }

  private evict(now: number) {
    // Insertion order is expiry order (same TTL for all): drop expired entries, then the oldest over the cap.
    for (const [key, entry] of this.reads) {
      if (entry.expiresAt > now && this.reads.size <= MAX_ENTRIES) break;
      this.reads.delete(key);
    }
  }
}
