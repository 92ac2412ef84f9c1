import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
  isError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** How long one caller's catalog read of an entity is reused: the cards of one page view share it. */
export const ENTITY_READ_TTL_MS = 2_000;
const MAX_ENTRIES = 2_000;
/** How long a catalog read may take before the request fails with 503. */
export const CATALOG_TIMEOUT_MS = 5_000;

/** Catalog errors that mean "no such entity for this caller": answered as 404, like a missing entity. */
const NO_ENTITY_ERRORS = new Set([
  'NotFoundError',
  'NotAllowedError',
  'AuthenticationError',
  'InputError',
]);

/**
 * Whether a failed catalog read means the entity is missing or not readable by the caller (a 4xx answer)
 * rather than the catalog being unavailable (5xx, 408, 429, network error, timeout, anything unexpected).
 */
export function isNoEntityError(error: unknown): boolean {
  if (!isError(error)) return false;
  if (NO_ENTITY_ERRORS.has(error.name)) return true;
  if (error.name !== 'ResponseError') return false;
  const status = (error as { statusCode?: unknown }).statusCode;
  return (
    typeof status === 'number' &&
    status >= 400 &&
    status < 500 &&
    status !== 408 &&
    status !== 429
  );
}

class CatalogTimeoutError extends Error {
  name = 'CatalogTimeoutError';
}

/**
 * Loads the entity with the caller's own credentials (so catalog permissions apply) and checks a
 * platform permission on it. The permission is authorized on every request, cached data or not. The
 * catalog read itself is shared for {@link ENTITY_READ_TTL_MS} between requests of the same principal
 * for the same entity (a page view fires several cards at once), never across principals.
 *
 * A missing entity and one the caller may not read are both 404 (no existence leak). A catalog that is down,
 * answers 5xx or does not answer within {@link CATALOG_TIMEOUT_MS} is a 503 saying so; failures are not kept.
 */
export class EntityAccess {
  private readonly reads = new Map<
    string,
    { expiresAt: number; entity: Promise<Entity | undefined> }
  >();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      permissions: PermissionsService;
      logger?: LoggerService;
      now?: () => number;
      ttlMs?: number;
      catalogTimeoutMs?: number;
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
      throw new NotAllowedError(
        `You may not use ${permission.name} on ${entityRef}`,
      );
    }
    return entity;
  }

  /** The caller's catalog read, shared with the same principal's concurrent and recent requests. */
  private read(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
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
      error => {
        // Failures are not kept. Unreadable and missing look the same to the caller: no existence leak.
        this.forget(key, entry);
        if (isNoEntityError(error)) {
          return undefined;
        }
        throw this.unavailable(entityRef, error);
      },
    );
    this.reads.delete(key);
    this.reads.set(key, entry);
    this.evict(now);
    return entry.entity;
  }

  /**
   * The entities a catalog filter selects for the caller (with the caller's credentials, so catalog permissions
   * apply), keeping those the caller may use `permission` on (one batched authorization). At most `limit`
   * entities are read; `truncated` says when there were more. A catalog that fails is a 503, as in `load`.
   */
  async loadMany(
    filter: Record<string, string | string[]>,
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    limit: number,
  ): Promise<{ entities: Entity[]; truncated: boolean }> {
    let page: Entity[];
    try {
      const response = await this.withTimeout(
        this.deps.catalog.queryEntities(
          {
            filter,
            limit: limit + 1,
            orderFields: { field: 'metadata.name', order: 'asc' },
          },
          { credentials },
        ),
      );
      page = response.items;
    } catch (error) {
      throw this.unavailable(
        `the entities of ${JSON.stringify(filter)}`,
        error,
      );
    }
    const candidates = page.slice(0, limit);
    if (candidates.length === 0) {
      return { entities: [], truncated: false };
    }
    const decisions = await this.deps.permissions.authorize(
      candidates.map(entity => ({
        permission,
        resourceRef: stringifyEntityRef(entity),
      })),
      { credentials },
    );
    return {
      entities: candidates.filter(
        (_, i) => decisions[i]?.result === AuthorizeResult.ALLOW,
      ),
      truncated: page.length > limit,
    };
  }

  private async fetch(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    return this.withTimeout(
      this.deps.catalog.getEntityByRef(entityRef, { credentials }),
    );
  }

  private async withTimeout<T>(read: Promise<T>): Promise<T> {
    const timeoutMs = this.deps.catalogTimeoutMs ?? CATALOG_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new CatalogTimeoutError(
              `the catalog did not answer within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([read, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private unavailable(
    entityRef: string,
    error: unknown,
  ): ServiceUnavailableError {
    let why = 'the catalog could not be reached';
    if (isError(error) && error.name === 'CatalogTimeoutError') {
      why = error.message;
    } else if (isError(error) && error.name === 'ResponseError') {
      why = `the catalog answered ${
        (error as { statusCode?: unknown }).statusCode
      }`;
    }
    // The cause may name internal hosts: logged, not returned.
    this.deps.logger?.warn(
      `Platform: catalog read of ${entityRef} failed: ${
        isError(error) ? `${error.name}: ${error.message}` : String(error)
      }`,
    );
    return new ServiceUnavailableError(
      `Cannot load ${entityRef}: ${why}. The entity was not checked, so nothing is shown; try again shortly.`,
    );
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
