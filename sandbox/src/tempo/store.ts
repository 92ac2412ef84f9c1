/** Traces received over OTLP/JSON, kept in OTLP shape (resource -> scope -> spans). */
import { compare } from '../order.ts';
import { otlpIdToHex, TraceIdError } from './ids.ts';

export type AnyValue =
  | { stringValue: string }
  | { intValue: string }
  | { doubleValue: number }
  | { boolValue: boolean }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } }
  | { bytesValue: string };

export interface KeyValue {
  key: string;
  value: AnyValue;
}

export interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  start: bigint;
  end: bigint;
  attributes: KeyValue[];
  status: { code: number; message?: string };
  events: unknown[];
}

export interface ScopeSpans {
  scope: { name?: string; version?: string };
  spans: Span[];
}

export interface Batch {
  resource: { attributes: KeyValue[] };
  scopeSpans: ScopeSpans[];
}

export interface Trace {
  id: string;
  batches: Batch[];
  bytes: number;
  /** the block the trace was first written to (ingestion time / BLOCK_NS): search reads blocks oldest first */
  block: bigint;
  /** the time range a windowed search sees: span times, or the ingestion time for spans outside the slack */
  searchStart: bigint;
  searchEnd: bigint;
}

/**
 * Tempo's `ingestion_time_range_slack` (2m): a span whose times are further than this from the moment it is
 * ingested is indexed at the ingestion time, so a search over a narrow window around its real start misses it.
 */
export const INGESTION_SLACK_NS = 120_000_000_000n;
/** How long the simulated ingester appends to one block before cutting the next. */
export const BLOCK_NS = 60_000_000_000n;

export const KIND_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
];
export const STATUS_NAMES = [
  'STATUS_CODE_UNSET',
  'STATUS_CODE_OK',
  'STATUS_CODE_ERROR',
];

export class OtlpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OtlpError';
  }
}

function normValue(v: unknown, path: string): AnyValue {
  if (v === null || typeof v !== 'object')
    throw new OtlpError(`${path}: value must be an object`);
  const o = v as Record<string, unknown>;
  if (typeof o.stringValue === 'string') return { stringValue: o.stringValue };
  if (o.intValue !== undefined) {
    const s = String(o.intValue);
    if (!/^-?\d+$/.test(s))
      throw new OtlpError(`${path}: intValue must be an integer`);
    return { intValue: s };
  }
  if (o.doubleValue !== undefined) {
    const n = Number(o.doubleValue);
    if (Number.isNaN(n))
      throw new OtlpError(`${path}: doubleValue must be a number`);
    return { doubleValue: n };
  }
  if (typeof o.boolValue === 'boolean') return { boolValue: o.boolValue };
  if (o.arrayValue && typeof o.arrayValue === 'object') {
    const vals = (o.arrayValue as { values?: unknown[] }).values ?? [];
    return {
      arrayValue: { values: vals.map((x, i) => normValue(x, `${path}[${i}]`)) },
    };
  }
  if (o.kvlistValue && typeof o.kvlistValue === 'object') {
    return {
      kvlistValue: {
        values: normAttrs((o.kvlistValue as { values?: unknown }).values, path),
      },
    };
  }
  if (typeof o.bytesValue === 'string') return { bytesValue: o.bytesValue };
  return { stringValue: '' };
}

function normAttrs(v: unknown, path: string): KeyValue[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v))
    throw new OtlpError(`${path}: attributes must be an array`);
  return v.map((kv, i) => {
    if (
      !kv ||
      typeof kv !== 'object' ||
      typeof (kv as KeyValue).key !== 'string'
    )
      throw new OtlpError(`${path}[${i}]: key is required`);
    return {
      key: (kv as KeyValue).key,
      value: normValue(
        (kv as { value?: unknown }).value ?? {},
        `${path}[${i}].value`,
      ),
    };
  });
}

function enumValue(v: unknown, names: string[], field: string): number {
  if (v === undefined || v === null) return 0;
  if (
    typeof v === 'number' &&
    Number.isInteger(v) &&
    v >= 0 &&
    v < names.length
  )
    return v;
  if (typeof v === 'string') {
    const i = names.indexOf(v);
    if (i >= 0) return i;
    if (/^\d+$/.test(v) && Number(v) < names.length) return Number(v);
  }
  throw new OtlpError(`invalid ${field}: ${JSON.stringify(v)}`);
}

function nanos(v: unknown, field: string): bigint {
  if (typeof v === 'string' && /^\d+$/.test(v)) return BigInt(v);
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)
    return BigInt(v);
  throw new OtlpError(`invalid ${field}: ${JSON.stringify(v)}`);
}

/** Validates an OTLP/JSON ExportTraceServiceRequest and returns batches per trace id. */
export function parseOtlp(body: unknown): Map<string, Batch[]> {
  if (!body || typeof body !== 'object')
    throw new OtlpError(
      'request body must be an ExportTraceServiceRequest object',
    );
  const rs = (body as { resourceSpans?: unknown }).resourceSpans;
  if (rs !== undefined && !Array.isArray(rs))
    throw new OtlpError('resourceSpans must be an array');
  const byTrace = new Map<string, Batch[]>();
  (rs ?? []).forEach((r: any, ri: number) => {
    const resource = {
      attributes: normAttrs(
        r?.resource?.attributes,
        `resourceSpans[${ri}].resource.attributes`,
      ),
    };
    const scopes = r?.scopeSpans ?? r?.instrumentationLibrarySpans ?? [];
    if (!Array.isArray(scopes))
      throw new OtlpError(`resourceSpans[${ri}].scopeSpans must be an array`);
    scopes.forEach((ss: any, si: number) => {
      const scopeRaw = ss?.scope ?? ss?.instrumentationLibrary ?? {};
      const scope: ScopeSpans['scope'] = {};
      if (typeof scopeRaw.name === 'string' && scopeRaw.name)
        scope.name = scopeRaw.name;
      if (typeof scopeRaw.version === 'string' && scopeRaw.version)
        scope.version = scopeRaw.version;
      const spans = ss?.spans ?? [];
      if (!Array.isArray(spans))
        throw new OtlpError(
          `resourceSpans[${ri}].scopeSpans[${si}].spans must be an array`,
        );
      spans.forEach((s: any, k: number) => {
        const p = `resourceSpans[${ri}].scopeSpans[${si}].spans[${k}]`;
        let traceId: string;
        let spanId: string;
        let parentSpanId: string | undefined;
        try {
          traceId = otlpIdToHex(s?.traceId, 16, `${p}.traceId`);
          spanId = otlpIdToHex(s?.spanId, 8, `${p}.spanId`);
          if (s?.parentSpanId)
            parentSpanId = otlpIdToHex(s.parentSpanId, 8, `${p}.parentSpanId`);
        } catch (e) {
          if (e instanceof TraceIdError) throw new OtlpError(e.message);
          throw e;
        }
        if (/^0+$/.test(traceId))
          throw new OtlpError(`${p}.traceId must not be all zeros`);
        const span: Span = {
          traceId,
          spanId,
          parentSpanId,
          name: typeof s.name === 'string' ? s.name : '',
          kind: enumValue(s.kind, KIND_NAMES, `${p}.kind`),
          start: nanos(s.startTimeUnixNano, `${p}.startTimeUnixNano`),
          end: nanos(s.endTimeUnixNano, `${p}.endTimeUnixNano`),
          attributes: normAttrs(s.attributes, `${p}.attributes`),
          status: {
            code: enumValue(s.status?.code, STATUS_NAMES, `${p}.status.code`),
            ...(typeof s.status?.message === 'string' && s.status.message
              ? { message: s.status.message }
              : {}),
          },
          events: Array.isArray(s.events) ? s.events : [],
        };
        let batches = byTrace.get(traceId);
        if (!batches) {
          batches = [];
          byTrace.set(traceId, batches);
        }
        let batch = batches.find(b => b.resource === resource);
        if (!batch) {
          batch = { resource, scopeSpans: [] };
          batches.push(batch);
        }
        let sc = batch.scopeSpans.find(x => x.scope === scope);
        if (!sc) {
          sc = { scope, spans: [] };
          batch.scopeSpans.push(sc);
        }
        sc.spans.push(span);
      });
    });
  });
  return byTrace;
}

export class TraceStore {
  private readonly traces = new Map<string, Trace>();
  private readonly maxTraces: number;

  constructor(maxTraces = 50_000) {
    this.maxTraces = maxTraces;
  }

  /** `ingestedNs` is "now" except for a back-dated history that the sandbox writes as if it had been running. */
  ingest(
    byTrace: Map<string, Batch[]>,
    ingestedNs: bigint = BigInt(Date.now()) * 1_000_000n,
  ): number {
    let spans = 0;
    for (const [id, batches] of byTrace) {
      let t = this.traces.get(id);
      if (!t) {
        t = {
          id,
          batches: [],
          bytes: 0,
          block: ingestedNs / BLOCK_NS,
          searchStart: -1n,
          searchEnd: -1n,
        };
        this.traces.set(id, t);
      }
      for (const b of batches) {
        t.batches.push(b);
        for (const sc of b.scopeSpans) {
          spans += sc.spans.length;
          for (const span of sc.spans) {
            const onTime =
              span.start >= ingestedNs - INGESTION_SLACK_NS &&
              span.end <= ingestedNs + INGESTION_SLACK_NS;
            const from = onTime ? span.start : ingestedNs;
            const to = onTime ? span.end : ingestedNs;
            if (t.searchStart < 0n || from < t.searchStart)
              t.searchStart = from;
            if (to > t.searchEnd) t.searchEnd = to;
          }
        }
        t.bytes += JSON.stringify(b, (_k, v) =>
          typeof v === 'bigint' ? v.toString() : v,
        ).length;
      }
    }
    while (this.traces.size > this.maxTraces) {
      const oldest = this.traces.keys().next().value as string;
      this.traces.delete(oldest);
    }
    return spans;
  }

  get(id: string): Trace | undefined {
    return this.traces.get(id);
  }

  all(): Trace[] {
    return [...this.traces.values()];
  }

  /** Traces in the order Tempo's search meets them: blocks oldest first, each block in descending trace id. */
  inSearchOrder(): Trace[] {
    return this.all().sort((a, b) =>
      a.block === b.block ? compare(b.id, a.id) : compare(a.block, b.block),
    );
  }
}

export function serviceNameOf(b: Batch): string | undefined {
  const kv = b.resource.attributes.find(a => a.key === 'service.name');
  return kv && 'stringValue' in kv.value ? kv.value.stringValue : undefined;
}

export function* allSpans(
  t: Trace,
): Generator<{ span: Span; batch: Batch; scope: ScopeSpans }> {
  for (const batch of t.batches)
    for (const scope of batch.scopeSpans)
      for (const span of scope.spans) yield { span, batch, scope };
}
