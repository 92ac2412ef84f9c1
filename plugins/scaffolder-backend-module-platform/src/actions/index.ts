export * from './jenkins/createPipeline';
export * from './jenkins/renderJenkinsfile';
export * from './msaDeploy/addService';
export * from './kubernetes/ensureNamespace';
export * from './argocd/createApplication';
export * from './git/publish';
export * from './createActions';
export * from './service/preflight';
export * from './catalog/register';
export { ServiceOwnership } from '../ownership/ServiceOwnership';
export type {
  ServiceOwnershipDeps,
  ClaimVerdict,
} from '../ownership/ServiceOwnership';
export type { OwnerMarks } from '../ownership/ownerMarks';
export type { PreflightDeps } from '../ownership/preflight';
export type { ServiceResourceClients } from '../ownership/serviceResources';
export type { WriteAccessOptions } from '../ownership/writeAccess';
