/** Minimal Prometheus client: counters and histograms kept in memory, text exposition format 0.0.4. */
import {
  INGRESS_GATEWAY,
  istioLabels,
  ISTIO_DURATION_BUCKETS_MS,
  OUTSIDE_MESH,
  type Workload,
} from './istio.ts';
import {
  linkerdRequestLabels,
  linkerdResponseLabels,
  LINKERD_LATENCY_BUCKETS_MS,
  type LinkerdRequest,
} from './linkerd.ts';

export type Labels = Record<string, string>;

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(l: Labels): string {
  const keys = Object.keys(l);
  if (!keys.length) return '';
  return `{${keys.map(k => `${k}="${escapeLabel(l[k])}"`).join(',')}}`;
}

function fmt(n: number): string {
  if (n === Infinity) return '+Inf';
  return String(n);
}

function keyOf(l: Labels): string {
  return JSON.stringify(
    Object.keys(l)
      .sort()
      .map(k => [k, l[k]]),
  );
}

export class Counter {
  readonly name: string;
  readonly help: string;
  private readonly values = new Map<
    string,
    { labels: Labels; value: number }
  >();
  constructor(name: string, help: string) {
    this.name = name;
    this.help = help;
  }
  inc(labels: Labels, by = 1): void {
    const k = keyOf(labels);
    const cur = this.values.get(k);
    if (cur) cur.value += by;
    else this.values.set(k, { labels: { ...labels }, value: by });
  }
  get(labels: Labels): number {
    return this.values.get(keyOf(labels))?.value ?? 0;
  }
  expose(): string {
    const lines = [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} counter`,
    ];
    for (const { labels, value } of this.values.values())
      lines.push(`${this.name}${labelText(labels)} ${fmt(value)}`);
    return lines.join('\n');
  }
}

export class Histogram {
  readonly name: string;
  readonly help: string;
  readonly buckets: number[];
  private readonly series = new Map<
    string,
    { labels: Labels; counts: number[]; sum: number; count: number }
  >();
  constructor(name: string, help: string, buckets: number[]) {
    this.name = name;
    this.help = help;
    this.buckets = [...buckets].sort((a, b) => a - b);
  }
  observe(labels: Labels, v: number): void {
    const k = keyOf(labels);
    let s = this.series.get(k);
    if (!s) {
      s = {
        labels: { ...labels },
        counts: this.buckets.map(() => 0),
        sum: 0,
        count: 0,
      };
      this.series.set(k, s);
    }
    this.buckets.forEach((b, i) => {
      if (v <= b) s.counts[i]++;
    });
    s.sum += v;
    s.count++;
  }
  expose(): string {
    const lines = [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} histogram`,
    ];
    for (const s of this.series.values()) {
      this.buckets.forEach((b, i) =>
        lines.push(
          `${this.name}_bucket${labelText({ ...s.labels, le: fmt(b) })} ${
            s.counts[i]
          }`,
        ),
      );
      lines.push(
        `${this.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${
          s.count
        }`,
      );
      lines.push(`${this.name}_sum${labelText(s.labels)} ${fmt(s.sum)}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines.join('\n');
  }
}

export class Registry {
  private readonly metrics: (Counter | Histogram)[] = [];
  counter(name: string, help: string): Counter {
    const c = new Counter(name, help);
    this.metrics.push(c);
    return c;
  }
  histogram(name: string, help: string, buckets: number[]): Histogram {
    const h = new Histogram(name, help, buckets);
    this.metrics.push(h);
    return h;
  }
  expose(): string {
    return `${this.metrics.map(m => m.expose()).join('\n')}\n`;
  }
}

export const SPANMETRICS_BUCKETS_S = [
  0.002, 0.004, 0.006, 0.008, 0.01, 0.05, 0.1, 0.2, 0.4, 0.8, 1, 1.4, 2, 5, 10,
  15,
];

/** The service meshes whose metrics the demo exposes. */
export type Mesh = 'istio' | 'linkerd';
export const MESHES: readonly Mesh[] = ['istio', 'linkerd'];

export interface DemoWorkload extends Workload {
  port: number;
}

/**
 * The series one demo pod exposes: its sidecar's (Istio's standard metrics and/or Linkerd's proxy metrics,
 * per `meshes`) and the span-metrics connector's for the spans it sends.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly self: DemoWorkload;
  private readonly meshes: ReadonlySet<Mesh>;
  private readonly istioRequests?: Counter;
  private readonly istioDuration?: Histogram;
  private readonly linkerdRequests?: Counter;
  private readonly linkerdResponses?: Counter;
  private readonly linkerdLatency?: Histogram;
  private readonly calls = this.registry.counter(
    'traces_spanmetrics_calls_total',
    'Span calls (span-metrics connector).',
  );
  private readonly latency = this.registry.histogram(
    'traces_spanmetrics_latency',
    'Span latency in seconds (span-metrics connector).',
    SPANMETRICS_BUCKETS_S,
  );

  constructor(self: DemoWorkload, meshes: Iterable<Mesh> = ['istio']) {
    this.self = self;
    this.meshes = new Set(meshes);
    if (this.meshes.has('istio')) {
      this.istioRequests = this.registry.counter(
        'istio_requests_total',
        'Total requests (Istio standard metric).',
      );
      this.istioDuration = this.registry.histogram(
        'istio_request_duration_milliseconds',
        'Request duration in milliseconds (Istio standard metric).',
        ISTIO_DURATION_BUCKETS_MS,
      );
    }
    if (this.meshes.has('linkerd')) {
      this.linkerdRequests = this.registry.counter(
        'request_total',
        'Total count of HTTP requests (Linkerd proxy).',
      );
      this.linkerdResponses = this.registry.counter(
        'response_total',
        'Total count of HTTP responses (Linkerd proxy).',
      );
      this.linkerdLatency = this.registry.histogram(
        'response_latency_ms',
        "Elapsed times between a request's headers being received and its response stream completing (Linkerd proxy).",
        LINKERD_LATENCY_BUCKETS_MS,
      );
    }
  }

  /** A request this pod served, from `source` (a workload, the ingress gateway or OUTSIDE_MESH). */
  inbound(o: { source: Workload; status: number; durationMs: number }): void {
    this.istio('destination', o.source, this.self, o.status, o.durationMs);
    // Under Linkerd the gateway and outside callers have no proxy: the request arrives without a client identity.
    const meshed =
      o.source.workload !== OUTSIDE_MESH.workload &&
      o.source.workload !== INGRESS_GATEWAY.workload;
    this.linkerd(
      {
        self: this.self,
        direction: 'inbound',
        peer: meshed ? o.source : undefined,
        port: this.self.port,
      },
      o.status,
      o.durationMs,
    );
  }

  /** A request this pod sent to `destination`, as its own sidecar saw it. */
  outbound(o: {
    destination: DemoWorkload;
    status: number;
    durationMs: number;
  }): void {
    this.istio('source', this.self, o.destination, o.status, o.durationMs);
    this.linkerd(
      {
        self: this.self,
        direction: 'outbound',
        peer: o.destination,
        port: o.destination.port,
      },
      o.status,
      o.durationMs,
    );
  }

  /** A span this pod sent (span-metrics connector dimensions). */
  span(o: {
    name: string;
    kind: 'SPAN_KIND_SERVER' | 'SPAN_KIND_CLIENT';
    error: boolean;
    durationMs: number;
  }): void {
    const labels = {
      service_name: this.self.workload,
      span_name: o.name,
      span_kind: o.kind,
    };
    this.calls.inc({
      ...labels,
      status_code: o.error ? 'STATUS_CODE_ERROR' : 'STATUS_CODE_UNSET',
    });
    this.latency.observe(labels, o.durationMs / 1000);
  }

  private istio(
    reporter: 'source' | 'destination',
    source: Workload,
    destination: Workload,
    status: number,
    durationMs: number,
  ): void {
    if (!this.istioRequests || !this.istioDuration) return;
    const labels = istioLabels({
      reporter,
      source,
      destination,
      responseCode: status,
    });
    this.istioRequests.inc(labels);
    this.istioDuration.observe(labels, durationMs);
  }

  private linkerd(r: LinkerdRequest, status: number, durationMs: number): void {
    if (!this.linkerdRequests || !this.linkerdResponses || !this.linkerdLatency)
      return;
    this.linkerdRequests.inc(linkerdRequestLabels(r));
    const labels = linkerdResponseLabels(r, status);
    this.linkerdResponses.inc(labels);
    this.linkerdLatency.observe(labels, durationMs);
  }
}
