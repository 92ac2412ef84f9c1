import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { platformPermissions } from '@paved-road/backstage-plugin-platform-common';
import {
  PlatformSourceFactory,
  platformSourcesExtensionPoint,
  readPlatformConfig,
  readScaffolderConfig,
} from '@paved-road/backstage-plugin-platform-node';
import { ENTITY_ROUTE, createRouter } from './router';
import { scopeOffWarnings } from './scopeWarnings';
import { createEntityObservabilityService } from './service/createService';
import { createDeployService } from './service/deploy/createDeployService';
import { registerPlatformActions } from './actions/platformActions';
import { OwnerWatcher } from './notify/OwnerWatcher';
import { cacheObservationStore } from './notify/observationStore';

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
        actionsRegistry: actionsRegistryServiceRef,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
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
        actionsRegistry,
        auth,
        scheduler,
        notifications,
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
        const deployer = createDeployService({
          config: platformConfig,
          scaffolder: readScaffolderConfig(config, platformConfig),
          catalog,
          permissions,
          logger,
        });
        httpRouter.use(
          await createRouter({ httpAuth, service, logger, auditor, deployer }),
        );
        const actions = registerPlatformActions({
          actionsRegistry,
          service,
          deployer,
          auditor,
        });
        logger.info(`Platform actions registered: ${actions.join(', ')}`);
        const notify = platformConfig.notifications;
        if (notify?.enabled) {
          const watcher = new OwnerWatcher({
            // Shared by the replicas (Redis in production): whoever runs the next round continues from this one.
            store: cacheObservationStore(cache, notify.stateTtlSeconds, logger),
            catalog,
            auth,
            service,
            notifications,
            logger,
          });
          // Global scope: one replica runs each round, the others skip it.
          await scheduler.scheduleTask({
            id: 'platform-owner-notifications',
            scope: 'global',
            frequency: { seconds: notify.intervalSeconds },
            timeout: { seconds: Math.max(60, notify.intervalSeconds * 2) },
            initialDelay: { seconds: 5 },
            fn: async () => {
              const { entities, sent } = await watcher.run();
              logger.debug(
                `Platform notifications: checked ${entities} components, sent ${sent}`,
              );
            },
          });
        }
        // EventSource cannot send an Authorization header: the live tail also accepts the Backstage user cookie.
        httpRouter.addAuthPolicy({
          path: `${ENTITY_ROUTE}/logs/tail`,
          allow: 'user-cookie',
        });
      },
    });
  },
});
