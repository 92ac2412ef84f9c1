export * from './PrometheusClient';
export {
  promQueryDataSchema,
  promAlertSchema,
  promAlertingRuleSchema,
  type PromQueryData,
  type PromAlert,
  type PromAlertingRule,
} from './schemas';
export type { PrometheusConfig } from './config';
