/** Batches demo logs and spans and ships them over HTTP to the Loki and Tempo simulators. */
import { bulkBody, shipsToElasticsearch } from './ecs.ts';
import { lokiPushBody, otlpTraceBody } from './shapes.ts';

export interface LogLine {
  service: string;
  namespace: string;
  level: 'info' | 'warn' | 'error';
  tsNs: bigint;
  fields: Record<string, unknown>;
}

export interface SpanRecord {
  service: string;
  namespace: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: { key: string; value: Record<string, unknown> }[];
  error?: string;
}

export class TelemetryShipper {
  private logs: LogLine[] = [];
  private esLogs: LogLine[] = [];
  private spans: SpanRecord[] = [];
  private timer?: NodeJS.Timeout;
  private readonly lokiUrl?: string;
  private readonly tempoUrl?: string;
  private readonly elasticsearch?: { url: string; authorization: string };
  private inflight: Promise<unknown> = Promise.resolve();

  constructor(o: {
    lokiUrl?: string;
    tempoUrl?: string;
    elasticsearch?: { url: string; authorization: string };
    flushMs: number;
  }) {
    this.lokiUrl = o.lokiUrl;
    this.elasticsearch = o.elasticsearch;
    this.tempoUrl = o.tempoUrl;
    this.timer = setInterval(() => {
      this.inflight = this.flush();
    }, o.flushMs);
  }

  log(l: LogLine): void {
    if (this.lokiUrl) this.logs.push(l);
    if (this.elasticsearch && shipsToElasticsearch(l.service))
      this.esLogs.push(l);
  }

  span(s: SpanRecord): void {
    if (this.tempoUrl) this.spans.push(s);
  }

  async flush(): Promise<void> {
    const logs = this.logs;
    const spans = this.spans;
    const esLogs = this.esLogs;
    this.esLogs = [];
    this.logs = [];
    this.spans = [];
    const jobs: Promise<unknown>[] = [];
    if (logs.length && this.lokiUrl) {
      jobs.push(
        fetch(`${this.lokiUrl}/loki/api/v1/push`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(lokiPushBody(logs)),
          signal: AbortSignal.timeout(5000),
        }).catch(() => undefined),
      );
    }
    if (esLogs.length && this.elasticsearch) {
      jobs.push(
        fetch(`${this.elasticsearch.url}/_bulk`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-ndjson',
            Authorization: this.elasticsearch.authorization,
          },
          body: bulkBody(esLogs),
          signal: AbortSignal.timeout(5000),
        }).catch(() => undefined),
      );
    }
    if (spans.length && this.tempoUrl) {
      jobs.push(
        fetch(`${this.tempoUrl}/v1/traces`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(otlpTraceBody(spans)),
          signal: AbortSignal.timeout(5000),
        }).catch(() => undefined),
      );
    }
    await Promise.all(jobs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.inflight;
    await this.flush();
  }
}
