/** Batches demo logs and spans and ships them over HTTP to the Loki and Tempo simulators. */

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
  private spans: SpanRecord[] = [];
  private timer?: NodeJS.Timeout;
  private readonly lokiUrl?: string;
  private readonly tempoUrl?: string;
  private inflight: Promise<unknown> = Promise.resolve();

  constructor(o: { lokiUrl?: string; tempoUrl?: string; flushMs: number }) {
    this.lokiUrl = o.lokiUrl;
    this.tempoUrl = o.tempoUrl;
    this.timer = setInterval(() => {
      this.inflight = this.flush();
    }, o.flushMs);
  }

  log(l: LogLine): void {
    if (this.lokiUrl) this.logs.push(l);
  }

  span(s: SpanRecord): void {
    if (this.tempoUrl) this.spans.push(s);
  }

  async flush(): Promise<void> {
    const logs = this.logs;
    const spans = this.spans;
    this.logs = [];
    this.spans = [];
    const jobs: Promise<unknown>[] = [];
    if (logs.length && this.lokiUrl) {
      const streams = new Map<string, { stream: Record<string, string>; values: [string, string][] }>();
      for (const l of logs) {
        const key = `${l.namespace}/${l.service}/${l.level}`;
        let s = streams.get(key);
        if (!s) {
          s = { stream: { namespace: l.namespace, app: l.service, level: l.level }, values: [] };
          streams.set(key, s);
        }
        s.values.push([l.tsNs.toString(), JSON.stringify(l.fields)]);
      }
      jobs.push(fetch(`${this.lokiUrl}/loki/api/v1/push`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ streams: [...streams.values()] }), signal: AbortSignal.timeout(5000) }).catch(() => undefined));
    }
    if (spans.length && this.tempoUrl) {
      const byService = new Map<string, SpanRecord[]>();
      for (const s of spans) {
        const list = byService.get(s.service) ?? [];
        list.push(s);
        byService.set(s.service, list);
      }
      const resourceSpans = [...byService.entries()].map(([service, list]) => ({
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }, { key: 'k8s.namespace.name', value: { stringValue: list[0].namespace } }] },
        scopeSpans: [{
          scope: { name: 'sandbox-demo', version: '1' },
          spans: list.map(s => ({
            traceId: s.traceId,
            spanId: s.spanId,
            ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
            name: s.name,
            kind: s.kind,
            startTimeUnixNano: s.startNs.toString(),
            endTimeUnixNano: s.endNs.toString(),
            attributes: s.attributes,
            status: s.error ? { code: 2, message: s.error } : {},
          })),
        }],
      }));
      jobs.push(fetch(`${this.tempoUrl}/v1/traces`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ resourceSpans }), signal: AbortSignal.timeout(5000) }).catch(() => undefined));
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
