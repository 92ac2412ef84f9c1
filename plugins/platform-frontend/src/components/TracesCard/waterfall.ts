import { TraceSpan } from '@paved-road/backstage-plugin-platform-common';

/** One span placed on the waterfall. */
export interface WaterfallRow {
  span: TraceSpan;
  depth: number;
  /** Start relative to the trace start, in milliseconds. */
  offsetMs: number;
  durationMs: number;
}

/** The spans of a trace in tree order (parents before children, siblings by start). */
export interface WaterfallLayout {
  rows: WaterfallRow[];
  totalMs: number;
  /** Services in order of first appearance, which fixes their colours. */
  services: string[];
  errorCount: number;
}

/**
 * Orders spans depth-first under their parents. A span whose parent is absent (not yet received, or
 * dropped by the sampler) becomes a root rather than disappearing; a parent cycle cannot loop forever.
 */
export function buildWaterfall(spans: TraceSpan[]): WaterfallLayout {
  if (spans.length === 0) {
    return { rows: [], totalMs: 0, services: [], errorCount: 0 };
  }
  // Nanosecond timestamps exceed 2^53, so differences are taken in BigInt.
  const starts = spans.map(s => BigInt(s.startTimeNs));
  let min = starts[0];
  for (const start of starts) if (start < min) min = start;
  const offsetNs = new Map<TraceSpan, number>();
  spans.forEach((s, i) => offsetNs.set(s, Number(starts[i] - min)));

  const byId = new Map(spans.map(s => [s.spanId, s]));
  const children = new Map<string | undefined, TraceSpan[]>();
  for (const span of spans) {
    const parent =
      span.parentSpanId &&
      byId.has(span.parentSpanId) &&
      span.parentSpanId !== span.spanId
        ? span.parentSpanId
        : undefined;
    const list = children.get(parent);
    if (list) list.push(span);
    else children.set(parent, [span]);
  }
  for (const list of children.values()) {
    list.sort((a, b) => offsetNs.get(a)! - offsetNs.get(b)!);
  }

  const rows: WaterfallRow[] = [];
  const visited = new Set<TraceSpan>();
  let endNs = 0;
  // Explicit stack: a 5,000-span chain would overflow recursion.
  const visit = (roots: TraceSpan[]) => {
    const stack: Array<[TraceSpan, number]> = roots
      .map(r => [r, 0] as [TraceSpan, number])
      .reverse();
    while (stack.length > 0) {
      const [span, depth] = stack.pop()!;
      if (visited.has(span)) continue;
      visited.add(span);
      const offset = offsetNs.get(span)!;
      endNs = Math.max(endNs, offset + span.durationNs);
      rows.push({
        span,
        depth,
        offsetMs: offset / 1e6,
        durationMs: span.durationNs / 1e6,
      });
      const kids = children.get(span.spanId) ?? [];
      for (let i = kids.length - 1; i >= 0; i--)
        stack.push([kids[i], depth + 1]);
    }
  };
  visit(children.get(undefined) ?? []);
  // Spans only reachable through a cycle have no root; show them at the top level.
  visit(spans.filter(s => !visited.has(s)));

  const services: string[] = [];
  const seen = new Set<string>();
  let errorCount = 0;
  for (const row of rows) {
    if (!seen.has(row.span.serviceName)) {
      seen.add(row.span.serviceName);
      services.push(row.span.serviceName);
    }
    if (row.span.status === 'error') errorCount++;
  }
  return { rows, totalMs: endNs / 1e6, services, errorCount };
}

const ERROR_HUE_MARGIN = 25;

/**
 * A colour per service index: hues spread by the golden angle at mid lightness. Reds are skipped because red
 * marks an error span. `useServiceColors` then adjusts the lightness to the theme's background.
 */
export function serviceColor(index: number): string {
  const hue = (210 + index * 137.508) % 360;
  const safeHue =
    hue < ERROR_HUE_MARGIN || hue > 360 - ERROR_HUE_MARGIN
      ? (hue + 2 * ERROR_HUE_MARGIN) % 360
      : hue;
  return `hsl(${Math.round(safeHue)}, 60%, 52%)`;
}
