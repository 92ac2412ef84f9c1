export { platformApiRef } from './PlatformApi';
export type { PlatformApi, LogTailOptions, LogTailQuery } from './PlatformApi';
export { PlatformClient } from './PlatformClient';
