import { Config } from '@backstage/config';
import { configSectionReader } from './toolkit';

/** The parsed `platform.notifications` section: the owner watcher. @public */
export interface NotificationsConfig {
  /** Whether the owner watcher runs (default false: a deployment opts in). */
  enabled: boolean;
  /** Seconds between two rounds of the watcher (5 to 3600, default 30). */
  intervalSeconds: number;
  /**
   * How long the watcher's previous observation of an entity is kept in the cache service (default 86400): a
   * round that finds none re-baselines that entity. At least three rounds, so a skipped round keeps it.
   */
  stateTtlSeconds: number;
}

const MIN_INTERVAL = 5;
const MAX_INTERVAL = 3600;
const MAX_STATE_TTL = 7 * 24 * 3600;

/** Reads `platform.notifications`; every error names the full key and what is allowed. */
export function readNotificationsConfig(section: Config): NotificationsConfig {
  const read = configSectionReader(section, 'platform.notifications');
  const enabled = section.getOptionalBoolean('enabled') ?? false;
  const intervalSeconds = section.getOptionalNumber('intervalSeconds') ?? 30;
  if (
    !Number.isInteger(intervalSeconds) ||
    intervalSeconds < MIN_INTERVAL ||
    intervalSeconds > MAX_INTERVAL
  ) {
    read.fail(
      'intervalSeconds',
      `expected a whole number of seconds from ${MIN_INTERVAL} to ${MAX_INTERVAL}, got ${intervalSeconds}`,
    );
  }
  const stateTtlSeconds = read.wholeNumber(
    'stateTtlSeconds',
    Math.max(86400, intervalSeconds * 3),
    MAX_STATE_TTL,
  );
  if (stateTtlSeconds < intervalSeconds * 3) {
    read.fail(
      'stateTtlSeconds',
      `expected at least three rounds (3 x intervalSeconds = ${
        intervalSeconds * 3
      }) and at most ${MAX_STATE_TTL}, got ${stateTtlSeconds}`,
    );
  }
  return { enabled, intervalSeconds, stateTtlSeconds };
}
