export * from './AlertmanagerClient';
export {
  amAlertSchema,
  amSilenceSchema,
  type AmAlert,
  type AmSilence,
} from './schemas';
export type { AlertmanagerConfig } from './config';
