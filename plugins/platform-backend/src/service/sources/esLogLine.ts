import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import { EsHit, EsLogFields } from '@paved-road/backstage-plugin-platform-node';
import { normaliseLevel } from './logLine';

const TRACE_ID = /^[0-9a-fA-F]{16,32}$/;
const ISO_FRACTION = /\.(\d+)(?=Z|[+-]\d\d:?\d\d$)/;

/**
 * A field of `_source` by its dotted name, whether the document nests it (`{"log":{"level":…}}`) or keeps the
 * dots in the key (`{"log.level":…}`), or mixes both as Elasticsearch allows.
 */
export function sourceField(
  source: Record<string, unknown> | undefined,
  name: string,
): unknown {
  if (!source) return undefined;
  if (Object.prototype.hasOwnProperty.call(source, name)) return source[name];
  const parts = name.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const head = parts.slice(0, i).join('.');
    if (Object.prototype.hasOwnProperty.call(source, head)) {
      const inner = source[head];
      if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
        const found = sourceField(
          inner as Record<string, unknown>,
          parts.slice(i).join('.'),
        );
        if (found !== undefined) return found;
      }
    }
  }
  return undefined;
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value) && value.length > 0) return scalar(value[0]);
  return undefined;
}

function messageText(message: unknown): string {
  if (typeof message === 'string') return message;
  return message === undefined ? '' : JSON.stringify(message);
}

/** Unix ns of a hit: the `_source` timestamp keeps sub-millisecond digits that the sort value (ms) drops. */
function timestampNs(hit: EsHit, raw: unknown): string | undefined {
  if (typeof raw === 'string') {
    const ms = Date.parse(raw);
    if (Number.isFinite(ms)) {
      const fraction = ISO_FRACTION.exec(raw)?.[1] ?? '';
      const subMs = fraction.slice(3, 9).padEnd(6, '0');
      const wholeMs = Math.floor(ms);
      return (BigInt(wholeMs) * 1_000_000n + BigInt(subMs)).toString();
    }
  }
  if (typeof raw === 'number' && Number.isSafeInteger(raw))
    return (BigInt(raw) * 1_000_000n).toString();
  const sorted = hit.sort?.[0];
  if (typeof sorted === 'number' && Number.isSafeInteger(sorted))
    return (BigInt(sorted) * 1_000_000n).toString();
  return undefined;
}

/**
 * One hit as a wire log line: the message field is the line, the level and trace id come from their fields
 * (the same normalisation as Loki's lines), and the service, namespace and index become its labels. A hit
 * without a readable timestamp is dropped (undefined).
 */
export function esHitToLogLine(
  hit: EsHit,
  fields: EsLogFields,
): LogLine | undefined {
  const source = hit._source;
  const ts = timestampNs(hit, sourceField(source, fields.timestamp));
  if (ts === undefined) return undefined;
  const line = messageText(sourceField(source, fields.message));
  const levelValue = sourceField(source, fields.level);
  const level =
    normaliseLevel(Array.isArray(levelValue) ? levelValue[0] : levelValue) ??
    'unknown';
  const trace = scalar(sourceField(source, fields.traceId));
  const labels: Record<string, string> = { _index: hit._index };
  for (const role of ['service', 'namespace'] as const) {
    const value = scalar(sourceField(source, fields[role]));
    if (value !== undefined) labels[fields[role]] = value;
  }
  return {
    timestampNs: ts,
    line,
    level,
    ...(trace && TRACE_ID.test(trace)
      ? { traceId: trace.toLowerCase().padStart(32, '0') }
      : {}),
    labels,
  };
}
