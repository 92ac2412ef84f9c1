import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { platformPermissions } from '@paved-road/backstage-plugin-platform-common';
import {
  PlatformSourceFactory,
  platformSourcesExtensionPoint,
  readPlatformConfig,
} from '@paved-road/backstage-plugin-platform-node';
import { ENTITY_ROUTE, createRouter } from './router';
import { scopeOffWarnings } from './scopeWarnings';
import { createEntityObservabilityService } from './service/createService';

/**
 * The platform backend plugin: one observability API per catalog entity.
 *
 * @public
 */
export const platformPlugin = createBackendPlugin({
  pluginId: 'platform',
  register(env) {
    const addedSources: PlatformSourceFactory[] = [];
    env.registerExtensionPoint(platformSourcesExtensionPoint, {
      addSource(factory) {
        addedSources.push(factory);
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        cache: coreServices.cache,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        cache,
        auditor,
        catalog,
      }) {
        // Parsed once, here, so a broken config stops the backend at start-up with the key named.
        const platformConfig = readPlatformConfig(config);
        const enabled = (
          [
            'argocd',
            'prometheus',
            'alertmanager',
            'loki',
            'tempo',
            'jenkins',
          ] as const
        ).filter(source => platformConfig[source]);
        logger.info(
          `Platform sources enabled: ${enabled.join(', ') || 'none'}`,
        );
        const scoped = enabled.filter(
          source => source !== 'argocd' && source !== 'jenkins',
        );
        if (
          scoped.length > 0 &&
          !platformConfig.scope.allowedNamespaces &&
          !platformConfig.scope.namespacesByOwner
        ) {
          logger.warn(
            `Platform namespace bound is open: any entity may select any Kubernetes namespace for ${scoped.join(
              ', ',
            )} ` +
              `through its backstage.io/kubernetes-namespace annotation (or catalog namespace). Set ` +
              `platform.scope.allowedNamespaces and/or platform.scope.namespacesByOwner to bound it.`,
          );
        }
        for (const warning of scopeOffWarnings(platformConfig)) {
          logger.warn(warning);
        }
        permissionsRegistry.addPermissions(platformPermissions);
        const service = createEntityObservabilityService({
          config: platformConfig,
          catalog,
          permissions,
          logger,
          cache,
          addedSources,
        });
        logger.info(
          `Platform sources registered: ${service.sourceIds().join(', ')}`,
        );
        httpRouter.use(
          await createRouter({ httpAuth, service, logger, auditor }),
        );
        // EventSource cannot send an Authorization header: the live tail also accepts the Backstage user cookie.
        httpRouter.addAuthPolicy({
          path: `${ENTITY_ROUTE}/logs/tail`,
          allow: 'user-cookie',
        });
      },
    });
  },
});
