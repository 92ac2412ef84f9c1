import type { LogLevel } from '@paved-road/backstage-plugin-platform-common';

/** Every level a log line is normalised to, in order of severity (`unknown` last): what a level filter takes. */
export const LOG_LEVELS = [
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
  'unknown',
] as const satisfies readonly LogLevel[];
