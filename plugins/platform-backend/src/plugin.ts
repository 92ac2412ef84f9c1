import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readPlatformConfig } from '@paved-road/backstage-plugin-platform-node';
import { platformPermissions } from '@paved-road/backstage-plugin-platform-common';
import { createRouter } from './router';

/**
 * The platform backend plugin: one observability API per catalog entity.
 *
 * @public
 */
export const platformPlugin = createBackendPlugin({
  pluginId: 'platform',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ config, logger, httpRouter, permissionsRegistry }) {
        // Parsed once, here, so a broken config stops the backend at start-up with the key named.
        const platformConfig = readPlatformConfig(config);
        const enabled = (
          ['argocd', 'prometheus', 'alertmanager', 'loki', 'tempo', 'jenkins'] as const
        ).filter(source => platformConfig[source]);
        logger.info(
          `Platform sources enabled: ${enabled.join(', ') || 'none'}`,
        );
        permissionsRegistry.addPermissions(platformPermissions);
        httpRouter.use(await createRouter({ logger }));
      },
    });
  },
});
