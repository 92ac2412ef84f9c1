export * from './ArgoCdClient';
export {
  argoApplicationSchema,
  argoApplicationListSchema,
  argoResourceTreeSchema,
  type ArgoApplication,
  type ArgoResourceTree,
} from './schemas';
export type { ArgoCdConfig, ArgoCdInstanceConfig } from './config';
