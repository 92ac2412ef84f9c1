export * from './ArgoCdClient';
export { parseArgoApplication } from './schemas';
export type {
  ArgoApplication,
  ArgoApplicationSource,
  ArgoResourceTree,
} from './schemas';
export type { ArgoCdConfig, ArgoCdInstanceConfig } from './config';
