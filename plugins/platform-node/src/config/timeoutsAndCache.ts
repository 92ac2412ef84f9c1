import { Config } from '@backstage/config';
import { configSectionReader } from './configSectionReader';

/** `platform.timeoutMs` and `platform.cacheTtlSeconds`: settings of every source. */
export function readTimeoutsAndCache(platform: Config | undefined): {
  timeoutMs: number;
  cacheTtlSeconds: number;
} {
  if (!platform) {
    return { timeoutMs: 5000, cacheTtlSeconds: 15 };
  }
  const fields = configSectionReader(platform, 'platform');
  return {
    timeoutMs: fields.wholeNumber('timeoutMs', 5000, 120_000),
    cacheTtlSeconds: fields.wholeNumber('cacheTtlSeconds', 15, 3600),
  };
}
