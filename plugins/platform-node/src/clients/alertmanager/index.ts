export * from './AlertmanagerClient';
export type { AmAlert, AmSilence } from './schemas';
export type { AlertmanagerConfig } from './config';
