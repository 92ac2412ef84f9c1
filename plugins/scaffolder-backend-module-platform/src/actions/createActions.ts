import { ScaffolderConfig } from '@paved-road/backstage-plugin-platform-node';
import { AuditorService, AuthService } from '@backstage/backend-plugin-api';
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

/** What the platform actions use besides config: the catalog, the ownership decision and the auditor. @public */
export interface PlatformActionsDeps {
  ownership: ServiceOwnership;
  catalog: CatalogService;
  auth: AuthService;
  /** Records every write (see the README's audit events). */
  auditor: AuditorService;
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
  const { ownership, auditor } = deps;
  return [
    createServicePreflightAction(preflightDeps(config, deps)),
    createGitPublishAction({ config, ownership, auditor }),
    createJenkinsRenderJenkinsfileAction({ config }),
    createJenkinsCreatePipelineAction({ config, ownership, auditor }),
    createMsaDeployAddServiceAction({ config, ownership, auditor }),
    createKubernetesEnsureNamespaceAction({ config, ownership, auditor }),
    createArgoCdCreateApplicationAction({ config, ownership, auditor }),
    createCatalogRegisterAction({
      ownership,
      auditor,
      catalog: deps.catalog,
      auth: deps.auth,
    }),
  ];
}
