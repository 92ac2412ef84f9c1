import {
  ArgoCdClient,
  JenkinsClient,
  KubernetesClient,
  ScaffolderConfig,
} from '@paved-road/backstage-plugin-platform-node';
import type { PlatformActionsDeps } from '../actions/createActions';
import { PreflightDeps } from './preflight';

/** The clients and services a preflight reads through, built from config. */
export function preflightDeps(
  config: ScaffolderConfig,
  deps: PlatformActionsDeps,
): PreflightDeps {
  return {
    ...deps,
    config,
    jenkins: config.jenkins
      ? new JenkinsClient(config.jenkins.instance)
      : undefined,
    kubernetes: config.kubernetes
      ? new KubernetesClient(config.kubernetes)
      : undefined,
    argocd: config.argocdInstances?.length
      ? new ArgoCdClient(config.argocdInstances)
      : undefined,
  };
}
