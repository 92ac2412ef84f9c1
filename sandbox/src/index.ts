/** The paved road's local sandbox: programmatic start plus every simulator as a mountable handler. */
export { startSandbox, type Sandbox, type SandboxOptions } from './sandbox.ts';
export {
  DEFAULT_PORTS,
  FREE_PORTS,
  ENDPOINT_KEYS,
  findRepoRoot,
  type EndpointKey,
  type PortKey,
} from './config.ts';
export { CREDENTIALS } from './credentials.ts';
export { createKubernetesHandler } from './kubernetes/server.ts';
export { KubeStore } from './kubernetes/store.ts';
export { createArgoCdHandler } from './argocd/server.ts';
export { Reconciler } from './argocd/reconciler.ts';
export { createGitHandler, type RefUpdate } from './git/server.ts';
export { RepoRoot } from './git/repos.ts';
export { seedMsaDeploy, MSA_DEPLOY, DEMO_SERVICES } from './git/msaDeploy.ts';
export { createJenkinsHandler } from './jenkins/server.ts';
export { JenkinsController } from './jenkins/controller.ts';
export { createLokiSim } from './loki/server.ts';
export { LogStore } from './loki/store.ts';
export { parseLogQL } from './loki/logql/parser.ts';
export { createTempoHandler } from './tempo/server.ts';
export { TraceStore } from './tempo/store.ts';
export { parseTraceQL } from './tempo/traceql/parser.ts';
export { createElasticsearchSim, type EsSim } from './elasticsearch/server.ts';
export { EsStore } from './elasticsearch/store.ts';
