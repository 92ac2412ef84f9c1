export * from './ArgoCdClient';
export {
  argoApplicationSchema,
  argoApplicationListSchema,
  argoResourceTreeSchema,
  type ArgoApplication,
  type ArgoResourceTree,
} from './schemas';
