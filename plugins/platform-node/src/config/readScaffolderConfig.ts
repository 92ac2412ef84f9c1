import { Config } from '@backstage/config';
import type { ArgoCdInstanceConfig } from '../clients/argocd/config';
import type { KubernetesConfig } from '../clients/kubernetes/config';
import type { NamespaceBound } from '../query/namespaceBound';
import { checkScaffolderSections } from './crossSectionChecks';
import { PlatformConfig, readPlatformConfig } from './readPlatformConfig';
import {
  ScaffolderArgoCdConfig,
  readScaffolderArgoCdConfig,
} from './scaffolder/argocd';
import { GitHostsConfig, readGitHostsConfig } from './scaffolder/gitHosts';
import {
  ScaffolderJenkinsConfig,
  readScaffolderJenkinsConfig,
} from './scaffolder/jenkins';
import { MsaDeployConfig, readMsaDeployConfig } from './scaffolder/msaDeploy';
import { RegistryConfig, readRegistryConfig } from './scaffolder/registry';

/** The parsed, validated `platform.scaffolder` section (plus the upstreams it needs). @public */
export interface ScaffolderConfig extends GitHostsConfig {
  msaDeploy?: MsaDeployConfig;
  registry?: RegistryConfig;
  jenkins?: ScaffolderJenkinsConfig;
  argocd: ScaffolderArgoCdConfig;
  /** From `platform.kubernetes`: used by the namespace and (via kubernetes) Application actions. */
  kubernetes?: KubernetesConfig;
  /** From `platform.argocd`: used when `argocd.via` is `api`. */
  argocdInstances?: ArgoCdInstanceConfig[];
  /**
   * From `platform.scope`: the namespaces a write may target, the same bound as reads (system namespaces are
   * refused on top unless named exactly; see checkNamespaceWritable).
   */
  namespaceBound: NamespaceBound;
}

/**
 * Parses and validates `platform.scaffolder` once at start-up, failing with the key and what is allowed.
 * Credentials come from here only: never from template input.
 *
 * @public
 */
export function readScaffolderConfig(
  root: Config,
  platform: PlatformConfig = readPlatformConfig(root),
): ScaffolderConfig {
  const scaffolder = root.getOptionalConfig('platform.scaffolder');
  const result: ScaffolderConfig = {
    ...readGitHostsConfig(scaffolder),
    argocd: readScaffolderArgoCdConfig(undefined),
    kubernetes: platform.kubernetes,
    argocdInstances: platform.argocd?.instances,
    namespaceBound: {
      allowedNamespaces: platform.scope.allowedNamespaces,
      namespacesByOwner: platform.scope.namespacesByOwner,
    },
  };
  if (!scaffolder) {
    return result;
  }
  const msaDeploy = scaffolder.getOptionalConfig('msaDeploy');
  if (msaDeploy) {
    result.msaDeploy = readMsaDeployConfig(msaDeploy);
  }
  const registry = scaffolder.getOptionalConfig('registry');
  if (registry) {
    result.registry = readRegistryConfig(registry);
  }
  const jenkins = readScaffolderJenkinsConfig(
    scaffolder.getOptionalConfig('jenkins'),
    platform.jenkins?.instances ?? [],
  );
  if (jenkins) {
    result.jenkins = jenkins;
  }
  result.argocd = readScaffolderArgoCdConfig(
    scaffolder.getOptionalConfig('argocd'),
  );
  checkScaffolderSections(result, scaffolder, platform);
  return result;
}
