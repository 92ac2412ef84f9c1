/** Tempo's JSON shapes: trace-by-id (`batches` / v2 `resourceSpans`) and search hits. */
import { hexToBase64, trimHex } from './ids.ts';
import {
  allSpans,
  KIND_NAMES,
  serviceNameOf,
  STATUS_NAMES,
  type Batch,
  type Span,
  type Trace,
} from './store.ts';
import {
  shownAttribute,
  type SpanCtx,
  type TraceInfo,
} from './traceql/evaluate.ts';
import type { AttributeRef } from './traceql/ast.ts';
import { compare } from '../order.ts';

export function renderSpan(s: Span): Record<string, unknown> {
  const out: Record<string, unknown> = {
    traceId: hexToBase64(s.traceId),
    spanId: hexToBase64(s.spanId),
  };
  if (s.parentSpanId) out.parentSpanId = hexToBase64(s.parentSpanId);
  out.name = s.name;
  if (s.kind) out.kind = KIND_NAMES[s.kind];
  out.startTimeUnixNano = s.start.toString();
  out.endTimeUnixNano = s.end.toString();
  if (s.attributes.length) out.attributes = s.attributes;
  if (s.events.length) out.events = s.events;
  const status: Record<string, unknown> = {};
  if (s.status.message) status.message = s.status.message;
  if (s.status.code) status.code = STATUS_NAMES[s.status.code];
  out.status = status;
  return out;
}

export function renderBatches(t: Trace): Record<string, unknown>[] {
  return t.batches.map((b: Batch) => ({
    resource: b.resource.attributes.length
      ? { attributes: b.resource.attributes }
      : {},
    scopeSpans: b.scopeSpans.map(sc => ({
      scope: sc.scope,
      spans: sc.spans.map(renderSpan),
    })),
  }));
}

export function traceStart(t: Trace): bigint {
  let min: bigint | undefined;
  for (const { span } of allSpans(t))
    if (min === undefined || span.start < min) min = span.start;
  return min ?? 0n;
}

export function traceEnd(t: Trace): bigint {
  let max = 0n;
  for (const { span } of allSpans(t)) if (span.end > max) max = span.end;
  return max;
}

/** One entry of `/api/search`'s `traces`, zero/empty fields omitted. */
export function searchHit(
  t: Trace,
  info: TraceInfo,
  matched: SpanCtx[],
  refs: AttributeRef[],
  spss: number,
): Record<string, unknown> {
  const hit: Record<string, unknown> = { traceID: trimHex(t.id) };
  hit.rootServiceName = info.rootServiceName ?? '<root span not yet received>';
  if (info.rootName) hit.rootTraceName = info.rootName;
  const start = traceStart(t);
  if (start > 0n) hit.startTimeUnixNano = start.toString();
  const durationMs = Math.floor(info.durationNs / 1e6);
  if (durationMs > 0) hit.durationMs = durationMs;
  const sorted = [...matched].sort((a, b) =>
    compare(a.span.start, b.span.start),
  );
  const spans = sorted.slice(0, spss).map(ctx => {
    const s: Record<string, unknown> = {
      spanID: ctx.span.spanId,
      startTimeUnixNano: ctx.span.start.toString(),
    };
    const dur = ctx.span.end - ctx.span.start;
    if (dur > 0n) s.durationNanos = dur.toString();
    const attrs = refs
      .map(r => shownAttribute(ctx, r))
      .filter((a): a is NonNullable<typeof a> => a !== undefined);
    if (attrs.length) s.attributes = attrs;
    return s;
  });
  const spanSet = { spans, matched: matched.length };
  hit.spanSet = spanSet;
  hit.spanSets = [spanSet];
  const stats: Record<string, { spanCount: number; errorCount?: number }> = {};
  for (const { span, batch } of allSpans(t)) {
    const svc = serviceNameOf(batch) ?? '';
    const st = (stats[svc] = stats[svc] ?? { spanCount: 0 });
    st.spanCount++;
    if (span.status.code === 2) st.errorCount = (st.errorCount ?? 0) + 1;
  }
  const ordered: typeof stats = {};
  for (const k of Object.keys(stats).sort()) ordered[k] = stats[k];
  hit.serviceStats = ordered;
  return hit;
}
