/**
 * `_search` and `_count` over resolved indices: request body parsing (top-level keys, `sort`, `search_after`,
 * `size`/`from` against `index.max_result_window`, `_source`, `track_total_hits`), per-shard execution with
 * shard failures reported in `_shards.failures[]`, and the response shapes of Elasticsearch 8.x.
 */
import { parseDate } from './dates.ts';
import {
  allShardsFailed,
  contentParseError,
  illegalArgument,
  parsingError,
  positionOf,
  type EsCause,
  EsError,
} from './errors.ts';
import { globMatch } from './glob.ts';
import { isTextual, valuesOf } from './mapping.ts';
import { compile, parseQuery, type Matcher, type Query } from './query.ts';
import type { EsDoc, EsIndex } from './store.ts';

export const MAX_RESULT_WINDOW = 10_000;
export const NODE_NAME = 'sandbox-es-0';
const DEFAULT_TRACK_TOTAL_HITS = 10_000;

interface SortKey {
  field: string;
  order: 'asc' | 'desc';
  unmappedType?: string;
  format?: string;
}

export interface SearchRequest {
  query: Query;
  size: number;
  from: number;
  sort: SortKey[];
  searchAfter?: unknown[];
  source: SourceFilter;
  trackTotalHits: boolean | number;
}

type SourceFilter = false | { includes: string[]; excludes: string[] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Parses a JSON body as the x-content parser does: malformed JSON is `x_content_parse_exception`. */
export function parseBody(raw: string): Json {
  if (raw.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const at = m ? Number(m[1]) : 0;
    const before = raw.slice(0, at);
    throw contentParseError(
      `Unexpected character or end-of-input: ${(e as Error).message}`,
      {
        line: before.split('\n').length,
        col: at - before.lastIndexOf('\n'),
      },
    );
  }
  if (!isObject(v))
    throw parsingError(
      'Unknown key for a VALUE_STRING in [body]: the request body must be an object',
      { line: 1, col: 1 },
    );
  return v;
}

function tokenOf(v: unknown): string {
  if (Array.isArray(v)) return 'START_ARRAY';
  if (isObject(v)) return 'START_OBJECT';
  if (typeof v === 'number') return 'VALUE_NUMBER';
  if (typeof v === 'boolean') return 'VALUE_BOOLEAN';
  return 'VALUE_STRING';
}

function nonNegativeInt(v: unknown, name: string, raw: string): number {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw parsingError(
      `[${name}] failed to parse field [${name}]`,
      positionOf(raw, name),
    );
  if (n < 0)
    throw illegalArgument(
      `[${name}] parameter cannot be negative, found [${n}]`,
    );
  return n;
}

function parseSort(v: unknown, raw: string): SortKey[] {
  const items = Array.isArray(v) ? v : [v];
  return items.map(item => {
    if (typeof item === 'string') {
      const [field, order] = item.split(':');
      if (order !== undefined && order !== 'asc' && order !== 'desc')
        throw illegalArgument(`Unknown SortOrder [${order}]`);
      return {
        field,
        order:
          (order as 'asc' | 'desc') ?? (field === '_score' ? 'desc' : 'asc'),
      };
    }
    if (!isObject(item) || Object.keys(item).length !== 1)
      throw parsingError(
        '[sort] malformed sort, expected a field name or { "<field>": { "order": ... } }',
        positionOf(raw, 'sort'),
      );
    const [field, spec] = Object.entries(item)[0];
    const key: SortKey = { field, order: field === '_score' ? 'desc' : 'asc' };
    if (typeof spec === 'string') {
      if (spec !== 'asc' && spec !== 'desc')
        throw illegalArgument(`Unknown SortOrder [${spec}]`);
      key.order = spec;
      return key;
    }
    if (!isObject(spec))
      throw parsingError(`[${field}] sort malformed`, positionOf(raw, field));
    for (const [k, x] of Object.entries(spec)) {
      if (k === 'order') {
        if (x !== 'asc' && x !== 'desc')
          throw illegalArgument(`Unknown SortOrder [${String(x)}]`);
        key.order = x;
      } else if (k === 'unmapped_type' && typeof x === 'string')
        key.unmappedType = x;
      else if (k === 'format' && typeof x === 'string') key.format = x;
      else if (k === 'numeric_type' || k === 'missing' || k === 'mode')
        continue;
      else
        throw parsingError(
          `[field_sort] unknown field [${k}]`,
          positionOf(raw, k),
        );
    }
    return key;
  });
}

function parseSource(v: unknown, raw: string): SourceFilter {
  if (v === undefined || v === true) return { includes: [], excludes: [] };
  if (v === false) return false;
  const list = (x: unknown, name: string) => {
    if (x === undefined) return [];
    const arr = Array.isArray(x) ? x : [x];
    if (!arr.every(s => typeof s === 'string'))
      throw parsingError(
        `[_source] ${name} must be strings`,
        positionOf(raw, '_source'),
      );
    return arr as string[];
  };
  if (typeof v === 'string' || Array.isArray(v))
    return { includes: list(v, 'fields'), excludes: [] };
  if (isObject(v)) {
    for (const k of Object.keys(v))
      if (!['includes', 'include', 'excludes', 'exclude'].includes(k))
        throw parsingError(
          `Unknown key for a START_ARRAY in [${k}].`,
          positionOf(raw, k),
        );
    return {
      includes: list(v.includes ?? v.include, 'includes'),
      excludes: list(v.excludes ?? v.exclude, 'excludes'),
    };
  }
  throw parsingError(
    '[_source] must be a boolean, a string, an array or an object',
    positionOf(raw, '_source'),
  );
}

/** The parts of a `_search` request, from the body and the URL (URL `size`/`from`/`_source` override the body, as in Elasticsearch). */
export function parseSearch(raw: string, url: URLSearchParams): SearchRequest {
  const body = parseBody(raw);
  const out: SearchRequest = {
    query: { kind: 'match_all' },
    size: 10,
    from: 0,
    sort: [],
    source: { includes: [], excludes: [] },
    trackTotalHits: DEFAULT_TRACK_TOTAL_HITS,
  };
  for (const [k, v] of Object.entries(body)) {
    switch (k) {
      case 'query':
        out.query = parseQuery(v, raw);
        break;
      case 'size':
        out.size = nonNegativeInt(v, 'size', raw);
        break;
      case 'from':
        out.from = nonNegativeInt(v, 'from', raw);
        break;
      case 'sort':
        out.sort = parseSort(v, raw);
        break;
      case 'search_after':
        if (!Array.isArray(v))
          throw parsingError(
            '[search_after] must be an array',
            positionOf(raw, k),
          );
        out.searchAfter = v;
        break;
      case '_source':
        out.source = parseSource(v, raw);
        break;
      case 'track_total_hits':
        if (typeof v === 'boolean') out.trackTotalHits = v;
        else out.trackTotalHits = nonNegativeInt(v, k, raw);
        break;
      case 'timeout':
      case 'track_scores':
      case 'version':
      case 'seq_no_primary_term':
      case 'explain':
        break;
      default: {
        throw parsingError(
          `Unknown key for a ${tokenOf(v)} in [${k}].`,
          positionOf(raw, k),
        );
      }
    }
  }
  if (url.has('size')) out.size = nonNegativeInt(url.get('size'), 'size', '');
  if (url.has('from')) out.from = nonNegativeInt(url.get('from'), 'from', '');
  if (url.has('_source')) {
    const s = url.get('_source')!;
    if (s === 'false') out.source = false;
    else
      out.source = { includes: s === 'true' ? [] : s.split(','), excludes: [] };
  }
  if (url.has('track_total_hits')) {
    const t = url.get('track_total_hits')!;
    if (t === 'true' || t === 'false') out.trackTotalHits = t === 'true';
    else out.trackTotalHits = nonNegativeInt(t, 'track_total_hits', '');
  }
  return out;
}

/** Source filtering: a pattern names a leaf or any object above it. */
export function filterSource(source: Json, f: SourceFilter): Json | undefined {
  if (f === false) return undefined;
  if (f.includes.length === 0 && f.excludes.length === 0) return source;
  const covered = (patterns: string[], path: string) =>
    patterns.some(
      p =>
        globMatch(p, path) ||
        path.startsWith(`${p}.`) ||
        globMatch(`${p}.*`, path),
    );
  const walk = (obj: Json, prefix: string): Json | undefined => {
    const out: Json = {};
    let any = false;
    for (const [k, v] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (covered(f.excludes, path)) continue;
      if (isObject(v)) {
        const sub = walk(v, path);
        if (sub) {
          out[k] = sub;
          any = true;
        }
        continue;
      }
      if (f.includes.length === 0 || covered(f.includes, path)) {
        out[k] = v;
        any = true;
      }
    }
    return any || prefix === '' ? out : undefined;
  };
  return walk(source, '') ?? {};
}

interface Candidate {
  doc: EsDoc;
  index: EsIndex;
  shard: number;
  score: number;
  sortValues: unknown[];
}

function sortValueOf(
  doc: EsDoc,
  index: EsIndex,
  key: SortKey,
  shard: number,
  score: number,
): unknown {
  if (key.field === '_doc') return doc.seq;
  if (key.field === '_score') return score;
  if (key.field === '_shard_doc') return shard * 2 ** 32 + doc.seq;
  const type = index.mapping.typeOf(key.field);
  const values = valuesOf(doc.flat, index.mapping, key.field);
  if (values.length === 0) return null;
  if (type === 'date') {
    const ts = values
      .map(v => parseDate(v, undefined, Date.now()))
      .filter((x): x is number => x !== undefined);
    if (ts.length === 0) return null;
    const t = key.order === 'asc' ? Math.min(...ts) : Math.max(...ts);
    return key.format ? new Date(t).toISOString() : t;
  }
  if (type === 'long' || type === 'float') {
    const ns = values.map(Number);
    return key.order === 'asc' ? Math.min(...ns) : Math.max(...ns);
  }
  const ss = values.map(String).sort();
  return key.order === 'asc' ? ss[0] : ss[ss.length - 1];
}

/** Checks that each sort field is sortable in `index`; the cause a shard would report otherwise. */
function sortProblem(index: EsIndex, sort: SortKey[]): EsCause | undefined {
  for (const key of sort) {
    if (['_doc', '_score', '_shard_doc'].includes(key.field)) continue;
    if (key.field === '_id')
      return {
        type: 'illegal_argument_exception',
        reason:
          'Fielddata access on the _id field is disallowed, you can re-enable it by updating the dynamic cluster setting: indices.id_field_data.enabled',
      };
    const type = index.mapping.typeOf(key.field);
    if (type === undefined && !key.unmappedType)
      return {
        type: 'query_shard_exception',
        reason: `No mapping found for [${key.field}] in order to sort on`,
        index_uuid: index.uuid,
        index: index.name,
      };
    if (isTextual(type))
      return {
        type: 'illegal_argument_exception',
        reason: `Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [${key.field}] in order to load field data by uninverting the inverted index. Note that this can use significant memory.`,
      };
  }
  return undefined;
}

function compareValues(a: unknown, b: unknown, order: 'asc' | 'desc'): number {
  // missing values sort last in either order (`missing: _last`)
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const x = a as number | string;
  const y = b as number | string;
  let c = 0;
  if (x < y) c = -1;
  else if (x > y) c = 1;
  return order === 'asc' ? c : -c;
}

function coerceAfter(v: unknown, candidate: unknown, key: SortKey): unknown {
  if (v === null) return null;
  if (typeof candidate === 'number') {
    if (typeof v === 'number') return v;
    if (typeof v === 'string') {
      const t = /^-?\d+(\.\d+)?$/.test(v)
        ? Number(v)
        : parseDate(v, key.format, Date.now());
      if (t === undefined)
        throw illegalArgument(
          `Failed to parse search_after value for field [${key.field}].`,
        );
      return t;
    }
    throw illegalArgument(
      `Failed to parse search_after value for field [${key.field}].`,
    );
  }
  if (typeof v === 'object')
    throw illegalArgument(
      `Failed to parse search_after value for field [${key.field}].`,
    );
  return v;
}

export interface ShardFault {
  /** indices (glob patterns) whose shard fails */
  indices: string[];
  reason?: EsCause;
}

export interface SearchOutcome {
  total: number;
  candidates: Candidate[];
  shards: {
    total: number;
    successful: number;
    skipped: number;
    failed: number;
    failures?: unknown[];
  };
}

/** Runs the query on each index (one shard each), collecting shard failures. */
function execute(
  indices: EsIndex[],
  query: Query,
  sort: SortKey[] | undefined,
  fault: ShardFault | undefined,
  nowMs: number,
): SearchOutcome {
  const failures: {
    shard: number;
    index: string;
    node: string;
    reason: EsCause;
  }[] = [];
  const candidates: Candidate[] = [];
  let total = 0;
  indices.forEach((index, shard) => {
    let matcher: Matcher;
    try {
      if (fault && fault.indices.some(p => globMatch(p, index.name)))
        throw (
          fault.reason ?? {
            type: 'node_not_connected_exception',
            reason: `[${NODE_NAME}-replica][127.0.0.1:9300] Node not connected`,
          }
        );
      const problem = sort ? sortProblem(index, sort) : undefined;
      if (problem) throw problem;
      matcher = compile(query, index.mapping, nowMs);
    } catch (e) {
      if (e instanceof Error) throw e;
      failures.push({
        shard: 0,
        index: index.name,
        node: NODE_NAME,
        reason: e as EsCause,
      });
      return;
    }
    for (const doc of index.docs) {
      const score = matcher(doc);
      if (score === undefined) continue;
      total++;
      candidates.push({
        doc,
        index,
        shard,
        score,
        sortValues: (sort ?? []).map(k =>
          sortValueOf(doc, index, k, shard, score),
        ),
      });
    }
  });
  if (indices.length > 0 && failures.length === indices.length)
    throw allShardsFailed(
      failures[0].reason,
      failures.map(f => f.index),
      NODE_NAME,
    );
  return {
    total,
    candidates,
    shards: {
      total: indices.length,
      successful: indices.length - failures.length,
      skipped: 0,
      failed: failures.length,
      ...(failures.length ? { failures } : {}),
    },
  };
}

/**
 * Checks made before any shard runs (`action_request_validation_exception`) and those every shard makes (the
 * result window, `search_after` against `sort`): the latter fail as "all shards failed", and not at all when the
 * expression resolved to no index.
 */
function checkWindow(indices: EsIndex[], req: SearchRequest): void {
  if (req.searchAfter && req.from > 0)
    throw new EsError(400, {
      type: 'action_request_validation_exception',
      reason:
        'Validation Failed: 1: [from] parameter must be set to 0 when [search_after] is used;',
    });
  let cause: EsCause | undefined;
  if (req.from + req.size > MAX_RESULT_WINDOW)
    cause = {
      type: 'illegal_argument_exception',
      reason: `Result window is too large, from + size must be less than or equal to: [${MAX_RESULT_WINDOW}] but was [${
        req.from + req.size
      }]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.`,
    };
  else if (req.searchAfter && req.sort.length === 0)
    cause = {
      type: 'illegal_argument_exception',
      reason: 'Sort must contain at least one field.',
    };
  else if (req.searchAfter && req.searchAfter.length !== req.sort.length)
    cause = {
      type: 'illegal_argument_exception',
      reason: `search_after has ${req.searchAfter.length} value(s) but sort has ${req.sort.length}.`,
    };
  if (cause && indices.length > 0)
    throw allShardsFailed(
      cause,
      indices.map(i => i.name),
      NODE_NAME,
    );
}

export function renderSearch(
  indices: EsIndex[],
  req: SearchRequest,
  fault: ShardFault | undefined,
  nowMs: number,
  took: number,
): unknown {
  const sorted = req.sort.length > 0;
  checkWindow(indices, req);
  const outcome = execute(
    indices,
    req.query,
    sorted ? req.sort : undefined,
    fault,
    nowMs,
  );
  let list = outcome.candidates;
  if (sorted) {
    list.sort((a, b) => {
      for (let i = 0; i < req.sort.length; i++) {
        const c = compareValues(
          a.sortValues[i],
          b.sortValues[i],
          req.sort[i].order,
        );
        if (c !== 0) return c;
      }
      return a.shard - b.shard;
    });
  } else {
    list.sort(
      (a, b) => b.score - a.score || a.shard - b.shard || a.doc.seq - b.doc.seq,
    );
  }
  if (req.searchAfter) {
    const after = req.searchAfter.map((v, i) =>
      coerceAfter(
        v,
        list.find(c => c.sortValues[i] !== null)?.sortValues[i] ??
          (typeof v === 'number' ? 0 : ''),
        req.sort[i],
      ),
    );
    list = list.filter(c => {
      for (let i = 0; i < req.sort.length; i++) {
        const cmp = compareValues(c.sortValues[i], after[i], req.sort[i].order);
        if (cmp !== 0) return cmp > 0;
      }
      return false;
    });
  }
  const page = list.slice(req.from, req.from + req.size);
  const track = req.trackTotalHits;
  let total: { value: number; relation: 'eq' | 'gte' } | undefined;
  if (track === true || (track !== false && outcome.total <= track))
    total = { value: outcome.total, relation: 'eq' };
  else if (track !== false) total = { value: track, relation: 'gte' };
  const maxScore =
    sorted || page.length === 0
      ? null
      : Math.max(...outcome.candidates.map(c => c.score));
  return {
    took,
    timed_out: false,
    _shards: outcome.shards,
    hits: {
      ...(total ? { total } : {}),
      max_score: maxScore,
      hits: page.map(c => {
        const source = filterSource(c.doc.source, req.source);
        return {
          _index: c.index.name,
          _id: c.doc.id,
          _score: sorted ? null : c.score,
          ...(source !== undefined ? { _source: source } : {}),
          ...(sorted ? { sort: c.sortValues } : {}),
        };
      }),
    },
  };
}

/** `_count`: only `query` is allowed in the body. */
export function renderCount(
  indices: EsIndex[],
  raw: string,
  fault: ShardFault | undefined,
  nowMs: number,
): unknown {
  const body = parseBody(raw);
  let query: Query = { kind: 'match_all' };
  for (const [k, v] of Object.entries(body)) {
    if (k !== 'query')
      throw parsingError(`request does not support [${k}]`, positionOf(raw, k));
    query = parseQuery(v, raw);
  }
  const outcome = execute(indices, query, undefined, fault, nowMs);
  return { count: outcome.total, _shards: outcome.shards };
}

export { EsError };
