/** A resolved time range in milliseconds. */
export interface TimeRange {
  startMs: number;
  endMs: number;
}

const RELATIVE = /^now(?:-(\d{1,6})([smhd]))?$/;
const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Reads `now`, `now-15m` or an ISO-8601 instant; undefined when it is neither. */
export function parseInstant(value: string, nowMs: number): number | undefined {
  const relative = RELATIVE.exec(value);
  if (relative) {
    return relative[1]
      ? nowMs - Number(relative[1]) * UNIT_MS[relative[2]]
      : nowMs;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    return undefined;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Resolves start/end (default: the last hour) and checks order and maximum span.
 * Returns a message saying what is allowed when the input is not acceptable.
 */
export function resolveRange(
  input: { start?: string; end?: string },
  nowMs: number,
  maxSpanMs: number,
): TimeRange | string {
  const endMs = input.end ? parseInstant(input.end, nowMs) : nowMs;
  const startMs = input.start
    ? parseInstant(input.start, nowMs)
    : (endMs ?? nowMs) - 3_600_000;
  if (endMs === undefined || startMs === undefined) {
    return 'start and end must be ISO-8601 instants (2026-01-01T00:00:00Z) or now / now-<n><s|m|h|d>';
  }
  if (startMs >= endMs) {
    return 'start must be before end';
  }
  if (endMs - startMs > maxSpanMs) {
    return `the range may span at most ${Math.round(
      maxSpanMs / 3_600_000,
    )} hours`;
  }
  return { startMs, endMs };
}

/**
 * Rounds a range to whole multiples of `stepMs`, so equal views share a cache key. The end rounds down for
 * metrics (no evaluation in the future) and up for logs (no line of the last step left out).
 */
export function alignRange(
  range: TimeRange,
  stepMs: number,
  end: 'floor' | 'ceil',
): TimeRange {
  const round = end === 'floor' ? Math.floor : Math.ceil;
  const endMs = round(range.endMs / stepMs) * stepMs;
  const startMs = Math.min(
    Math.floor(range.startMs / stepMs) * stepMs,
    endMs - stepMs,
  );
  return { startMs, endMs };
}
