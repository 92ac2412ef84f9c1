import { RootConfigService } from '@backstage/backend-plugin-api';

/** `platform.notifications`: whether the owner watcher runs, and how often. */
export interface NotificationsConfig {
  enabled: boolean;
  intervalSeconds: number;
}

/** Parses `platform.notifications`, failing at start-up with the key and what it allows. */
export function readNotificationsConfig(
  root: RootConfigService,
): NotificationsConfig {
  const config = root.getOptionalConfig('platform.notifications');
  const enabled = config?.getOptionalBoolean('enabled') ?? false;
  const intervalSeconds = config?.getOptionalNumber('intervalSeconds') ?? 30;
  if (
    !Number.isInteger(intervalSeconds) ||
    intervalSeconds < 5 ||
    intervalSeconds > 3600
  ) {
    throw new Error(
      `Invalid config platform.notifications.intervalSeconds: ${intervalSeconds} is not a whole number of seconds from 5 to 3600`,
    );
  }
  return { enabled, intervalSeconds };
}
