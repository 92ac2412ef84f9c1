/**
 * What Tempo's metrics-generator (processor `service-graphs`) makes of the demo's spans: a CLIENT span and the
 * SERVER span whose parent it is form one edge `client -> server`; a root SERVER span (no client can pair with
 * it) is an edge from the virtual node `user` (`connection_type="virtual_node"`). Tempo records that edge when
 * the half expires, `wait` later; here it is recorded at once, so the counts are the same and the sandbox's
 * history (scaled from the first seconds) already has it. Unpaired non-root halves are dropped on expiry.
 * Series names, labels and default buckets as in grafana/tempo `modules/generator/processor/servicegraphs`.
 */
import { Registry } from './metrics.ts';

/** Tempo's default `histogram_buckets` for the service graph (seconds): 0.1 * 2^n, n = 0..7. */
export const SERVICE_GRAPH_BUCKETS_S = [
  0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8,
];

/** OTLP span kinds the processor pairs. */
export const SPAN_KIND_SERVER = 2;
export const SPAN_KIND_CLIENT = 3;

export interface GraphSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  kind: number;
  startNs: bigint;
  endNs: bigint;
  /** span status ERROR */
  error?: unknown;
}

interface Edge {
  client?: string;
  server?: string;
  clientSeconds: number;
  serverSeconds: number;
  failed: boolean;
  expiresAt: number;
}

export class ServiceGraphProcessor {
  readonly registry = new Registry();
  private readonly total = this.registry.counter(
    'traces_service_graph_request_total',
    'Total count of requests between two nodes',
  );
  private readonly failed = this.registry.counter(
    'traces_service_graph_request_failed_total',
    'Total count of failed requests between two nodes',
  );
  private readonly serverSeconds = this.registry.histogram(
    'traces_service_graph_request_server_seconds',
    'Time for a request between two nodes as seen from the server',
    SERVICE_GRAPH_BUCKETS_S,
  );
  private readonly clientSeconds = this.registry.histogram(
    'traces_service_graph_request_client_seconds',
    'Time for a request between two nodes as seen from the client',
    SERVICE_GRAPH_BUCKETS_S,
  );
  private readonly edges = new Map<string, Edge>();
  private readonly waitMs: number;
  private readonly maxItems: number;
  private timer?: NodeJS.Timeout;

  /** `waitMs`: how long half an edge waits for its other half (Tempo's `wait`, default 10 s). */
  constructor(o: { waitMs?: number; maxItems?: number } = {}) {
    this.waitMs = o.waitMs ?? 10_000;
    this.maxItems = o.maxItems ?? 10_000;
  }

  /** Expires unpaired halves every 2 s, as the processor's ticker does. */
  start(): void {
    this.timer ??= setInterval(() => this.expire(), 2000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  push(span: GraphSpan, now = Date.now()): void {
    const isClient = span.kind === SPAN_KIND_CLIENT;
    if (!isClient && span.kind !== SPAN_KIND_SERVER) return;
    if (!isClient && !span.parentSpanId) {
      this.complete(
        {
          client: 'user',
          server: span.service,
          clientSeconds: 0,
          serverSeconds: Number(span.endNs - span.startNs) / 1e9,
          failed: Boolean(span.error),
          expiresAt: now,
        },
        'virtual_node',
      );
      return;
    }
    const key = `${span.traceId}-${
      isClient ? span.spanId : span.parentSpanId ?? ''
    }`;
    let edge = this.edges.get(key);
    if (!edge) {
      if (this.edges.size >= this.maxItems) return;
      edge = {
        clientSeconds: 0,
        serverSeconds: 0,
        failed: false,
        expiresAt: now + this.waitMs,
      };
      this.edges.set(key, edge);
    }
    const seconds = Number(span.endNs - span.startNs) / 1e9;
    if (isClient) {
      edge.client = span.service;
      edge.clientSeconds = seconds;
    } else {
      edge.server = span.service;
      edge.serverSeconds = seconds;
    }
    edge.failed ||= Boolean(span.error);
    if (edge.client !== undefined && edge.server !== undefined) {
      this.edges.delete(key);
      this.complete(edge, '');
    }
  }

  /** Drops the halves that waited too long for their other half. */
  expire(now = Date.now()): void {
    for (const [key, edge] of this.edges)
      if (edge.expiresAt <= now) this.edges.delete(key);
  }

  /** Halves waiting for their other half. */
  get pending(): number {
    return this.edges.size;
  }

  private complete(edge: Edge, connectionType: string): void {
    // An empty connection_type is what Tempo writes for a plain request; Prometheus stores no label for it.
    const labels = {
      client: edge.client as string,
      server: edge.server as string,
      connection_type: connectionType,
    };
    this.total.inc(labels);
    if (edge.failed) this.failed.inc(labels);
    this.serverSeconds.observe(labels, edge.serverSeconds);
    this.clientSeconds.observe(labels, edge.clientSeconds);
  }
}
