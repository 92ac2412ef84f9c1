import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { EntityObservation } from './ownerNotices';

/** Where the owner watcher keeps each entity's previous observation between rounds. */
export interface ObservationStore {
  /** The previous observation of `ref`; undefined when there is none (the next one is a baseline). */
  get(ref: string): Promise<EntityObservation | undefined>;
  set(ref: string, observation: EntityObservation): Promise<void>;
}

// Versioned: a later shape of EntityObservation starts from a baseline instead of misreading an old value.
const KEY_PREFIX = 'owner-watcher:v1:';

function isObservation(value: unknown): value is EntityObservation {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return false;
  }
  const v = value as Record<string, unknown>;
  return (
    (v.argocd === undefined || Array.isArray(v.argocd)) &&
    (v.criticalAlerts === undefined || Array.isArray(v.criticalAlerts)) &&
    (v.latestBuild === undefined ||
      v.latestBuild === null ||
      (typeof v.latestBuild === 'object' &&
        typeof (v.latestBuild as Record<string, unknown>).number === 'number'))
  );
}

/**
 * The observations in Backstage's cache service (the plugin's own namespace; Redis/Valkey shared by the replicas
 * in production), each for `ttlSeconds`: whichever replica runs the next round of the scheduled task continues
 * from the last one, and a restart does not re-baseline. A cache that fails is logged and read as empty: that
 * entity re-baselines (no notice is repeated or invented), the other entities go on.
 */
export function cacheObservationStore(
  cache: CacheService,
  ttlSeconds: number,
  logger: LoggerService,
): ObservationStore {
  return {
    async get(ref) {
      try {
        const value = await cache.get(KEY_PREFIX + ref);
        return isObservation(value) ? value : undefined;
      } catch (error) {
        logger.warn(
          `Platform notifications: could not read the previous state of ${ref} from the cache: ${error}`,
        );
        return undefined;
      }
    },
    async set(ref, observation) {
      try {
        await cache.set(KEY_PREFIX + ref, observation as any, {
          ttl: { seconds: ttlSeconds },
        });
      } catch (error) {
        logger.warn(
          `Platform notifications: could not keep the state of ${ref} in the cache: ${error}`,
        );
      }
    },
  };
}
