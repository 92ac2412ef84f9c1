import {
  CacheService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AlertmanagerClient,
  ArgoCdClient,
  ElasticsearchClient,
  JenkinsClient,
  KubernetesClient,
  LokiClient,
  PlatformConfig,
  PlatformSourceFactory,
  PrometheusClient,
  SourceContext,
  TempoClient,
} from '@paved-road/backstage-plugin-platform-node';
import { DefaultEntityObservabilityService } from './DefaultEntityObservabilityService';
import { EntityAccess } from './entityAccess';
import { FleetReader } from './fleet/FleetReader';
import { boundedNamespace } from './entityTargets';
import { EntityObservabilityService } from './EntityObservabilityService';
import { SourceRegistry } from './SourceRegistry';
import { AlertsSource } from './sources/alertsSource';
import { ArgoCdSource } from './sources/argocdSource';
import { BuildsSource } from './sources/buildsSource';
import { EsLogs } from './sources/esLogs';
import { LogsSource } from './sources/logsSource';
import { MetricsSource } from './sources/metricsSource';
import { ServiceGraphSource } from './sources/serviceGraphSource';
import { TracesSource } from './sources/tracesSource';
import { UpstreamCache } from './UpstreamCache';

/**
 * Builds the service: the six built-in sources, each with its clients from the parsed config, then the sources
 * backend modules added through the extension point, all in one registry.
 */
export function createEntityObservabilityService(options: {
  config: PlatformConfig;
  catalog: CatalogService;
  permissions: PermissionsService;
  logger: LoggerService;
  cache?: CacheService;
  /** Factories given to `platformSourcesExtensionPoint`, in the order they were added. */
  addedSources?: PlatformSourceFactory[];
}): EntityObservabilityService {
  const { config, logger } = options;
  const createCache = ({ ttlSeconds }: { ttlSeconds: number }) =>
    new UpstreamCache({ cache: options.cache, ttlSeconds, logger });
  const context: SourceContext = {
    config,
    logger,
    cache: createCache({ ttlSeconds: config.cacheTtlSeconds }),
    createCache,
    boundedNamespace: (entity: Entity) => boundedNamespace(entity, config),
  };
  const builtins = createBuiltinSources(context);
  const added = (options.addedSources ?? []).map(factory => factory(context));
  const access = new EntityAccess({
    catalog: options.catalog,
    permissions: options.permissions,
    logger,
    catalogTimeoutMs: config.timeoutMs > 0 ? config.timeoutMs : undefined,
  });
  const registry = new SourceRegistry([
    builtins.argocd,
    builtins.alerts,
    builtins.metrics,
    builtins.logs,
    builtins.traces,
    builtins.builds,
    builtins.serviceGraph,
    ...added,
  ]);
  return new DefaultEntityObservabilityService({
    logger,
    access,
    registry,
    builtins,
    fleet: new FleetReader({ access, registry, logger }),
  });
}

/** The six built-in sources, in the order the Health tab and the verdict list them. */
function createBuiltinSources({ config, cache, logger }: SourceContext) {
  const prometheus = config.prometheus
    ? new PrometheusClient(config.prometheus)
    : undefined;
  const kubernetes =
    config.argocd?.source === 'kubernetes' && config.kubernetes
      ? new KubernetesClient(config.kubernetes)
      : undefined;
  return {
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
      elasticsearch: config.elasticsearch
        ? new EsLogs({
            config: config.elasticsearch,
            cache,
            clients: new Map(
              config.elasticsearch.instances.map(instance => [
                instance.name,
                new ElasticsearchClient(instance),
              ]),
            ),
          })
        : undefined,
    }),
    traces: new TracesSource({
      config,
      cache,
      tempo: config.tempo ? new TempoClient(config.tempo) : undefined,
    }),
    serviceGraph: new ServiceGraphSource({
      config,
      cache,
      prometheus,
      logger,
    }),
    builds: new BuildsSource({
      config,
      cache,
      jenkins: new Map(
        (config.jenkins?.instances ?? []).map(instance => [
          instance.name,
          new JenkinsClient(instance),
        ]),
      ),
    }),
  };
}
