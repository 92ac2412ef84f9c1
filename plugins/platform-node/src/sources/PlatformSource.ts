import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import type {
  HealthReason,
  SourceError,
  SourceResult,
} from '@paved-road/backstage-plugin-platform-common';
import { PlatformConfig } from '../config/readPlatformConfig';

/**
 * What a source queries for one entity, or why it cannot: `not-configured` (no config, or the entity lacks the
 * annotation; the card says which to add) or `forbidden` (outside the operator's bound).
 *
 * @public
 */
export type SourceTarget<T> =
  | { ok: true; value: T }
  | { ok: false; error: SourceError };

/**
 * An upstream answer with the time it was fetched; the card shows how fresh it is.
 *
 * @public
 */
export interface CachedValue<T> {
  /** Shared between requests: read only. */
  value: T;
  /** ISO-8601 time of the upstream read. */
  fetchedAt: string;
}

/**
 * The platform's upstream cache (Backstage's cache service, so shared across replicas) with in-flight
 * coalescing: concurrent readers of one key share one upstream request. It caches upstream data only: the
 * entity and permission checks run for every request before a source is asked.
 *
 * @public
 */
export interface SourceCache {
  /** The key parts must hold everything that defines the upstream query (instance, tenant, query, range...). */
  get<T>(
    keyParts: Array<string | number | undefined>,
    load: () => Promise<T>,
  ): Promise<CachedValue<T>>;
  /** Drops one entry, e.g. after a write changed what it holds. */
  invalidate(keyParts: Array<string | number | undefined>): Promise<void>;
}

/**
 * How a source's own route reads its query string, and what `health` asks for.
 *
 * @public
 */
export interface SourceQuery<TQuery> {
  /**
   * The validated query of `GET .../v1/entities/:namespace/:kind/:name/<id>`. Throws an `InputError` naming the
   * parameter and what is allowed (a 400); unknown parameters are refused.
   */
  parse(raw: Record<string, unknown>): TQuery;
  /** The query `health` reads with (e.g. the last hour). */
  forHealth(nowMs: number): TQuery;
}

/**
 * One read of a source, for one entity whose access the caller has already been checked for.
 *
 * @public
 */
export interface SourceReadRequest {
  /** The entity, as the catalog gave it to the caller. */
  entity: Entity;
  /** Another registered source's result for the same entity (e.g. metrics marking Argo CD deploys). */
  readSource(id: string): Promise<SourceResult<unknown>>;
  /**
   * The catalog entities a filter selects that the caller may see: read with the caller's credentials and kept
   * only where the caller holds the platform's read permission (at most `limit`). For a source that links to
   * other entities; its answer is the caller's, so it must not go into the shared cache.
   */
  findEntities(
    filter: Record<string, string | string[]>,
    limit: number,
  ): Promise<Entity[]>;
}

/**
 * A data source of the Health tab, as one unit: which annotations it reads and how they become a target, how it
 * reads through its client, what it says about the entity's health, and (by its id) its route
 * `GET /api/platform/v1/entities/:namespace/:kind/:name/<id>`. Registered with
 * {@link platformSourcesExtensionPoint}; the frontend shows it through a card extension with the same id.
 *
 * A read never throws for an upstream problem it can name: it throws an `UpstreamError`, which the platform
 * turns into that source's `{ ok: false, error }` so one failing source degrades one card only.
 *
 * @public
 */
export interface PlatformSource<
  TTarget = unknown,
  TQuery = unknown,
  TValue = unknown,
> {
  /** Lower-case letters, digits and `-`, starting with a letter: the route segment and the key in `health.sources`. */
  readonly id: string;
  /** The annotations it reads, the one to add first (README and `not-configured` errors name it). */
  readonly annotations: readonly string[];
  /** The entity's target, checked against the operator's bounds before any query is built. */
  target(entity: Entity): SourceTarget<TTarget>;
  /** The route's query; a source without one takes no query parameters. */
  readonly query?: SourceQuery<TQuery>;
  /** The answer for a target, through the platform's cache; throws an `UpstreamError` when the upstream fails. */
  read(
    target: TTarget,
    query: TQuery,
    request: SourceReadRequest,
  ): Promise<CachedValue<TValue>>;
  /** Its part of the entity's verdict; a source without it is not read by `health`. */
  judge?(value: TValue): HealthReason;
  /**
   * The fleet view's read: many entities' targets (by key) in one or a few upstream requests. Each answer holds
   * what `judge` and the fleet table need (the newest point, the last build, the firing alerts), in the same
   * shape as `read`'s. A key missing from the answer is an error for that entity; a source without `readMany`
   * is left out of the fleet view. An upstream failure is thrown (an `UpstreamError`): every entity then shows it.
   */
  readMany?(
    targets: ReadonlyMap<string, TTarget>,
  ): Promise<Map<string, SourceResult<TValue>>>;
}

/**
 * What the platform gives a source when it creates it.
 *
 * @public
 */
export interface SourceContext {
  /** The parsed `platform` config (a source with a section of its own reads it from the root config). */
  config: PlatformConfig;
  /** The shared upstream cache, entries living `platform.cacheTtlSeconds`. */
  cache: SourceCache;
  /** A cache with its own time to live, for a source whose data ages faster or slower than the default. */
  createCache(options: { ttlSeconds: number }): SourceCache;
  /** The platform plugin's logger. */
  logger: LoggerService;
  /**
   * The Kubernetes namespace the entity's data lives in (its `backstage.io/kubernetes-namespace`, else its
   * catalog namespace) if the operator's bound (`platform.scope.*`) allows it, else `forbidden`. Every source that
   * reads namespaced data pins its queries to this.
   */
  boundedNamespace(entity: Entity): SourceTarget<string>;
}

/**
 * Creates a source once the platform's config, cache and logger exist.
 *
 * @public
 */
export type PlatformSourceFactory = (context: SourceContext) => PlatformSource;
