/**
 * The fleet's sidecar series at one instant, as one exposition for one scrape target: counters grow at each
 * component's request rate from the fleet's start (plus ten minutes served before it), errors at its error
 * ratio, latency histograms follow a distribution whose 95th percentile is the component's `p95Ms`. Computed
 * per scrape, not per request, so 500 components cost one string build every scrape interval.
 * Label sets are the real ones' names, trimmed to those the portal and the rules read.
 */
import { INGRESS_GATEWAY, ISTIO_DURATION_BUCKETS_MS } from '../istio.ts';
import { LINKERD_LATENCY_BUCKETS_MS } from '../linkerd.ts';
import type { Mesh } from '../metrics.ts';
import type { FleetComponent } from './model.ts';

/** What an idle component served before it fell silent; what the others served before the fleet started. */
const IDLE_SERVED = 1200;
const WARM_S = 600;

/** Share of requests finished within `ms` for a component whose p95 is `p95Ms` (exponential distribution). */
export function latencyShare(ms: number, p95Ms: number): number {
  return 1 - Math.exp((-ms * Math.log(20)) / p95Ms);
}

export function servedAt(
  c: FleetComponent,
  elapsedS: number,
): { ok: number; failed: number } {
  const total =
    c.rps > 0 ? Math.floor(c.rps * (elapsedS + WARM_S)) : IDLE_SERVED;
  const failed = Math.floor(total * c.errorRatio);
  return { ok: total - failed, failed };
}

function labelText(labels: [string, string][]): string {
  return labels.map(([k, v]) => `${k}="${v}"`).join(',');
}

function histogram(
  out: string[],
  name: string,
  labels: string,
  count: number,
  p95Ms: number,
  bounds: number[],
): void {
  for (const b of bounds)
    out.push(
      `${name}_bucket{${labels},le="${b}"} ${Math.floor(
        count * latencyShare(b, p95Ms),
      )}`,
    );
  out.push(`${name}_bucket{${labels},le="+Inf"} ${count}`);
  // the mean of the distribution is p95 / ln(20)
  out.push(
    `${name}_sum{${labels}} ${
      Math.round(((count * p95Ms) / Math.log(20)) * 1000) / 1000
    }`,
  );
  out.push(`${name}_count{${labels}} ${count}`);
}

function responses(
  c: FleetComponent,
  elapsedS: number,
): { code: number; count: number }[] {
  const { ok, failed } = servedAt(c, elapsedS);
  return [
    { code: 200, count: ok },
    ...(c.errorRatio > 0 ? [{ code: 500, count: failed }] : []),
  ];
}

function istio(components: FleetComponent[], elapsedS: number): string[] {
  const requests = [
    '# HELP istio_requests_total Total requests (Istio standard metric).',
    '# TYPE istio_requests_total counter',
  ];
  const duration = [
    '# HELP istio_request_duration_milliseconds Request duration in milliseconds (Istio standard metric).',
    '# TYPE istio_request_duration_milliseconds histogram',
  ];
  for (const c of components) {
    for (const r of responses(c, elapsedS)) {
      const labels = labelText([
        ['reporter', 'destination'],
        ['source_workload', INGRESS_GATEWAY.workload],
        ['source_workload_namespace', INGRESS_GATEWAY.namespace],
        ['destination_workload', c.name],
        ['destination_workload_namespace', c.namespace],
        ['destination_service_name', c.name],
        ['request_protocol', 'http'],
        ['response_code', String(r.code)],
        ['connection_security_policy', 'mutual_tls'],
      ]);
      requests.push(`istio_requests_total{${labels}} ${r.count}`);
      histogram(
        duration,
        'istio_request_duration_milliseconds',
        labels,
        r.count,
        c.p95Ms,
        ISTIO_DURATION_BUCKETS_MS,
      );
    }
  }
  return [...requests, ...duration];
}

function linkerd(components: FleetComponent[], elapsedS: number): string[] {
  const requests = [
    '# HELP request_total Total count of HTTP requests (Linkerd proxy).',
    '# TYPE request_total counter',
  ];
  const resp = [
    '# HELP response_total Total count of HTTP responses (Linkerd proxy).',
    '# TYPE response_total counter',
  ];
  const latency = [
    '# HELP response_latency_ms Elapsed times between a request being received and its response stream completing (Linkerd proxy).',
    '# TYPE response_latency_ms histogram',
  ];
  for (const c of components) {
    const base: [string, string][] = [
      ['direction', 'inbound'],
      ['authority', `${c.name}.${c.namespace}.svc.cluster.local:8080`],
      ['namespace', c.namespace],
      ['deployment', c.name],
      ['tls', 'no_identity'],
      ['no_tls_reason', 'not_provided_by_remote'],
    ];
    const all = responses(c, elapsedS);
    requests.push(
      `request_total{${labelText(base)}} ${all.reduce(
        (n, r) => n + r.count,
        0,
      )}`,
    );
    for (const r of all) {
      const labels = labelText([
        ...base,
        ['status_code', String(r.code)],
        ['classification', r.code >= 500 ? 'failure' : 'success'],
      ]);
      resp.push(`response_total{${labels}} ${r.count}`);
      histogram(
        latency,
        'response_latency_ms',
        labels,
        r.count,
        c.p95Ms,
        LINKERD_LATENCY_BUCKETS_MS,
      );
    }
  }
  return [...requests, ...resp, ...latency];
}

export function fleetExposition(
  components: FleetComponent[],
  meshes: readonly Mesh[],
  elapsedS: number,
): string {
  let lines: string[] = [];
  if (meshes.includes('istio'))
    lines = lines.concat(istio(components, elapsedS));
  if (meshes.includes('linkerd'))
    lines = lines.concat(linkerd(components, elapsedS));
  return `${lines.join('\n')}\n`;
}
