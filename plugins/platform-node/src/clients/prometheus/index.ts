export * from './PrometheusClient';
export type { PromQueryData, PromAlert, PromAlertingRule } from './schemas';
export type { PrometheusConfig } from './config';
