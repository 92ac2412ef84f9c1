import {
  LogLevel,
  LogLine,
} from '@paved-road/backstage-plugin-platform-common';
import { LokiStream } from '@paved-road/backstage-plugin-platform-node';

// A Map, not an object literal: a line saying `level=constructor` or `"level":"__proto__"` must not find
// Object.prototype's members.
const LEVELS = new Map<string, LogLevel>(
  Object.entries({
    trace: 'trace',
    debug: 'debug',
    dbg: 'debug',
    info: 'info',
    information: 'info',
    notice: 'info',
    warn: 'warn',
    warning: 'warn',
    error: 'error',
    err: 'error',
    fatal: 'fatal',
    critical: 'fatal',
    crit: 'fatal',
    panic: 'fatal',
    emergency: 'fatal',
  } satisfies Record<string, LogLevel>),
);

const LEVEL_KEYS = ['level', 'lvl', 'severity', 'loglevel', 'detected_level'];
const TRACE_KEYS = ['trace_id', 'traceId', 'traceID', 'trace-id', 'traceid'];
const TRACE_ID = /^[0-9a-fA-F]{16,32}$/;
const LOGFMT_PAIR = /(?:^|\s)([A-Za-z_][\w.-]*)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/g;

/** Normalises a level word (`WARNING`, `err`, `30`...) to the wire level. */
export function normaliseLevel(value: unknown): LogLevel | undefined {
  if (typeof value === 'number') {
    // pino / bunyan numeric levels
    if (value >= 60) return 'fatal';
    if (value >= 50) return 'error';
    if (value >= 40) return 'warn';
    if (value >= 30) return 'info';
    if (value >= 20) return 'debug';
    return 'trace';
  }
  return typeof value === 'string'
    ? LEVELS.get(value.trim().toLowerCase())
    : undefined;
}

/** Fields of a JSON object line or a logfmt line; empty for anything else. */
export function lineFields(line: string): Record<string, unknown> {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return parsed as Record<string, unknown>;
      }
    } catch {
      // not JSON after all: try logfmt
    }
  }
  const fields: Record<string, unknown> = {};
  for (const match of trimmed.matchAll(LOGFMT_PAIR)) {
    fields[match[1]] =
      match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3];
  }
  return fields;
}

function pick<T>(
  sources: Array<Record<string, unknown>>,
  keys: string[],
  read: (v: unknown) => T | undefined,
): T | undefined {
  for (const source of sources) {
    for (const key of keys) {
      const value = read(source[key]);
      if (value !== undefined) {
        return value;
      }
    }
  }
  return undefined;
}

/**
 * One Loki entry -> wire line, with level and trace id read from the line first, then structured metadata, then
 * the stream labels. Structured metadata (the categorize-labels encoding of Loki 3) stays apart from the labels.
 */
export function toLogLine(
  stream: Record<string, string>,
  entry: LokiStream['values'][number],
): LogLine {
  const [timestampNs, line] = entry;
  const structuredMetadata =
    entry.length === 3 ? entry[2].structuredMetadata ?? {} : {};
  const parsed = entry.length === 3 ? entry[2].parsed ?? {} : {};
  const fields = lineFields(line);
  const sources = [fields, structuredMetadata, parsed, stream];
  const level = pick(sources, LEVEL_KEYS, normaliseLevel) ?? 'unknown';
  const traceId = pick(sources, TRACE_KEYS, v =>
    typeof v === 'string' && TRACE_ID.test(v) ? v.toLowerCase() : undefined,
  );
  return {
    timestampNs,
    line,
    level,
    ...(traceId ? { traceId: traceId.padStart(32, '0') } : {}),
    labels: { ...stream, ...parsed },
    ...(Object.keys(structuredMetadata).length > 0
      ? { structuredMetadata: { ...structuredMetadata } }
      : {}),
  };
}

/** Flattens streams into lines ordered by time (newest first for `backward`). */
export function flattenStreams(
  streams: LokiStream[],
  direction: 'backward' | 'forward',
): LogLine[] {
  const lines = streams.flatMap(stream =>
    stream.values.map(entry => toLogLine(stream.stream, entry)),
  );
  const sign = direction === 'backward' ? -1 : 1;
  return lines.sort((a, b) => {
    const diff = BigInt(a.timestampNs) - BigInt(b.timestampNs);
    if (diff === 0n) return 0;
    return diff > 0n ? sign : -sign;
  });
}
