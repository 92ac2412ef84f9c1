import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { readScaffolderConfig } from '@paved-road/backstage-plugin-platform-node';
import { createPlatformActions } from './actions/createActions';

/**
 * Registers the platform actions (`platform:*`) with the scaffolder. `platform.scaffolder` is parsed at
 * start-up, so malformed config stops the backend with a message naming the key.
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
      },
      async init({ scaffolderActions, config, logger }) {
        const scaffolderConfig = readScaffolderConfig(config);
        const actions = createPlatformActions(scaffolderConfig);
        scaffolderActions.addActions(...actions);
        logger.info(`Registered ${actions.map(action => action.id).join(', ')}`);
      },
    });
  },
});
