/** Evaluates parsed LogQL against a LogStore: log queries (streams) and metric queries (matrix/vector). */
import { parseGoDuration } from '../../durations.ts';
import {
  labelsKey,
  lowerBound,
  type LogStore,
  type Stream,
  type LogEntry,
} from '../store.ts';
import type {
  LabelFilterExpr,
  LabelMatcher,
  LogSelector,
  MetricExpr,
  Stage,
} from './ast.ts';
import { compare } from '../../order.ts';

export function matchLabel(
  m: LabelMatcher,
  value: string | undefined,
): boolean {
  const v = value ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return (m.re as RegExp).test(v);
    case '!~':
      return !(m.re as RegExp).test(v);
    default:
      return false;
  }
}

export function selectStreams(
  store: LogStore,
  tenant: string,
  matchers: LabelMatcher[],
): Stream[] {
  return store
    .streams(tenant)
    .filter(s => matchers.every(m => matchLabel(m, s.labels[m.name])));
}

function sanitizeLabelName(k: string): string {
  let out = k.replace(/[^A-Za-z0-9_]/g, '_');
  if (/^[0-9]/.test(out)) out = `_${out}`;
  return out;
}

function scalarString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

function flattenJson(
  obj: Record<string, unknown>,
  prefix: string,
  out: Record<string, string>,
): void {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix
      ? `${prefix}_${sanitizeLabelName(k)}`
      : sanitizeLabelName(k);
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      flattenJson(v as Record<string, unknown>, key, out);
    else {
      const s = scalarString(v);
      if (s !== undefined) out[key] = s;
    }
  }
}

function parseLogfmt(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([^\s=]+)(?:=(?:"((?:[^"\\]|\\.)*)"|(\S*)))?/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const key = sanitizeLabelName(m[1]);
    if (!key) continue;
    const unescape = (c: string) =>
      (({ n: '\n', t: '\t' } as Record<string, string>)[c] ?? c);
    const value =
      m[2] !== undefined
        ? m[2].replace(/\\(.)/g, (_x, c: string) => unescape(c))
        : m[3] ?? '';
    out[key] = value;
  }
  return out;
}

export interface Processed {
  /** labels after the pipeline (stream + structured metadata + parsed) */
  labels: Record<string, string>;
  parsed: Record<string, string>;
}

function parseBytes(s: string): number | undefined {
  const m = /^([\d.]+)\s*([kKMGTPE]i?B|B)?$/.exec(s.trim());
  if (!m) return undefined;
  const units: Record<string, number> = {
    B: 1,
    kB: 1e3,
    KB: 1e3,
    MB: 1e6,
    GB: 1e9,
    TB: 1e12,
    KiB: 1024,
    MiB: 1024 ** 2,
    GiB: 1024 ** 3,
    TiB: 1024 ** 4,
  };
  return Number(m[1]) * (m[2] ? units[m[2]] ?? 1 : 1);
}

/** Evaluates a label filter; `error` is set when a value could not be converted (Loki keeps such lines). */
function evalLabelFilter(
  e: LabelFilterExpr,
  labels: Record<string, string>,
): { pass: boolean; error?: string } {
  switch (e.kind) {
    case 'and': {
      const l = evalLabelFilter(e.left, labels);
      if (!l.pass) return l;
      const r = evalLabelFilter(e.right, labels);
      return { pass: r.pass, error: l.error ?? r.error };
    }
    case 'or': {
      const l = evalLabelFilter(e.left, labels);
      if (l.pass) return l;
      return evalLabelFilter(e.right, labels);
    }
    case 'string':
      return {
        pass: matchLabel(
          { name: e.name, op: e.op, value: e.value, re: e.re },
          labels[e.name],
        ),
      };
    case 'number': {
      const raw = labels[e.name] ?? '';
      let v: number | undefined;
      if (e.unit === 'duration') {
        const ns = parseGoDuration(raw);
        v = ns === undefined ? undefined : ns / 1e9;
      } else if (e.unit === 'bytes') v = parseBytes(raw);
      else v = raw.trim() === '' ? undefined : Number(raw);
      if (v === undefined || Number.isNaN(v))
        return {
          pass: true,
          error: `strconv.ParseFloat: parsing ${JSON.stringify(
            raw,
          )}: invalid syntax`,
        };
      switch (e.op) {
        case '==':
          return { pass: v === e.value };
        case '!=':
          return { pass: v !== e.value };
        case '>':
          return { pass: v > e.value };
        case '>=':
          return { pass: v >= e.value };
        case '<':
          return { pass: v < e.value };
        case '<=':
          return { pass: v <= e.value };
        default:
          return { pass: false };
      }
    }
    default:
      return { pass: false };
  }
}

/** Runs the pipeline over one entry; undefined when the entry is filtered out. */
export function runPipeline(
  stream: Stream,
  entry: LogEntry,
  stages: Stage[],
): Processed | undefined {
  const labels: Record<string, string> = { ...stream.labels, ...entry.meta };
  const parsed: Record<string, string> = {};
  for (const st of stages) {
    if (st.kind === 'lineFilter') {
      const line = entry.line;
      let ok: boolean;
      if (st.op === '|=') ok = line.includes(st.value);
      else if (st.op === '!=') ok = !line.includes(st.value);
      else if (st.op === '|~') ok = (st.re as RegExp).test(line);
      else ok = !(st.re as RegExp).test(line);
      if (!ok) return undefined;
    } else if (st.kind === 'parser') {
      let extracted: Record<string, string> = {};
      if (st.parser === 'json') {
        try {
          const v = JSON.parse(entry.line) as unknown;
          if (v === null || typeof v !== 'object' || Array.isArray(v))
            throw new Error(
              "Value looks like object, but can't find closing '}' symbol",
            );
          flattenJson(v as Record<string, unknown>, '', extracted);
        } catch (e) {
          labels.__error__ = 'JSONParserErr';
          labels.__error_details__ = (e as Error).message;
          parsed.__error__ = 'JSONParserErr';
          continue;
        }
      } else extracted = parseLogfmt(entry.line);
      for (const [k, v] of Object.entries(extracted)) {
        const name = stream.labels[k] !== undefined ? `${k}_extracted` : k;
        labels[name] = v;
        parsed[name] = v;
      }
    } else {
      const r = evalLabelFilter(st.expr, labels);
      if (!r.pass) return undefined;
      if (r.error) {
        labels.__error__ = 'LabelFilterErr';
        labels.__error_details__ = r.error;
      }
    }
  }
  return { labels, parsed };
}

export interface StreamResult {
  stream: Record<string, string>;
  values: ([string, string] | [string, string, Record<string, unknown>])[];
}

export interface LogQueryOptions {
  startNs: bigint;
  endNs: bigint;
  limit: number;
  direction: 'forward' | 'backward';
  categorize: boolean;
}

function sortLabels(l: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(l).sort()) out[k] = l[k];
  return out;
}

/** Log query: entries in [start, end), newest (backward) or oldest (forward) first, at most `limit`. */
export function evalLogQuery(
  store: LogStore,
  tenant: string,
  q: LogSelector,
  o: LogQueryOptions,
): { result: StreamResult[]; scanned: number; bytes: number } {
  type Hit = { stream: Stream; entry: LogEntry; p: Processed };
  const hits: Hit[] = [];
  let scanned = 0;
  let bytes = 0;
  for (const s of selectStreams(store, tenant, q.matchers)) {
    const from = lowerBound(s.entries, o.startNs);
    const to = lowerBound(s.entries, o.endNs);
    for (let i = from; i < to; i++) {
      const entry = s.entries[i];
      scanned++;
      bytes += Buffer.byteLength(entry.line);
      const p = runPipeline(s, entry, q.stages);
      if (p) hits.push({ stream: s, entry, p });
    }
  }
  hits.sort(
    (a, b) =>
      compare(a.entry.ts, b.entry.ts) * (o.direction === 'forward' ? 1 : -1),
  );
  const limited = hits.slice(0, o.limit);
  return { result: groupHits(limited, o.categorize), scanned, bytes };
}

export function groupHits(
  hits: { stream: Stream; entry: LogEntry; p: Processed }[],
  categorize: boolean,
): StreamResult[] {
  const groups = new Map<string, StreamResult>();
  for (const h of hits) {
    const labels = categorize ? h.stream.labels : h.p.labels;
    const key = labelsKey(labels);
    let g = groups.get(key);
    if (!g) {
      g = { stream: sortLabels(labels), values: [] };
      groups.set(key, g);
    }
    if (categorize) {
      const extra: Record<string, unknown> = {};
      const meta = h.entry.meta;
      if (Object.keys(meta).length) extra.structuredMetadata = sortLabels(meta);
      if (Object.keys(h.p.parsed).length) extra.parsed = sortLabels(h.p.parsed);
      g.values.push([h.entry.ts.toString(), h.entry.line, extra]);
    } else g.values.push([h.entry.ts.toString(), h.entry.line]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([, v]) => v);
}

export interface Series {
  metric: Record<string, string>;
  /** timestamp seconds -> value */
  points: Map<number, number>;
}

interface Samples {
  labels: Record<string, string>;
  ts: bigint[];
  sizes: number[];
}

function collect(
  store: LogStore,
  tenant: string,
  q: LogSelector,
  fromNs: bigint,
  toNs: bigint,
): Samples[] {
  const series = new Map<string, Samples>();
  for (const s of selectStreams(store, tenant, q.matchers)) {
    const from = lowerBound(s.entries, fromNs);
    const to = lowerBound(s.entries, toNs + 1n);
    for (let i = from; i < to; i++) {
      const e = s.entries[i];
      const p = runPipeline(s, e, q.stages);
      if (!p) continue;
      const key = labelsKey(p.labels);
      let ser = series.get(key);
      if (!ser) {
        ser = { labels: p.labels, ts: [], sizes: [] };
        series.set(key, ser);
      }
      ser.ts.push(e.ts);
      ser.sizes.push(Buffer.byteLength(e.line));
    }
  }
  for (const s of series.values()) {
    const idx = s.ts.map((_, i) => i).sort((a, b) => compare(s.ts[a], s.ts[b]));
    s.ts = idx.map(i => s.ts[i]);
    s.sizes = idx.map(i => s.sizes[i]);
  }
  return [...series.values()];
}

function firstAfter(ts: bigint[], t: bigint): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Evaluates a metric expression at each step timestamp (seconds). */
export function evalMetric(
  store: LogStore,
  tenant: string,
  e: MetricExpr,
  steps: number[],
): Series[] {
  if (e.kind === 'range') {
    const range = BigInt(Math.round(e.rangeNs));
    const first = BigInt(Math.round(steps[0] * 1e9)) - range;
    const last = BigInt(Math.round(steps[steps.length - 1] * 1e9));
    const out: Series[] = [];
    for (const s of collect(store, tenant, e.log, first, last)) {
      const points = new Map<number, number>();
      const prefix: number[] = [0];
      for (const size of s.sizes) prefix.push(prefix[prefix.length - 1] + size);
      for (const t of steps) {
        const tNs = BigInt(Math.round(t * 1e9));
        const lo = firstAfter(s.ts, tNs - range);
        const hi = firstAfter(s.ts, tNs);
        const count = hi - lo;
        if (count === 0) continue;
        const seconds = e.rangeNs / 1e9;
        const bytes = prefix[hi] - prefix[lo];
        const byFn: Record<string, number> = {
          count_over_time: count,
          rate: count / seconds,
          bytes_over_time: bytes,
          bytes_rate: bytes / seconds,
        };
        const v = byFn[e.fn];
        points.set(t, v);
      }
      if (points.size) {
        const metric = { ...s.labels };
        delete metric.__error_details__;
        out.push({ metric, points });
      }
    }
    return out;
  }
  const inner = evalMetric(store, tenant, e.inner, steps);
  const groups = new Map<
    string,
    { metric: Record<string, string>; members: Series[] }
  >();
  for (const s of inner) {
    let metric: Record<string, string>;
    if (!e.grouping) metric = {};
    else if (e.grouping.without) {
      metric = { ...s.metric };
      for (const l of e.grouping.labels) delete metric[l];
    } else {
      metric = {};
      for (const l of e.grouping.labels)
        if (s.metric[l] !== undefined) metric[l] = s.metric[l];
    }
    const key = labelsKey(metric);
    let g = groups.get(key);
    if (!g) {
      g = { metric, members: [] };
      groups.set(key, g);
    }
    g.members.push(s);
  }
  const out: Series[] = [];
  for (const g of groups.values()) {
    const points = new Map<number, number>();
    for (const t of steps) {
      const vals = g.members
        .map(m => m.points.get(t))
        .filter((v): v is number => v !== undefined);
      if (!vals.length) continue;
      let v: number;
      switch (e.op) {
        case 'sum':
          v = vals.reduce((a, b) => a + b, 0);
          break;
        case 'avg':
          v = vals.reduce((a, b) => a + b, 0) / vals.length;
          break;
        case 'min':
          v = Math.min(...vals);
          break;
        case 'max':
          v = Math.max(...vals);
          break;
        default:
          v = vals.length;
      }
      points.set(t, v);
    }
    if (points.size) out.push({ metric: g.metric, points });
  }
  return out;
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64). */
export function formatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const s = String(v);
  if (!/e/i.test(s)) return s;
  const [mant, expStr] = s.split(/e/i);
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const intLen = (mant.replace('-', '').split('.')[0] ?? '').length;
  const point = intLen + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length)
    out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return neg ? `-${out}` : out;
}
