/**
 * The fleet's sidecar series at one instant, as one exposition for one scrape target: counters grow at each
 * component's request rate from the fleet's start (plus ten minutes served before it), errors at its error
 * ratio, latency histograms follow a distribution whose 95th percentile is the component's `p95Ms`. Computed
 * per scrape, not per request, from series templates built once: 500 components cost one string build per
 * scrape.
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

/** One exposed line: its text up to the value, and how the value follows from the component's counts. */
interface Line {
  prefix: string;
  component: number;
  /** which count: requests answered 200, answered 500, or all */
  of: 'ok' | 'failed' | 'total';
  /** floor(count * factor), or count * factor unrounded for a `_sum` */
  factor: number;
  sum?: boolean;
}

interface Family {
  header: string;
  lines: Line[];
}

function family(name: string, help: string, type: string): Family {
  return {
    header: `# HELP ${name} ${help}\n# TYPE ${name} ${type}`,
    lines: [],
  };
}

function histogram(
  f: Family,
  name: string,
  labels: string,
  component: number,
  of: Line['of'],
  p95Ms: number,
  bounds: number[],
): void {
  for (const b of bounds)
    f.lines.push({
      prefix: `${name}_bucket{${labels},le="${b}"} `,
      component,
      of,
      factor: latencyShare(b, p95Ms),
    });
  f.lines.push({
    prefix: `${name}_bucket{${labels},le="+Inf"} `,
    component,
    of,
    factor: 1,
  });
  // the mean of the distribution is p95 / ln(20)
  f.lines.push({
    prefix: `${name}_sum{${labels}} `,
    component,
    of,
    factor: p95Ms / Math.log(20),
    sum: true,
  });
  f.lines.push({
    prefix: `${name}_count{${labels}} `,
    component,
    of,
    factor: 1,
  });
}

function codes(c: FleetComponent): { code: number; of: Line['of'] }[] {
  return [
    { code: 200, of: 'ok' },
    ...(c.errorRatio > 0 ? [{ code: 500, of: 'failed' as const }] : []),
  ];
}

function istio(components: FleetComponent[]): Family[] {
  const requests = family(
    'istio_requests_total',
    'Total requests (Istio standard metric).',
    'counter',
  );
  const duration = family(
    'istio_request_duration_milliseconds',
    'Request duration in milliseconds (Istio standard metric).',
    'histogram',
  );
  components.forEach((c, i) => {
    for (const r of codes(c)) {
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
      requests.lines.push({
        prefix: `istio_requests_total{${labels}} `,
        component: i,
        of: r.of,
        factor: 1,
      });
      histogram(
        duration,
        'istio_request_duration_milliseconds',
        labels,
        i,
        r.of,
        c.p95Ms,
        ISTIO_DURATION_BUCKETS_MS,
      );
    }
  });
  return [requests, duration];
}

function linkerd(components: FleetComponent[]): Family[] {
  const requests = family(
    'request_total',
    'Total count of HTTP requests (Linkerd proxy).',
    'counter',
  );
  const responses = family(
    'response_total',
    'Total count of HTTP responses (Linkerd proxy).',
    'counter',
  );
  const latency = family(
    'response_latency_ms',
    'Elapsed times between a request being received and its response stream completing (Linkerd proxy).',
    'histogram',
  );
  components.forEach((c, i) => {
    const base: [string, string][] = [
      ['direction', 'inbound'],
      ['authority', `${c.name}.${c.namespace}.svc.cluster.local:8080`],
      ['namespace', c.namespace],
      ['deployment', c.name],
      ['tls', 'no_identity'],
      ['no_tls_reason', 'not_provided_by_remote'],
    ];
    requests.lines.push({
      prefix: `request_total{${labelText(base)}} `,
      component: i,
      of: 'total',
      factor: 1,
    });
    for (const r of codes(c)) {
      const labels = labelText([
        ...base,
        ['status_code', String(r.code)],
        ['classification', r.code >= 500 ? 'failure' : 'success'],
      ]);
      responses.lines.push({
        prefix: `response_total{${labels}} `,
        component: i,
        of: r.of,
        factor: 1,
      });
      histogram(
        latency,
        'response_latency_ms',
        labels,
        i,
        r.of,
        c.p95Ms,
        LINKERD_LATENCY_BUCKETS_MS,
      );
    }
  });
  return [requests, responses, latency];
}

/** The fleet's exposition; label texts and bucket shares are computed once, counts per scrape. */
export class FleetSeries {
  private readonly components: FleetComponent[];
  private readonly families: Family[];

  constructor(components: FleetComponent[], meshes: readonly Mesh[]) {
    this.components = components;
    this.families = [
      ...(meshes.includes('istio') ? istio(components) : []),
      ...(meshes.includes('linkerd') ? linkerd(components) : []),
    ];
  }

  expose(elapsedS: number): string {
    const counts = this.components.map(c => {
      const { ok, failed } = servedAt(c, elapsedS);
      return { ok, failed, total: ok + failed };
    });
    const parts: string[] = [];
    for (const f of this.families) {
      parts.push(f.header);
      for (const l of f.lines) {
        const n = counts[l.component][l.of] * l.factor;
        parts.push(
          `${l.prefix}${l.sum ? Math.round(n * 1000) / 1000 : Math.floor(n)}`,
        );
      }
    }
    return `${parts.join('\n')}\n`;
  }
}

export function fleetExposition(
  components: FleetComponent[],
  meshes: readonly Mesh[],
  elapsedS: number,
): string {
  return new FleetSeries(components, meshes).expose(elapsedS);
}
