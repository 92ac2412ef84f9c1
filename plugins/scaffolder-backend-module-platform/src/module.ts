import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { readScaffolderConfig } from '@paved-road/backstage-plugin-platform-node';
import { createPlatformActions } from './actions/createActions';
import { createDeployBuildAction } from './actions/deploy/deployBuild';
import { preflightDeps } from './ownership/preflightDeps';
import { ServiceOwnership } from './ownership/ServiceOwnership';
import { createServiceCheckRouter } from './service/serviceCheckRouter';

/**
 * Registers the platform actions (`platform:*`) with the scaffolder, and the wizard's name check
 * (`GET /api/scaffolder/platform/service-check`). `platform.scaffolder` is parsed at start-up, so malformed
 * config stops the backend with a message naming the key.
 *
 * @public
 */
export const scaffolderModulePlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'platform',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
      },
      async init({
        scaffolderActions,
        config,
        logger,
        auth,
        discovery,
        httpAuth,
        httpRouter,
        userInfo,
        permissions,
        catalog,
      }) {
        const scaffolderConfig = readScaffolderConfig(config);
        const ownership = new ServiceOwnership({
          catalog,
          auth,
          userInfo,
          permissions,
        });
        const deps = { ownership, catalog, auth };
        const actions = createPlatformActions(scaffolderConfig, deps);
        scaffolderActions.addActions(...actions);
        scaffolderActions.addActions(
          createDeployBuildAction({ auth, discovery }),
        );
        httpRouter.use(
          createServiceCheckRouter({
            httpAuth,
            preflight: preflightDeps(scaffolderConfig, deps),
          }),
        );
        if (
          !scaffolderConfig.namespaceBound.allowedNamespaces &&
          !scaffolderConfig.namespaceBound.namespacesByOwner
        ) {
          logger.warn(
            'platform.scope.allowedNamespaces and platform.scope.namespacesByOwner are unset: template runs may create services in any namespace except system namespaces (ownership of existing namespaces still applies). Set a bound.',
          );
        }
        logger.info(
          `Registered ${actions.map(action => action.id).join(', ')}`,
        );
      },
    });
  },
});
