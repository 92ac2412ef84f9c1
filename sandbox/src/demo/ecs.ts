/**
 * login-js's logs as a Filebeat/Elastic Agent pipeline would index them: ECS fields (`@timestamp`, `message`,
 * `log.level`, `service.name`, `kubernetes.namespace`, `trace.id`, `span.id`, ...) in a daily index
 * `logs-<namespace>-YYYY.MM.DD`, shipped with `_bulk`. The same lines still go to Loki, so each stack can be
 * compared on the same traffic.
 */
import type { LogLine } from './telemetry.ts';

const ES_SERVICES = new Set(['login-js']);

export function shipsToElasticsearch(service: string): boolean {
  return ES_SERVICES.has(service);
}

export function ecsIndex(namespace: string, tsMs: number): string {
  return `logs-${namespace}-${new Date(tsMs)
    .toISOString()
    .slice(0, 10)
    .replace(/-/g, '.')}`;
}

export function ecsDocument(l: LogLine): {
  index: string;
  source: Record<string, unknown>;
} {
  const tsMs = Number(l.tsNs / 1_000_000n);
  const f = l.fields;
  const source: Record<string, unknown> = {
    '@timestamp': new Date(tsMs).toISOString(),
    message: String(f.msg ?? ''),
    log: { level: l.level },
    service: { name: l.service },
    kubernetes: {
      namespace: l.namespace,
      pod: { name: `${l.service}-7d9f8b6c4-x2k9q` },
    },
    ...(typeof f.trace_id === 'string'
      ? { trace: { id: f.trace_id.padStart(32, '0') } }
      : {}),
    ...(typeof f.span_id === 'string' ? { span: { id: f.span_id } } : {}),
    ...(typeof f.method === 'string'
      ? {
          http: {
            request: { method: f.method },
            response: { status_code: f.status },
          },
        }
      : {}),
    ...(typeof f.path === 'string' ? { url: { path: f.path } } : {}),
    ...(typeof f.duration_ms === 'number'
      ? {
          event: {
            duration: Math.round(f.duration_ms * 1e6),
            dataset: `${l.service}.log`,
          },
        }
      : {}),
  };
  return { index: ecsIndex(l.namespace, tsMs), source };
}

/** `_bulk` NDJSON: a `create` action line and the document, per log line. */
export function bulkBody(lines: LogLine[]): string {
  return lines
    .map(l => {
      const d = ecsDocument(l);
      return `${JSON.stringify({
        create: { _index: d.index },
      })}\n${JSON.stringify(d.source)}\n`;
    })
    .join('');
}
