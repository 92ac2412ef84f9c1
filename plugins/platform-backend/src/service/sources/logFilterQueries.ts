import {
  LogLevel,
  LogLine,
} from '@paved-road/backstage-plugin-platform-common';
import {
  buildLogQuery,
  levelLineRegex,
  quoteGoString,
} from '@paved-road/backstage-plugin-platform-node';

/** Filters of a log read or a tail viewer, already validated at the edge. */
export interface LogFilters {
  levels?: LogLevel[];
  text?: string;
  /** 16-32 lowercase hex digits. */
  traceId?: string;
}

// Fixed words only, never user text: what Loki's detected_level and the usual level labels hold per level.
const LEVEL_LABEL_WORDS: Record<Exclude<LogLevel, 'unknown'>, string[]> = {
  trace: ['trace', 'trc'],
  debug: ['debug', 'dbg', 'dbug'],
  info: ['info', 'inf', 'information', 'notice'],
  warn: ['warn', 'warning', 'wrn'],
  error: ['error', 'err', 'eror'],
  fatal: ['fatal', 'critical', 'crit', 'panic', 'emerg', 'alert'],
};
/** Where a level can sit apart from the line text: a stream label or structured metadata (Loki 3 adds `detected_level`). */
const LEVEL_LABELS = [
  'detected_level',
  'level',
  'severity',
  'lvl',
  'severity_text',
];

const stripZeros = (hex: string) => hex.replace(/^0+(?=.)/, '').toLowerCase();

function traceIdCore(traceId: string): string {
  if (!/^[0-9a-f]{16,32}$/.test(traceId)) {
    throw new Error('traceId must be 16-32 lowercase hex digits');
  }
  return stripZeros(traceId);
}

/** The id as a whole hex token (with any leading zeros): a 16-hex id does not match inside a longer id. */
function traceTokenRegex(core: string): string {
  return `(?i)(?:^|[^0-9a-f])0*${core}(?:[^0-9a-f]|$)`;
}

/**
 * The LogQL queries whose union holds every line matching the filters, whatever carries the level or the trace
 * id. Loki (measured on 3.4.6) keeps a level where the sender put it, as a stream label, as `detected_level`
 * structured metadata, or in the JSON/logfmt text, and an OTLP log's `trace_id` only as structured metadata: one
 * line filter cannot see all of them, so a read asks once per carrier and merges. With a trace id the level is
 * checked here (a trace has few lines), so there are never more than two queries.
 */
export function logFilterQueries(
  selector: string,
  filters: LogFilters,
): string[] {
  const base = buildLogQuery({ selector, text: filters.text });
  if (filters.traceId) {
    const core = traceIdCore(filters.traceId);
    return [
      `${base} |~ ${quoteGoString(traceTokenRegex(core))}`,
      `${base} | trace_id=~${quoteGoString(`(?i)0*${core}`)}`,
    ];
  }
  const levels = filters.levels ?? [];
  const lineRegex = levelLineRegex(levels);
  if (!lineRegex) {
    // No level, or "unknown" among them (no carrier at all): only the caller can tell.
    return [base];
  }
  const words = [
    ...new Set(
      levels.flatMap(
        level => LEVEL_LABEL_WORDS[level as Exclude<LogLevel, 'unknown'>],
      ),
    ),
  ];
  const wordRegex = quoteGoString(`(?i)(?:${words.join('|')})`);
  const labelFilter = LEVEL_LABELS.map(label => `${label}=~${wordRegex}`).join(
    ' or ',
  );
  return [`${base} | ${labelFilter}`, `${base} |~ ${quoteGoString(lineRegex)}`];
}

/** Whether a line (from a query or a tail) passes a viewer's filters; the same test for reads and live tail. */
export function lineMatches(line: LogLine, filters: LogFilters): boolean {
  if (filters.levels?.length && !filters.levels.includes(line.level)) {
    return false;
  }
  if (filters.text && !line.line.includes(filters.text)) {
    return false;
  }
  if (filters.traceId) {
    const core = traceIdCore(filters.traceId);
    const carried = line.traceId ? stripZeros(line.traceId) === core : false;
    if (
      !carried &&
      !new RegExp(traceTokenRegex(core).slice(4), 'i').test(line.line)
    ) {
      return false;
    }
  }
  return true;
}
