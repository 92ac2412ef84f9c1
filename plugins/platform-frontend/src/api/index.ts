export { platformApiRef } from './PlatformApi';
export type { PlatformApi, LogTailOptions } from './PlatformApi';
export { PlatformClient } from './PlatformClient';
