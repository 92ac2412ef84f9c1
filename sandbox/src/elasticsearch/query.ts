/**
 * The query DSL subset the simulator runs: `bool` (`filter`, `must`, `must_not`, `should`,
 * `minimum_should_match`), `term`, `terms`, `range`, `match_phrase`, `match_all`, `match_none`, `exists`.
 * Parsing happens once per request and fails like the coordinating node does (`parsing_exception` 400);
 * compiling against one index's mapping happens per shard and fails like a shard does (an {@link EsCause}
 * reported in `failures[]`, or as `search_phase_execution_exception` when every shard fails).
 */
import { parseDate, KNOWN_DATE_FORMATS } from './dates.ts';
import { parsingError, positionOf, type EsCause, EsError } from './errors.ts';
import { analyze, isTextual, valuesOf, type IndexMapping } from './mapping.ts';
import type { EsDoc } from './store.ts';

export type Query =
  | { kind: 'match_all' }
  | { kind: 'match_none' }
  | { kind: 'term'; field: string; value: unknown; caseInsensitive: boolean }
  | { kind: 'terms'; field: string; values: unknown[] }
  | {
      kind: 'range';
      field: string;
      gte?: unknown;
      gt?: unknown;
      lte?: unknown;
      lt?: unknown;
      format?: string;
    }
  | { kind: 'match_phrase'; field: string; query: string }
  | { kind: 'exists'; field: string }
  | {
      kind: 'bool';
      filter: Query[];
      must: Query[];
      mustNot: Query[];
      should: Query[];
      minimumShouldMatch?: number;
    };

/** Real query types the simulator does not run: refused with a message saying so, not as unknown. */
const REAL_BUT_NOT_SIMULATED = new Set([
  'query_string',
  'simple_query_string',
  'script',
  'script_score',
  'wildcard',
  'regexp',
  'prefix',
  'fuzzy',
  'match',
  'multi_match',
  'ids',
  'nested',
  'function_score',
  'dis_max',
  'constant_score',
  'boosting',
  'intervals',
  'match_bool_prefix',
  'match_phrase_prefix',
  'combined_fields',
  'terms_set',
  'geo_distance',
  'more_like_this',
  'percolate',
  'knn',
]);

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isScalar(v: unknown): boolean {
  return (
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
  );
}

/** Parses a query object (`{ "<type>": { ... } }`); `raw` is the request body, for error positions. */
export function parseQuery(q: unknown, raw: string): Query {
  if (!isObject(q))
    throw parsingError('query malformed, must start with start_object', {
      line: 1,
      col: 1,
    });
  const keys = Object.keys(q);
  if (keys.length === 0)
    throw parsingError(
      'query malformed, empty clause found',
      positionOf(raw, 'query'),
    );
  if (keys.length > 1)
    throw parsingError(
      `[${keys[0]}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]`,
      positionOf(raw, keys[1]),
    );
  const type = keys[0];
  const body = q[type];
  const pos = positionOf(raw, type);
  switch (type) {
    case 'match_all':
    case 'match_none':
      if (!isObject(body))
        throw parsingError(
          `[${type}] query malformed, no start_object after query name`,
          pos,
        );
      return { kind: type };
    case 'term':
      return parseTerm(body, raw, pos);
    case 'terms':
      return parseTerms(body, raw, pos);
    case 'range':
      return parseRange(body, raw, pos);
    case 'match_phrase':
      return parseMatchPhrase(body, raw, pos);
    case 'exists': {
      if (!isObject(body) || typeof body.field !== 'string')
        throw parsingError('[exists] must be provided with a [field]', pos);
      return { kind: 'exists', field: body.field };
    }
    case 'bool':
      return parseBool(body, raw, pos);
    default:
      if (REAL_BUT_NOT_SIMULATED.has(type))
        throw new EsError(400, {
          type: 'parsing_exception',
          reason: `[sandbox] query [${type}] exists in Elasticsearch but this simulator does not run it (it runs bool, term, terms, range, match_phrase, match_all, match_none, exists)`,
          line: pos.line,
          col: pos.col,
        });
      throw new EsError(400, {
        type: 'parsing_exception',
        reason: `unknown query [${type}]`,
        line: pos.line,
        col: pos.col,
        caused_by: {
          type: 'named_object_not_found_exception',
          reason: `[${pos.line}:${pos.col}] unknown field [${type}]`,
        },
      });
  }
}

function singleField(
  type: string,
  body: unknown,
  pos: { line: number; col: number },
): [string, unknown] {
  if (!isObject(body))
    throw parsingError(
      `[${type}] query malformed, no start_object after query name`,
      pos,
    );
  const fields = Object.keys(body).filter(k => k !== 'boost' && k !== '_name');
  if (fields.length === 0)
    throw parsingError(`[${type}] query malformed, no field`, pos);
  if (fields.length > 1)
    throw parsingError(
      `[${type}] query doesn't support multiple fields, found [${fields[0]}] and [${fields[1]}]`,
      pos,
    );
  return [fields[0], body[fields[0]]];
}

function parseTerm(
  body: unknown,
  raw: string,
  pos: { line: number; col: number },
): Query {
  const [field, spec] = singleField('term', body, pos);
  if (Array.isArray(spec))
    throw parsingError(
      '[term] query does not support array of values',
      positionOf(raw, field),
    );
  if (isObject(spec)) {
    for (const k of Object.keys(spec))
      if (!['value', 'boost', 'case_insensitive', '_name'].includes(k))
        throw parsingError(
          `[term] query does not support [${k}]`,
          positionOf(raw, k),
        );
    if (!isScalar(spec.value))
      throw parsingError(
        '[term] query does not support array of values',
        positionOf(raw, field),
      );
    return {
      kind: 'term',
      field,
      value: spec.value,
      caseInsensitive: spec.case_insensitive === true,
    };
  }
  if (!isScalar(spec))
    throw parsingError(
      `[term] query does not support [${field}]`,
      positionOf(raw, field),
    );
  return { kind: 'term', field, value: spec, caseInsensitive: false };
}

function parseTerms(
  body: unknown,
  raw: string,
  pos: { line: number; col: number },
): Query {
  const [field, values] = singleField('terms', body, pos);
  if (!Array.isArray(values))
    throw parsingError(
      `[terms] query does not support [${field}]`,
      positionOf(raw, field),
    );
  for (const v of values)
    if (!isScalar(v))
      throw parsingError(
        `[terms] query does not support [${field}]`,
        positionOf(raw, field),
      );
  return { kind: 'terms', field, values };
}

function parseRange(
  body: unknown,
  raw: string,
  pos: { line: number; col: number },
): Query {
  const [field, spec] = singleField('range', body, pos);
  if (!isObject(spec))
    throw parsingError(
      `[range] query malformed, no start_object after query name`,
      positionOf(raw, field),
    );
  const q: Extract<Query, { kind: 'range' }> = { kind: 'range', field };
  for (const [k, v] of Object.entries(spec)) {
    switch (k) {
      case 'gte':
      case 'gt':
      case 'lte':
      case 'lt':
        if (v !== null && !isScalar(v))
          throw parsingError(
            `[range] query does not support [${k}]`,
            positionOf(raw, k),
          );
        if (v !== null) q[k] = v;
        break;
      case 'format':
        if (typeof v !== 'string')
          throw parsingError(
            '[range] query does not support [format]',
            positionOf(raw, k),
          );
        q.format = v;
        break;
      case 'boost':
      case 'time_zone':
      case 'relation':
      case '_name':
        break;
      default:
        throw parsingError(
          `[range] query does not support [${k}]`,
          positionOf(raw, k),
        );
    }
  }
  return q;
}

function parseMatchPhrase(
  body: unknown,
  raw: string,
  pos: { line: number; col: number },
): Query {
  const [field, spec] = singleField('match_phrase', body, pos);
  if (isObject(spec)) {
    for (const k of Object.keys(spec))
      if (
        ![
          'query',
          'slop',
          'analyzer',
          'boost',
          'zero_terms_query',
          '_name',
        ].includes(k)
      )
        throw parsingError(
          `[match_phrase] query does not support [${k}]`,
          positionOf(raw, k),
        );
    if (!isScalar(spec.query))
      throw parsingError(
        '[match_phrase] requires query value',
        positionOf(raw, field),
      );
    return { kind: 'match_phrase', field, query: String(spec.query) };
  }
  if (!isScalar(spec))
    throw parsingError(
      `[match_phrase] query does not support [${field}]`,
      positionOf(raw, field),
    );
  return { kind: 'match_phrase', field, query: String(spec) };
}

function parseBool(
  body: unknown,
  raw: string,
  pos: { line: number; col: number },
): Query {
  if (!isObject(body))
    throw parsingError(
      '[bool] query malformed, no start_object after query name',
      pos,
    );
  const q: Extract<Query, { kind: 'bool' }> = {
    kind: 'bool',
    filter: [],
    must: [],
    mustNot: [],
    should: [],
  };
  const clauses = (v: unknown) =>
    (Array.isArray(v) ? v : [v]).map(c => parseQuery(c, raw));
  for (const [k, v] of Object.entries(body)) {
    switch (k) {
      case 'filter':
        q.filter = clauses(v);
        break;
      case 'must':
        q.must = clauses(v);
        break;
      case 'must_not':
      case 'mustNot':
        q.mustNot = clauses(v);
        break;
      case 'should':
        q.should = clauses(v);
        break;
      case 'minimum_should_match':
        if (typeof v === 'number' && Number.isInteger(v))
          q.minimumShouldMatch = v;
        else if (typeof v === 'string' && /^\d+$/.test(v))
          q.minimumShouldMatch = Number(v);
        else
          throw parsingError(
            '[bool] [sandbox] minimum_should_match is simulated for integers only',
            positionOf(raw, k),
          );
        break;
      case 'boost':
      case '_name':
      case 'adjust_pure_negative':
        break;
      default:
        throw parsingError(
          `[bool] query does not support [${k}]`,
          positionOf(raw, k),
        );
    }
  }
  return q;
}

/** A compiled query: the score of a matching document, undefined when it does not match. */
export type Matcher = (doc: EsDoc) => number | undefined;

function shardError(type: string, reason: string, extra: Json = {}): EsCause {
  return { type, reason, ...extra };
}

function comparable(
  value: unknown,
  type: string | undefined,
  field: string,
  format: string | undefined,
  nowMs: number,
): number | string | boolean {
  if (type === 'date') {
    const t = parseDate(value, format, nowMs);
    if (t === undefined) {
      const f = format ?? 'strict_date_optional_time||epoch_millis';
      throw shardError(
        'parse_exception',
        `failed to parse date field [${String(
          value,
        )}] with format [${f}]: [failed to parse date field [${String(
          value,
        )}] with format [${f}]]`,
      );
    }
    return t;
  }
  if (type === 'long' || type === 'float') {
    const n = typeof value === 'number' ? value : Number(value);
    if (
      typeof value === 'boolean' ||
      !Number.isFinite(n) ||
      (typeof value === 'string' && value.trim() === '')
    )
      throw shardError(
        'number_format_exception',
        `For input string: "${String(value)}"`,
      );
    return type === 'long' ? Math.trunc(n) : n;
  }
  if (type === 'boolean') {
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw shardError(
      'illegal_argument_exception',
      `Can't parse boolean value [${String(
        value,
      )}], expected [true] or [false]`,
    );
  }
  void field;
  return String(value);
}

function docComparable(
  v: unknown,
  type: string | undefined,
  nowMs: number,
): number | string | boolean | undefined {
  try {
    return comparable(v, type, '', undefined, nowMs);
  } catch {
    return undefined;
  }
}

/** Compiles a parsed query against one index's mapping; throws an {@link EsCause} as the shard would. */
export function compile(
  q: Query,
  mapping: IndexMapping,
  nowMs: number,
): Matcher {
  switch (q.kind) {
    case 'match_all':
      return () => 1;
    case 'match_none':
      return () => undefined;
    case 'exists':
      return d =>
        valuesOf(d.flat, mapping, q.field).length > 0 ? 1 : undefined;
    case 'term':
    case 'terms': {
      const type = mapping.typeOf(q.field);
      if (type === undefined) return () => undefined;
      const wanted = (q.kind === 'term' ? [q.value] : q.values).map(v =>
        comparable(v, type, q.field, undefined, nowMs),
      );
      const ci = q.kind === 'term' && q.caseInsensitive;
      if (isTextual(type)) {
        // a term is not analysed: it matches one indexed token exactly
        const set = new Set(wanted.map(String));
        return d =>
          valuesOf(d.flat, mapping, q.field).some(v =>
            analyze(String(v)).some(t => set.has(t)),
          )
            ? 1
            : undefined;
      }
      const norm = (v: unknown) => (ci ? String(v).toLowerCase() : v);
      const set = new Set(wanted.map(norm));
      return d =>
        valuesOf(d.flat, mapping, q.field).some(v =>
          set.has(norm(docComparable(v, type, nowMs))),
        )
          ? 1
          : undefined;
    }
    case 'range': {
      const type = mapping.typeOf(q.field);
      if (type === undefined) return () => undefined;
      if (q.format !== undefined && type === 'date')
        for (const f of q.format.split('||'))
          if (!KNOWN_DATE_FORMATS.has(f))
            throw shardError(
              'illegal_argument_exception',
              `Invalid format: [${q.format}]: Unknown pattern letter: ${f[0]}`,
            );
      const b = (v: unknown) =>
        v === undefined
          ? undefined
          : comparable(v, type, q.field, q.format, nowMs);
      const gte = b(q.gte);
      const gt = b(q.gt);
      const lte = b(q.lte);
      const lt = b(q.lt);
      return d =>
        valuesOf(d.flat, mapping, q.field).some(raw => {
          const v = docComparable(raw, type, nowMs);
          if (v === undefined) return false;
          if (gte !== undefined && !(v >= gte)) return false;
          if (gt !== undefined && !(v > gt)) return false;
          if (lte !== undefined && !(v <= lte)) return false;
          if (lt !== undefined && !(v < lt)) return false;
          return true;
        })
          ? 1
          : undefined;
    }
    case 'match_phrase': {
      const type = mapping.typeOf(q.field);
      if (type === undefined) return () => undefined;
      if (!isTextual(type)) {
        if (type === 'keyword')
          return d =>
            valuesOf(d.flat, mapping, q.field).some(v => String(v) === q.query)
              ? 1
              : undefined;
        const want = comparable(q.query, type, q.field, undefined, nowMs);
        return d =>
          valuesOf(d.flat, mapping, q.field).some(
            v => docComparable(v, type, nowMs) === want,
          )
            ? 1
            : undefined;
      }
      const phrase = analyze(q.query);
      // zero_terms_query defaults to none: a phrase with no tokens (`*`, quotes only) matches nothing
      if (phrase.length === 0) return () => undefined;
      return d =>
        valuesOf(d.flat, mapping, q.field).some(v => {
          const tokens = analyze(String(v));
          for (let i = 0; i + phrase.length <= tokens.length; i++)
            if (phrase.every((t, j) => tokens[i + j] === t)) return true;
          return false;
        })
          ? 1
          : undefined;
    }
    case 'bool': {
      const filter = q.filter.map(c => compile(c, mapping, nowMs));
      const must = q.must.map(c => compile(c, mapping, nowMs));
      const mustNot = q.mustNot.map(c => compile(c, mapping, nowMs));
      const should = q.should.map(c => compile(c, mapping, nowMs));
      const msm =
        q.minimumShouldMatch ??
        (should.length > 0 && must.length === 0 && filter.length === 0 ? 1 : 0);
      return d => {
        let score = 0;
        for (const f of filter) if (f(d) === undefined) return undefined;
        for (const m of must) {
          const s = m(d);
          if (s === undefined) return undefined;
          score += s;
        }
        for (const n of mustNot) if (n(d) !== undefined) return undefined;
        let matched = 0;
        for (const s of should) {
          const x = s(d);
          if (x !== undefined) {
            matched++;
            score += x;
          }
        }
        if (matched < msm) return undefined;
        return score;
      };
    }
    default:
      throw new Error(`unhandled query ${(q as { kind: string }).kind}`);
  }
}
