import { Entity } from '@backstage/catalog-model';
import {
  PLATFORM_ANNOTATIONS as A,
  ServiceGraphEdge,
  ServiceGraphValue,
} from '@paved-road/backstage-plugin-platform-common';
import {
  PlatformConfig,
  PlatformSource,
  PrometheusClient,
  ServiceGraphMetrics,
  SourceCache,
  SourceReadRequest,
  buildServiceGraphQuery,
} from '@paved-road/backstage-plugin-platform-node';
import { MetricsTarget, metricsTarget } from '../entityTargets';
import { Cached } from '../UpstreamCache';
import { LoggerService } from '@backstage/backend-plugin-api';
import { kialiWorkloadUrl } from './kialiUrl';
import { serviceGraphEdges } from './serviceGraphEdges';
import {
  MAX_LINKED_PEERS,
  PEER_WORKLOAD_FILTER_KEY,
  linkPeers,
  peerWorkloads,
} from './serviceGraphPeers';

/** The rate window of the edges: the seeds' service-graph query reads `[5m]`. */
const WINDOW_SECONDS = 300;
/** Catalog entities read to link the peers: a workload name may be taken in several namespaces. */
const MAX_PEER_ENTITIES = MAX_LINKED_PEERS * 5;

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
      logger?: LoggerService;
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

  async read(
    target: MetricsTarget,
    _query: undefined,
    request: Pick<SourceReadRequest, 'findEntities'>,
  ): Promise<Cached<ServiceGraphValue>> {
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
    const edges = serviceGraphEdges(answer.value, query);
    // The links are the caller's (what they may see), so they are added after the shared cache.
    const linked = await this.linkPeers(
      [...edges.callers, ...edges.callees],
      target.namespace,
      request,
    );
    const kiali = config.kiali;
    return {
      value: {
        workload: target.workload,
        namespace: target.namespace,
        metrics,
        windowSeconds: WINDOW_SECONDS,
        callers: linked.edges.slice(0, edges.callers.length),
        callees: linked.edges.slice(edges.callers.length),
        // Kiali draws Istio's telemetry; a Linkerd mesh has none to show.
        ...(kiali && metrics !== 'linkerd'
          ? {
              kialiUrl: kialiWorkloadUrl(
                kiali.url,
                target.namespace,
                target.workload,
              ),
            }
          : {}),
        ...(linked.warning ? { warnings: [linked.warning] } : {}),
      },
      fetchedAt: answer.fetchedAt,
    };
  }

  private async linkPeers(
    edges: ServiceGraphEdge[],
    namespace: string,
    request: Pick<SourceReadRequest, 'findEntities'>,
  ): Promise<{ edges: ServiceGraphEdge[]; warning?: string }> {
    const workloads = peerWorkloads(edges);
    if (workloads.length === 0) return { edges };
    try {
      const entities = await request.findEntities(
        { [PEER_WORKLOAD_FILTER_KEY]: workloads },
        MAX_PEER_ENTITIES,
      );
      return { edges: linkPeers(edges, entities, namespace) };
    } catch (error) {
      this.deps.logger?.warn(
        `Platform: service graph peers not linked, the catalog read failed: ${error}`,
      );
      return {
        edges,
        warning:
          'The catalog could not be read: the callers and callees are not linked to their entities.',
      };
    }
  }
}
