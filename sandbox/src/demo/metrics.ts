/** Minimal Prometheus client: counters and histograms kept in memory, text exposition format 0.0.4. */

type Labels = Record<string, string>;

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

export const ISTIO_DURATION_BUCKETS_MS = [
  1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000,
  300000, 600000, 1800000, 3600000,
];
export const SPANMETRICS_BUCKETS_S = [
  0.002, 0.004, 0.006, 0.008, 0.01, 0.05, 0.1, 0.2, 0.4, 0.8, 1, 1.4, 2, 5, 10,
  15,
];

/** The series one service's sidecar (Istio) and the span-metrics connector would expose. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests = this.registry.counter(
    'istio_requests_total',
    'Total requests (Istio standard metric, reporter=destination).',
  );
  readonly duration = this.registry.histogram(
    'istio_request_duration_milliseconds',
    'Request duration in milliseconds (Istio standard metric).',
    ISTIO_DURATION_BUCKETS_MS,
  );
  readonly calls = this.registry.counter(
    'traces_spanmetrics_calls_total',
    'Span calls (span-metrics connector).',
  );
  readonly latency = this.registry.histogram(
    'traces_spanmetrics_latency',
    'Span latency in seconds (span-metrics connector).',
    SPANMETRICS_BUCKETS_S,
  );
  private readonly workload: string;
  private readonly namespace: string;

  constructor(workload: string, namespace: string) {
    this.workload = workload;
    this.namespace = namespace;
  }

  record(o: {
    source: string;
    status: number;
    durationMs: number;
    error: boolean;
  }): void {
    const labels = {
      reporter: 'destination',
      source_workload: o.source,
      destination_workload: this.workload,
      destination_workload_namespace: this.namespace,
      destination_service_name: this.workload,
      response_code: String(o.status),
      request_protocol: 'http',
    };
    this.requests.inc(labels);
    this.duration.observe(labels, o.durationMs);
    const span = { service_name: this.workload, span_kind: 'SPAN_KIND_SERVER' };
    this.calls.inc({
      ...span,
      status_code: o.error ? 'STATUS_CODE_ERROR' : 'STATUS_CODE_UNSET',
    });
    this.latency.observe(span, o.durationMs / 1000);
  }
}
