import { ScaffolderConfig } from '@paved-road/backstage-plugin-platform-node';
import { createArgoCdCreateApplicationAction } from './argocd/createApplication';
import { createGitPublishAction } from './git/publish';
import { createJenkinsCreatePipelineAction } from './jenkins/createPipeline';
import { createJenkinsRenderJenkinsfileAction } from './jenkins/renderJenkinsfile';
import { createKubernetesEnsureNamespaceAction } from './kubernetes/ensureNamespace';
import { createMsaDeployAddServiceAction } from './msaDeploy/addService';

/**
 * Every platform scaffolder action, configured from one parsed `platform.scaffolder` section.
 *
 * @public
 */
export function createPlatformActions(config: ScaffolderConfig) {
  return [
    createGitPublishAction({ config }),
    createJenkinsRenderJenkinsfileAction({ config }),
    createJenkinsCreatePipelineAction({ config }),
    createMsaDeployAddServiceAction({ config }),
    createKubernetesEnsureNamespaceAction({ config }),
    createArgoCdCreateApplicationAction({ config }),
  ];
}
