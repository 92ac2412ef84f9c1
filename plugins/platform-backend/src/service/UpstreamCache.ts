import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import { createHash } from 'node:crypto';

/** A cached upstream answer with the time it was fetched. */
export interface Cached<T> {
  value: T;
  fetchedAt: string;
}

/**
 * Short-TTL cache of upstream reads (Backstage's cache service: memory locally, Redis in production)
 * plus in-flight coalescing: concurrent callers asking the same upstream query share one request.
 * It caches upstream data only; callers still check the entity and the permission for every request.
 */
export class UpstreamCache {
  private readonly inFlight = new Map<string, Promise<Cached<unknown>>>();
  private warned = false;

  constructor(
    private readonly options: {
      cache?: CacheService;
      ttlSeconds: number;
      logger: LoggerService;
    },
  ) {}

  /**
   * The value of `load()` for this key. The key parts must hold everything that defines the upstream query
   * (upstream, instance, tenant, query text, range rounded to the step, limits).
   */
  async get<T>(keyParts: Array<string | number | undefined>, load: () => Promise<T>): Promise<Cached<T>> {
    const key = this.key(keyParts);
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
  async invalidate(keyParts: Array<string | number | undefined>): Promise<void> {
    if (this.options.cache) {
      await this.options.cache.delete(this.key(keyParts)).catch(error => this.cacheFailed(error));
    }
  }

  private key(keyParts: Array<string | number | undefined>): string {
    // Hashed: bounded key length for Redis, and no query text in key listings.
    return `platform:v1:${createHash('sha256').update(JSON.stringify(keyParts)).digest('hex')}`;
  }

  private async lookupOrLoad<T>(key: string, load: () => Promise<T>): Promise<Cached<T>> {
    const { cache, ttlSeconds } = this.options;
    if (cache && ttlSeconds > 0) {
      const hit = await cache.get<JsonValue>(key).catch(error => this.cacheFailed(error));
      if (hit && typeof hit === 'object' && !Array.isArray(hit) && 'fetchedAt' in hit) {
        return hit as unknown as Cached<T>;
      }
    }
    const entry: Cached<T> = { value: await load(), fetchedAt: new Date().toISOString() };
    if (cache && ttlSeconds > 0) {
      await cache
        .set(key, entry as unknown as JsonValue, { ttl: { seconds: ttlSeconds } })
        .catch(error => this.cacheFailed(error));
    }
    return entry;
  }

  private cacheFailed(error: unknown): undefined {
    // A broken cache (e.g. Redis down) must not break reads: fall through to the upstream.
    if (!this.warned) {
      this.warned = true;
      this.options.logger.warn(`Platform cache unavailable, reading upstreams directly: ${(error as Error)?.message}`);
    }
    return undefined;
  }
}
