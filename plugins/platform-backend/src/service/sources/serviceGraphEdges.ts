import {
  ServiceGraphEdge,
  ServiceGraphValue,
} from '@paved-road/backstage-plugin-platform-common';
import {
  EDGE_DIRECTION_LABEL,
  PromQueryData,
  RED_SERIES_LABEL,
  ServiceGraphQuery,
} from '@paved-road/backstage-plugin-platform-node';

/** Istio's name for a caller outside the mesh. */
const UNKNOWN_WORKLOAD = 'unknown';

/**
 * The service-graph query's answer as callers and callees, busiest first. Series without the peer label are
 * skipped; a peer without any rate series still shows with a null rate.
 */
export function serviceGraphEdges(
  data: PromQueryData,
  query: ServiceGraphQuery,
): Pick<ServiceGraphValue, 'callers' | 'callees'> {
  const sides = {
    in: new Map<string, ServiceGraphEdge>(),
    out: new Map<string, ServiceGraphEdge>(),
  };
  if (data.resultType !== 'vector') return { callers: [], callees: [] };
  for (const sample of data.result) {
    const metric = sample.metric as Record<string, string | undefined>;
    const direction = metric[EDGE_DIRECTION_LABEL];
    if (direction !== 'in' && direction !== 'out') continue;
    const labels = direction === 'in' ? query.callerLabels : query.calleeLabels;
    const workload = metric[labels.workload];
    if (!workload) continue;
    const namespace = labels.namespace ? metric[labels.namespace] : undefined;
    const key = `${workload}\u0000${namespace ?? ''}`;
    const edges = sides[direction];
    let edge = edges.get(key);
    if (!edge) {
      edge = {
        peer: {
          workload,
          ...(namespace ? { namespace } : {}),
          external: workload === UNKNOWN_WORKLOAD,
        },
        rate: null,
        errorRatio: null,
        p95Ms: null,
      };
      edges.set(key, edge);
    }
    const value = Number(sample.value[1]);
    const finite = Number.isFinite(value) ? value : null;
    switch (metric[RED_SERIES_LABEL]) {
      case 'rate':
        edge.rate = finite;
        break;
      case 'errorRatio':
        edge.errorRatio = finite;
        break;
      case 'p95':
        edge.p95Ms = finite;
        break;
      default:
        break;
    }
  }
  const busiestFirst = (a: ServiceGraphEdge, b: ServiceGraphEdge) =>
    (b.rate ?? 0) - (a.rate ?? 0) ||
    a.peer.workload.localeCompare(b.peer.workload);
  return {
    callers: [...sides.in.values()].sort(busiestFirst),
    callees: [...sides.out.values()].sort(busiestFirst),
  };
}
