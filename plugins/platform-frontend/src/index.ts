/**
 * Platform frontend plugin: Argo CD, alerts, RED metrics, logs, traces and builds of an entity, as entity
 * cards and a "Health" tab for the new frontend system. Apps on the old system import `./legacy`.
 *
 * @packageDocumentation
 */

export { platformPlugin as default } from './plugin';
export { platformApiRef, PlatformClient } from './api';
export type { PlatformApi, LogTailOptions, LogTailQuery } from './api';
export { PlatformSourceCardBlueprint } from './blueprints/PlatformSourceCardBlueprint';
export type {
  PlatformSourceCardParams,
  PlatformSourceCardLayout,
} from './blueprints/PlatformSourceCardBlueprint';
export { platformTranslationRef } from './translation';
