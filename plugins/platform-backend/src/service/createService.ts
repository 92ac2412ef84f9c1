import {
  CacheService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AlertmanagerClient,
  ArgoCdClient,
  KubernetesClient,
  LokiClient,
  PlatformConfig,
  PrometheusClient,
  TempoClient,
} from '@paved-road/backstage-plugin-platform-node';
import { DefaultEntityObservabilityService } from './DefaultEntityObservabilityService';
import { EntityAccess } from './entityAccess';
import { EntityObservabilityService } from './EntityObservabilityService';
import { AlertsSource } from './sources/alertsSource';
import { ArgoCdSource } from './sources/argocdSource';
import { BuildsSource } from './sources/buildsSource';
import { LogsSource } from './sources/logsSource';
import { MetricsSource } from './sources/metricsSource';
import { TracesSource } from './sources/tracesSource';
import { UpstreamCache } from './UpstreamCache';

/** Builds the service and its clients from the parsed config. */
export function createEntityObservabilityService(options: {
  config: PlatformConfig;
  catalog: CatalogService;
  permissions: PermissionsService;
  logger: LoggerService;
  cache?: CacheService;
}): EntityObservabilityService {
  const { config, logger } = options;
  const cache = new UpstreamCache({
    cache: options.cache,
    ttlSeconds: config.cacheTtlSeconds,
    logger,
  });
  const prometheus = config.prometheus
    ? new PrometheusClient(config.prometheus)
    : undefined;
  const kubernetes =
    config.argocd?.source === 'kubernetes' && config.kubernetes
      ? new KubernetesClient(config.kubernetes)
      : undefined;
  return new DefaultEntityObservabilityService({
    config,
    logger,
    access: new EntityAccess({
      catalog: options.catalog,
      permissions: options.permissions,
      logger,
      catalogTimeoutMs: config.timeoutMs > 0 ? config.timeoutMs : undefined,
    }),
    sources: {
      argocd: new ArgoCdSource({
        config,
        cache,
        kubernetes,
        api: config.argocd
          ? new ArgoCdClient(config.argocd.instances)
          : undefined,
      }),
      alerts: new AlertsSource({
        config,
        cache,
        prometheus,
        alertmanager: config.alertmanager
          ? new AlertmanagerClient(config.alertmanager)
          : undefined,
      }),
      metrics: new MetricsSource({ config, cache, prometheus }),
      logs: new LogsSource({
        config,
        cache,
        loki: config.loki ? new LokiClient(config.loki) : undefined,
      }),
      traces: new TracesSource({
        config,
        cache,
        tempo: config.tempo ? new TempoClient(config.tempo) : undefined,
      }),
      builds: new BuildsSource({ config, cache }),
    },
  });
}
