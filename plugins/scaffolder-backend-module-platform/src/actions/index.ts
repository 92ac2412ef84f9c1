export * from './jenkins/createPipeline';
export * from './jenkins/renderJenkinsfile';
export * from './msaDeploy/addService';
export * from './kubernetes/ensureNamespace';
export * from './argocd/createApplication';
export * from './git/publish';
export * from './createActions';
