import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import { parseLogFields } from './logFields';

/** What a collapsed row shows: the message, and the few fields worth a glance. */
export interface LogSummary {
  message: string;
  /** `[name, value]`, e.g. `['status', '503']`, `['duration', '12ms']`. */
  fields: Array<[string, string]>;
}

const MESSAGE_KEYS = ['msg', 'message', 'log', 'event', 'error.message'];
const GLANCE_KEYS: Array<[string, string[]]> = [
  [
    'status',
    [
      'status',
      'status_code',
      'statusCode',
      'http.status',
      'http.status_code',
      'response_code',
      'code',
    ],
  ],
  [
    'duration',
    [
      'duration',
      'duration_ms',
      'durationMs',
      'latency',
      'latency_ms',
      'elapsed',
      'took',
      'request_time',
    ],
  ],
  ['method', ['method', 'http.method']],
  ['path', ['path', 'url', 'uri', 'http.path', 'http.url']],
];

/** Loki 3 structured metadata of a line, when the backend sends it (a newer wire field). */
function structuredMetadata(line: LogLine): Record<string, string> {
  const metadata = (line as { structuredMetadata?: unknown })
    .structuredMetadata;
  return metadata && typeof metadata === 'object' && !Array.isArray(metadata)
    ? (metadata as Record<string, string>)
    : {};
}

const cache = new WeakMap<LogLine, LogSummary>();

/**
 * The message of a structured line (JSON `msg`/`message`, logfmt `msg=`) with its status, duration, method and
 * path as fields (from the line, else its structured metadata); a plain-text line is its own message. Computed
 * once per line, for the rows on screen only.
 */
export function summarizeLogLine(line: LogLine): LogSummary {
  const hit = cache.get(line);
  if (hit) return hit;
  const parsed = new Map(parseLogFields(line.line));
  const metadata = structuredMetadata(line);
  const lookup = (keys: string[]) => {
    for (const key of keys) {
      const value = parsed.get(key) ?? metadata[key];
      if (value !== undefined && value !== '') return value;
    }
    return undefined;
  };
  const message = parsed.size > 0 ? lookup(MESSAGE_KEYS) : undefined;
  const fields: Array<[string, string]> = [];
  for (const [name, keys] of GLANCE_KEYS) {
    const value = lookup(keys);
    if (value !== undefined) fields.push([name, value]);
  }
  const summary: LogSummary = {
    // Structured without a message key: the line itself (its fields are in the expanded view).
    message: message ?? line.line,
    fields,
  };
  cache.set(line, summary);
  return summary;
}
