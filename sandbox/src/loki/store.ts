/** Per-tenant in-memory log streams, ordered by timestamp, with Loki 3's `service_name`/`detected_level`. */
import { EventEmitter } from 'node:events';

export interface LogEntry {
  ts: bigint;
  line: string;
  /** structured metadata (including `detected_level`) */
  meta: Record<string, string>;
}

export interface Stream {
  key: string;
  labels: Record<string, string>;
  entries: LogEntry[];
}

export interface PushedEntry {
  tenant: string;
  stream: Stream;
  entry: LogEntry;
}

const SERVICE_NAME_SOURCES = [
  'service_name',
  'service',
  'app',
  'application',
  'app_name',
  'name',
  'app_kubernetes_io_name',
  'container',
  'container_name',
  'k8s_container_name',
  'component',
  'workload',
  'job',
  'k8s_job_name',
];
// `severity_text` is where an OTLP log record's severity lands (structured metadata).
const LEVEL_LABELS = [
  'level',
  'LEVEL',
  'Level',
  'severity',
  'SEVERITY',
  'Severity',
  'lvl',
  'LVL',
  'Lvl',
  'loglevel',
  'log_level',
  'severity_text',
];

export function labelsKey(labels: Record<string, string>): string {
  return `{${Object.keys(labels)
    .sort()
    .map(k => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ')}}`;
}

function normalizeLevel(v: string): string | undefined {
  const l = v.trim().toLowerCase();
  if (['trace', 'trc'].includes(l)) return 'trace';
  if (['debug', 'dbg', 'dbug'].includes(l)) return 'debug';
  if (['info', 'inf', 'information', 'notice'].includes(l)) return 'info';
  if (['warn', 'warning', 'wrn'].includes(l)) return 'warn';
  if (['error', 'err', 'eror'].includes(l)) return 'error';
  if (['critical', 'crit', 'fatal', 'panic', 'emerg', 'alert'].includes(l))
    return l === 'fatal' ? 'fatal' : 'critical';
  return undefined;
}

/** Loki 3's level detection: a level label, structured metadata, a JSON/logfmt `level` field, then keywords. */
export function detectLevel(
  labels: Record<string, string>,
  meta: Record<string, string>,
  line: string,
): string | undefined {
  for (const k of LEVEL_LABELS) {
    if (labels[k] !== undefined) return normalizeLevel(labels[k]) ?? labels[k];
    if (meta[k] !== undefined) return normalizeLevel(meta[k]) ?? meta[k];
  }
  const t = line.trimStart();
  if (t.startsWith('{')) {
    try {
      const obj = JSON.parse(t) as Record<string, unknown>;
      for (const k of LEVEL_LABELS)
        if (typeof obj[k] === 'string')
          return normalizeLevel(obj[k] as string) ?? (obj[k] as string);
    } catch {
      // not JSON
    }
  }
  const m = /(?:^|\s)(?:level|lvl|severity)=("?)([A-Za-z]+)\1(?:\s|$)/.exec(
    line,
  );
  if (m) return normalizeLevel(m[2]) ?? m[2];
  const kw =
    /\b(ERROR|ERR|WARN|WARNING|INFO|DEBUG|TRACE|FATAL|CRITICAL)\b/i.exec(line);
  if (kw) return normalizeLevel(kw[1]);
  return undefined;
}

export class LogStore {
  readonly events = new EventEmitter();
  private readonly tenants = new Map<string, Map<string, Stream>>();
  private readonly maxEntriesPerStream: number;

  constructor(maxEntriesPerStream = 20_000) {
    this.maxEntriesPerStream = maxEntriesPerStream;
    this.events.setMaxListeners(100);
  }

  streams(tenant: string): Stream[] {
    return [...(this.tenants.get(tenant)?.values() ?? [])];
  }

  push(
    tenant: string,
    rawLabels: Record<string, string>,
    entries: { ts: bigint; line: string; meta?: Record<string, string> }[],
  ): void {
    const labels = { ...rawLabels };
    if (labels.service_name === undefined) {
      const src = SERVICE_NAME_SOURCES.find(
        k => labels[k] !== undefined && labels[k] !== '',
      );
      labels.service_name = src ? labels[src] : 'unknown_service';
    }
    const key = labelsKey(labels);
    let byKey = this.tenants.get(tenant);
    if (!byKey) {
      byKey = new Map();
      this.tenants.set(tenant, byKey);
    }
    let stream = byKey.get(key);
    if (!stream) {
      stream = { key, labels, entries: [] };
      byKey.set(key, stream);
    }
    for (const e of entries) {
      const meta = { ...(e.meta ?? {}) };
      if (meta.detected_level === undefined) {
        const lvl = detectLevel(labels, meta, e.line);
        if (lvl) meta.detected_level = lvl;
      }
      const entry: LogEntry = { ts: e.ts, line: e.line, meta };
      const arr = stream.entries;
      if (arr.length === 0 || arr[arr.length - 1].ts <= e.ts) arr.push(entry);
      else {
        let lo = 0;
        let hi = arr.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (arr[mid].ts <= e.ts) lo = mid + 1;
          else hi = mid;
        }
        arr.splice(lo, 0, entry);
      }
      if (arr.length > this.maxEntriesPerStream)
        arr.splice(0, arr.length - this.maxEntriesPerStream);
      this.events.emit('push', { tenant, stream, entry } satisfies PushedEntry);
    }
  }
}

/** Index of the first entry with ts >= t. */
export function lowerBound(entries: LogEntry[], t: bigint): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].ts < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
