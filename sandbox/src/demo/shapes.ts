/**
 * How the demo's logs and spans look on the wire. Logs come in the two shapes real senders use, so the product
 * is exercised on both every day:
 * - `json` (msa-nginx, a promtail/alloy-style shipper): a JSON line holding level and trace_id, `level` also
 *   a stream label;
 * - `otlp` (login-js, an OpenTelemetry SDK through a collector): the line is the bare message, the level only in
 *   structured metadata (`severity_text`, which Loki turns into `detected_level`) and the trace/span id only in
 *   structured metadata, as Loki stores OTLP logs.
 */
import type { LogLine, SpanRecord } from './telemetry.ts';

export type LogShape = 'json' | 'otlp';

const ZERO_HIGH = '0'.repeat(16);

/** A fifth of the demo's traces carry 64-bit ids (B3/Zipkin style): 32 hex digits whose first 16 are zeros. */
export function newTraceId(
  random: () => number,
  hex: (bytes: number) => string,
): string {
  return random() < 0.2 ? ZERO_HIGH + hex(8) : hex(16);
}

/** Apps with 64-bit trace ids log them in their 16-hex-digit form; OTLP always carries 32 digits. */
export function loggedTraceId(id: string): string {
  return id.length === 32 && id.startsWith(ZERO_HIGH) ? id.slice(16) : id;
}

const OTLP_SERVICES = new Set(['login-js']);

export function shapeOf(service: string): LogShape {
  return OTLP_SERVICES.has(service) ? 'otlp' : 'json';
}

export interface PushEntry {
  labels: Record<string, string>;
  ts: bigint;
  line: string;
  meta?: Record<string, string>;
}

export function toPushEntry(l: LogLine): PushEntry {
  if (shapeOf(l.service) === 'json') {
    return {
      labels: { namespace: l.namespace, app: l.service, level: l.level },
      ts: l.tsNs,
      line: JSON.stringify(l.fields),
    };
  }
  const meta: Record<string, string> = { severity_text: l.level.toUpperCase() };
  if (typeof l.fields.trace_id === 'string')
    meta.trace_id = l.fields.trace_id.padStart(32, '0');
  if (typeof l.fields.span_id === 'string') meta.span_id = l.fields.span_id;
  return {
    labels: { namespace: l.namespace, app: l.service },
    ts: l.tsNs,
    line: String(l.fields.msg ?? ''),
    meta,
  };
}

/** Loki push body: one stream per label set, values `[ts, line]` or `[ts, line, metadata]`. */
export function lokiPushBody(lines: LogLine[]): {
  streams: {
    stream: Record<string, string>;
    values: (string | Record<string, string>)[][];
  }[];
} {
  const streams = new Map<
    string,
    {
      stream: Record<string, string>;
      values: (string | Record<string, string>)[][];
    }
  >();
  for (const l of lines) {
    const e = toPushEntry(l);
    const key = JSON.stringify(e.labels);
    let s = streams.get(key);
    if (!s) {
      s = { stream: e.labels, values: [] };
      streams.set(key, s);
    }
    s.values.push(
      e.meta ? [e.ts.toString(), e.line, e.meta] : [e.ts.toString(), e.line],
    );
  }
  return { streams: [...streams.values()] };
}

/** OTLP/JSON ExportTraceServiceRequest for spans, one resource per service. */
export function otlpTraceBody(spans: SpanRecord[]): {
  resourceSpans: unknown[];
} {
  const byService = new Map<string, SpanRecord[]>();
  for (const s of spans) {
    const list = byService.get(s.service) ?? [];
    list.push(s);
    byService.set(s.service, list);
  }
  const resourceSpans = [...byService.entries()].map(([service, list]) => ({
    resource: {
      attributes: [
        { key: 'service.name', value: { stringValue: service } },
        {
          key: 'k8s.namespace.name',
          value: { stringValue: list[0].namespace },
        },
      ],
    },
    scopeSpans: [
      {
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
      },
    ],
  }));
  return { resourceSpans };
}
