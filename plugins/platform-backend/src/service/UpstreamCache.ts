import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import {
  CachedValue,
  SourceCache,
} from '@paved-road/backstage-plugin-platform-node';
import { createHash } from 'node:crypto';

/** A cached upstream answer with the time it was fetched. */
export type Cached<T> = CachedValue<T>;

/** Longest time a decoded entry is served from this process's memory without asking the shared cache. */
export const LOCAL_MAX_AGE_MS = 5_000;
const LOCAL_MAX_ENTRIES = 5_000;

/**
 * Short-TTL cache of upstream reads (Backstage's cache service: memory locally, Redis in production)
 * plus in-flight coalescing: concurrent callers asking the same upstream query share one request.
 * It caches upstream data only; callers still check the entity and the permission for every request.
 *
 * In front of the shared cache sits a small per-process map of decoded entries, so a page view's
 * repeated reads cost neither a cache round trip nor a JSON parse. A local entry lives at most
 * {@link LOCAL_MAX_AGE_MS} and never past its own TTL (counted from `fetchedAt`); an invalidation on
 * another replica therefore reaches this one within that bound. Cached values are shared: read only.
 */
export class UpstreamCache implements SourceCache {
  private readonly inFlight = new Map<string, Promise<Cached<unknown>>>();
  private readonly local = new Map<
    string,
    { entry: Cached<unknown>; expiresAt: number }
  >();
  private warned = false;

  constructor(
    private readonly options: {
      cache?: CacheService;
      ttlSeconds: number;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  /**
   * The value of `load()` for this key. The key parts must hold everything that defines the upstream query
   * (upstream, instance, tenant, query text, range rounded to the step, limits).
   */
  async get<T>(
    keyParts: Array<string | number | undefined>,
    load: () => Promise<T>,
  ): Promise<Cached<T>> {
    // Process-local maps use the key text itself; only the shared cache gets the (hashed) key.
    const key = JSON.stringify(keyParts);
    const local = this.local.get(key);
    if (local) {
      if (local.expiresAt > this.now()) {
        return local.entry as Cached<T>;
      }
      this.local.delete(key);
    }
    const pending = this.inFlight.get(key);
    if (pending) {
      return pending as Promise<Cached<T>>;
    }
    const promise = this.lookupOrLoad(key, load);
    this.inFlight.set(key, promise);
    try {
      return await promise;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Drops one entry, e.g. after a sync changed the application. */
  async invalidate(
    keyParts: Array<string | number | undefined>,
  ): Promise<void> {
    const key = JSON.stringify(keyParts);
    this.local.delete(key);
    if (this.options.cache) {
      await this.options.cache
        .delete(this.sharedKey(key))
        .catch(error => this.cacheFailed(error));
    }
  }

  private sharedKey(key: string): string {
    // Hashed: bounded key length for Redis, and no query text in key listings.
    return `platform:v1:${createHash('sha256').update(key).digest('hex')}`;
  }

  private async lookupOrLoad<T>(
    key: string,
    load: () => Promise<T>,
  ): Promise<Cached<T>> {
    const { ttlSeconds } = this.options;
    // No shared cache (or TTL 0): no key to hash, nothing to store.
    const cache = ttlSeconds > 0 ? this.options.cache : undefined;
    const shared = cache ? this.sharedKey(key) : '';
    if (cache) {
      const hit = await cache
        .get<JsonValue>(shared)
        .catch(error => this.cacheFailed(error));
      if (
        hit &&
        typeof hit === 'object' &&
        !Array.isArray(hit) &&
        'fetchedAt' in hit
      ) {
        const entry = hit as unknown as Cached<T>;
        this.keepLocally(key, entry);
        return entry;
      }
    }
    const entry: Cached<T> = {
      value: await load(),
      fetchedAt: new Date(this.now()).toISOString(),
    };
    if (cache) {
      await cache
        .set(shared, entry as unknown as JsonValue, {
          ttl: { seconds: ttlSeconds },
        })
        .catch(error => this.cacheFailed(error));
      this.keepLocally(key, entry);
    }
    return entry;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private keepLocally(key: string, entry: Cached<unknown>) {
    const now = this.now();
    const fetchedAt = Date.parse(entry.fetchedAt);
    const expiresAt = Math.min(
      now + LOCAL_MAX_AGE_MS,
      (Number.isFinite(fetchedAt) ? fetchedAt : now) +
        this.options.ttlSeconds * 1000,
    );
    if (expiresAt <= now) {
      return;
    }
    this.local.delete(key);
    this.local.set(key, { entry, expiresAt });
    // Oldest first (insertion order): drop expired entries, then whatever exceeds the cap.
    for (const [oldKey, old] of this.local) {
      if (old.expiresAt > now && this.local.size <= LOCAL_MAX_ENTRIES) break;
      this.local.delete(oldKey);
    }
  }

  private cacheFailed(error: unknown): undefined {
    // A broken cache (e.g. Redis down) must not break reads: fall through to the upstream.
    if (!this.warned) {
      this.warned = true;
      this.options.logger.warn(
        `Platform cache unavailable, reading upstreams directly: ${
          (error as Error)?.message
        }`,
      );
    }
    return undefined;
  }
}
