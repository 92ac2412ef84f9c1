import { LoggerService, ServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import http from 'node:http';
import { platformPlugin } from '../plugin';

/**
 * Starts a test backend with the platform plugin, the given root config and a catalog holding `entities`
 * (or the `catalog` factory given instead). A `logger` receives every root and plugin log line.
 */
export async function startPlatformBackend(options: {
  config: JsonObject;
  entities?: Entity[];
  catalog?: ServiceFactory;
  logger?: LoggerService;
  features?: ServiceFactory[];
}): Promise<http.Server> {
  const features: ServiceFactory[] = [
    mockServices.rootConfig.factory({ data: options.config }),
    options.catalog ??
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
    ...(options.features ?? []),
  ];
  if (options.logger) {
    features.push(
      mockServices.rootLogger.mock(options.logger as any).factory,
      mockServices.logger.mock(options.logger).factory,
    );
  }
  const backend = await startTestBackend({
    features: [platformPlugin, ...features],
  });
  return backend.server;
}
