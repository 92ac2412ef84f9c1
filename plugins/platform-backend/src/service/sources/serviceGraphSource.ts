import { Entity } from '@backstage/catalog-model';
import {
  PLATFORM_ANNOTATIONS as A,
  ServiceGraphValue,
} from '@paved-road/backstage-plugin-platform-common';
import {
  PlatformConfig,
  PlatformSource,
  PrometheusClient,
  ServiceGraphMetrics,
  SourceCache,
  buildServiceGraphQuery,
} from '@paved-road/backstage-plugin-platform-node';
import { MetricsTarget, metricsTarget } from '../entityTargets';
import { Cached } from '../UpstreamCache';
import { serviceGraphEdges } from './serviceGraphEdges';

/** The rate window of the edges: the seeds' service-graph query reads `[5m]`. */
const WINDOW_SECONDS = 300;

/**
 * Who calls the entity's workload and whom it calls, from mesh or trace metrics in Prometheus: Istio's
 * `istio_requests_total` (`redSource: istio`), Tempo's service-graph series (`redSource: spanmetrics`, where the
 * traces are), Linkerd's outbound series (`redSource: linkerd`). Every query is pinned to the workload in its bounded namespace, like the RED metrics.
 */
export class ServiceGraphSource
  implements PlatformSource<MetricsTarget, undefined, ServiceGraphValue>
{
  readonly id = 'service-graph';
  readonly annotations = [
    A.kubernetesId,
    A.metricsWorkload,
    A.kubernetesNamespace,
  ];

  constructor(
    private readonly deps: {
      config: PlatformConfig;
      prometheus?: PrometheusClient;
      cache: SourceCache;
    },
  ) {}

  private metrics(): ServiceGraphMetrics {
    const red = this.deps.config.prometheus?.redSource;
    if (red === 'spanmetrics') return 'tempo';
    return red === 'linkerd' ? 'linkerd' : 'istio';
  }

  target(entity: Entity) {
    return metricsTarget(entity, this.deps.config);
  }

  async read(target: MetricsTarget): Promise<Cached<ServiceGraphValue>> {
    const { config, prometheus, cache } = this.deps;
    const prom = config.prometheus!;
    const metrics = this.metrics();
    const query = buildServiceGraphQuery({
      metrics,
      workload: target.workload,
      namespace: target.namespace,
      namespaceLabel: prom.namespaceLabel,
      windowSeconds: WINDOW_SECONDS,
    });
    const answer = await cache.get(
      ['prometheus', prom.url, 'query', query.query],
      () => prometheus!.query(query.query),
    );
    return {
      value: {
        workload: target.workload,
        namespace: target.namespace,
        metrics,
        windowSeconds: WINDOW_SECONDS,
        ...serviceGraphEdges(answer.value, query),
      },
      fetchedAt: answer.fetchedAt,
    };
  }
}
