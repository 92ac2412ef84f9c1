import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  PLATFORM_ANNOTATIONS as A,
  ServiceGraphEdge,
} from '@paved-road/backstage-plugin-platform-common';
import { entityNamespace } from '../entityTargets';

/** The catalog filter key of the workload annotation the peers are matched by. */
export const PEER_WORKLOAD_FILTER_KEY = `metadata.annotations.${A.kubernetesId}`;

/** How many peer workloads are looked up in the catalog, the busiest first: the card shows no more. */
export const MAX_LINKED_PEERS = 100;

/** The workloads worth looking up, busiest edge first: named, inside the mesh, at most {@link MAX_LINKED_PEERS}. */
export function peerWorkloads(edges: ServiceGraphEdge[]): string[] {
  const busiestFirst = [...edges].sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0));
  return [
    ...new Set(
      busiestFirst.filter(e => !e.peer.external).map(e => e.peer.workload),
    ),
  ].slice(0, MAX_LINKED_PEERS);
}

/**
 * The edges with each peer's catalog entity: the one entity among `entities` (those the caller may see) whose
 * `backstage.io/kubernetes-id` is the peer's workload and whose namespace (its `backstage.io/kubernetes-namespace`,
 * else its catalog namespace) is the peer's. A peer without a namespace (Tempo's service graph names services
 * only) is looked for in `graphNamespace`. No match, or more than one, leaves the peer unlinked.
 */
export function linkPeers(
  edges: ServiceGraphEdge[],
  entities: Entity[],
  graphNamespace: string,
): ServiceGraphEdge[] {
  const byWorkload = new Map<string, Entity[]>();
  for (const entity of entities) {
    const workload = entity.metadata.annotations?.[A.kubernetesId];
    if (!workload) continue;
    const key = `${workload}\u0000${entityNamespace(entity)}`;
    byWorkload.set(key, [...(byWorkload.get(key) ?? []), entity]);
  }
  return edges.map(edge => {
    if (edge.peer.external) return edge;
    const namespace = edge.peer.namespace ?? graphNamespace;
    const matches = byWorkload.get(`${edge.peer.workload}\u0000${namespace}`);
    if (matches?.length !== 1) return edge;
    return {
      ...edge,
      peer: { ...edge.peer, entityRef: stringifyEntityRef(matches[0]) },
    };
  });
}
