import { ScaffolderConfig } from '@paved-road/backstage-plugin-platform-node';
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ServiceOwnership } from '../ownership/ServiceOwnership';
import { preflightDeps } from '../ownership/preflightDeps';
import { createArgoCdCreateApplicationAction } from './argocd/createApplication';
import { createGitPublishAction } from './git/publish';
import { createJenkinsCreatePipelineAction } from './jenkins/createPipeline';
import { createJenkinsRenderJenkinsfileAction } from './jenkins/renderJenkinsfile';
import { createKubernetesEnsureNamespaceAction } from './kubernetes/ensureNamespace';
import { createMsaDeployAddServiceAction } from './msaDeploy/addService';
import { createServicePreflightAction } from './service/preflight';
import { createCatalogRegisterAction } from './catalog/register';

/** What the platform actions read besides config: the catalog and the ownership decision. @public */
export interface PlatformActionsDeps {
  ownership: ServiceOwnership;
  catalog: CatalogService;
  auth: AuthService;
}

/**
 * Every platform scaffolder action, configured from one parsed `platform.scaffolder` section. Every writing
 * action checks, before its first write, that the task's user may act for the `owner` input and that each
 * existing resource it would touch records that owner.
 *
 * @public
 */
export function createPlatformActions(
  config: ScaffolderConfig,
  deps: PlatformActionsDeps,
) {
  const { ownership } = deps;
  return [
    createServicePreflightAction(preflightDeps(config, deps)),
    createGitPublishAction({ config, ownership }),
    createJenkinsRenderJenkinsfileAction({ config }),
    createJenkinsCreatePipelineAction({ config, ownership }),
    createMsaDeployAddServiceAction({ config, ownership }),
    createKubernetesEnsureNamespaceAction({ config, ownership }),
    createArgoCdCreateApplicationAction({ config, ownership }),
    createCatalogRegisterAction({
      ownership,
      catalog: deps.catalog,
      auth: deps.auth,
    }),
  ];
}
