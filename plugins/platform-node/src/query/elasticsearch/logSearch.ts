import type { LogLevel } from '@paved-road/backstage-plugin-platform-common';
import type { ParseResult } from '../equalityLabels';
import { isNamespaceName } from '../namespaceBound';
import { shownValue } from '../shownValue';
import { checkEsFieldName, type EsLogFields } from './fields';

/** One clause of the query DSL as sent; only the builder below makes them. @public */
export type EsQueryClause = Record<string, unknown>;

/** The body of a `_search` the logs source sends. @public */
export interface EsSearchBody {
  query: { bool: { filter: EsQueryClause[] } };
  sort: Record<string, unknown>[];
  size: number;
  search_after?: EsSortValues;
  _source: string[];
  track_total_hits: boolean;
}

/** A hit's `sort` values, handed back as `search_after` for the next page: `[timestamp ms, tiebreaker]`. @public */
export type EsSortValues = [number, number | string];

/** Elasticsearch's default `index.max_result_window`: `from + size` above it is refused. @public */
export const ES_MAX_RESULT_WINDOW = 10_000;

/** @public */
export interface EsLogSearchInput {
  fields: EsLogFields;
  /** The service's value of `fields.service` (from the entity: annotation or kubernetes id). */
  service: string;
  /** The entity's namespace: always a filter, like Loki's scope label. */
  namespace: string;
  levels?: LogLevel[];
  /** Text the message must contain as a phrase (`match_phrase`: words in order, analysed as the field is). */
  text?: string;
  /** 16 or 32 lowercase hex digits; a 64-bit id also matches its zero-padded 32-digit form and back. */
  traceId?: string;
  range: { startMs: number; endMs: number };
  size: number;
  /** The last hit's `sort` of the previous page (older lines for `backward`, newer for `forward`). */
  searchAfter?: unknown;
  /** `backward` (default): newest first; `forward`: oldest first (the live view's poll). */
  direction?: 'backward' | 'forward';
  /**
   * Second sort key, so lines with the same timestamp page without gaps or repeats: `_doc` (default; its
   * order is per shard, so exact only within one index) or a unique keyword/numeric field such as
   * `event.sequence`, checked like every field name.
   */
  tiebreaker?: string;
}

const MAX_TEXT = 256;
const MAX_SERVICE = 256;
const MAX_SORT_STRING = 512;
const TRACE_ID = /^(?:[0-9a-f]{16}|[0-9a-f]{32})$/;
const ZERO_HIGH = '0'.repeat(16);

function hasControl(value: string): boolean {
  return [...value].some(c => {
    const code = c.codePointAt(0)!;
    return code < 0x20 || code === 0x7f;
  });
}

/** The values a level field holds for each level, in the spellings loggers use. */
const LEVEL_WORDS: Record<Exclude<LogLevel, 'unknown'>, string[]> = {
  trace: ['trace'],
  debug: ['debug', 'dbg'],
  info: ['info', 'information', 'informational', 'notice'],
  warn: ['warn', 'warning'],
  error: ['error', 'err'],
  fatal: ['fatal', 'critical', 'crit', 'panic', 'emergency', 'alert'],
};
const KNOWN_LEVELS = Object.keys(LEVEL_WORDS) as Exclude<LogLevel, 'unknown'>[];

/** `error` -> error, ERROR, Error: a keyword field is case-sensitive and loggers differ. */
function spellings(words: string[]): string[] {
  return [
    ...new Set(
      words.flatMap(w => [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1)]),
    ),
  ];
}

function levelClause(
  field: string,
  levels: LogLevel[],
): ParseResult<EsQueryClause | undefined> {
  for (const l of levels)
    if (l !== 'unknown' && !KNOWN_LEVELS.includes(l))
      return {
        ok: false,
        message: `levels: ${shownValue(String(l))} is not a level; allowed: ${[
          ...KNOWN_LEVELS,
          'unknown',
        ].join(', ')}`,
      };
  const chosen = KNOWN_LEVELS.filter(l => levels.includes(l));
  if (
    levels.length === 0 ||
    (chosen.length === KNOWN_LEVELS.length && levels.includes('unknown'))
  )
    return { ok: true, value: undefined };
  const should: EsQueryClause[] = [];
  if (chosen.length)
    should.push({
      terms: { [field]: spellings(chosen.flatMap(l => LEVEL_WORDS[l])) },
    });
  if (levels.includes('unknown'))
    // no level, or one no logger spelling above names
    should.push({
      bool: {
        must_not: [
          {
            terms: {
              [field]: spellings(KNOWN_LEVELS.flatMap(l => LEVEL_WORDS[l])),
            },
          },
        ],
      },
    });
  return {
    ok: true,
    value:
      should.length === 1
        ? should[0]
        : { bool: { should, minimum_should_match: 1 } },
  };
}

function traceIdForms(id: string): string[] {
  if (id.length === 16) return [id, ZERO_HIGH + id];
  if (id.startsWith(ZERO_HIGH)) return [id, id.slice(16)];
  return [id];
}

function checkSearchAfter(
  value: unknown,
  tiebreakerIsDoc: boolean,
): ParseResult<EsSortValues> {
  const fail = (why: string): ParseResult<EsSortValues> => ({
    ok: false,
    message: `searchAfter ${why}; expected [timestamp in ms, ${
      tiebreakerIsDoc ? 'doc number' : 'tiebreaker value'
    }] as returned in a hit's sort`,
  });
  if (!Array.isArray(value) || value.length !== 2) return fail('is not a pair');
  const [ts, tie] = value as unknown[];
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts))
    return fail('has a timestamp that is not an integer');
  if (typeof tie === 'number') {
    if (!Number.isSafeInteger(tie) || (tiebreakerIsDoc && tie < 0))
      return fail('has a tiebreaker that is not a whole number');
    return { ok: true, value: [ts, tie] };
  }
  if (
    !tiebreakerIsDoc &&
    typeof tie === 'string' &&
    tie.length <= MAX_SORT_STRING &&
    !hasControl(tie)
  )
    return { ok: true, value: [ts, tie] };
  return fail('has a tiebreaker of the wrong type');
}

/**
 * Builds a logs `_search` body from structured clauses only: `term` on the service and namespace fields,
 * `terms` on the level and trace id, `range` on the timestamp (epoch millis), `match_phrase` for the text,
 * `sort` on the timestamp with a tiebreaker and `search_after` for paging. Every value is a JSON string inside
 * a term-level or phrase clause, so `*`, `OR`, `_exists_:x`, quotes or `{"script":…}` are searched for as
 * text, never parsed as a query; nothing ever becomes a `query_string` or a script. Field names must already
 * be checked ({@link parseEsLogFields}); they are checked again here.
 *
 * @public
 */
export function buildEsLogSearch(
  input: EsLogSearchInput,
): ParseResult<EsSearchBody> {
  const fail = (message: string): ParseResult<EsSearchBody> => ({
    ok: false,
    message,
  });
  const f = input.fields;
  for (const [role, name] of Object.entries(f)) {
    const checked = checkEsFieldName(String(name), `fields.${role}`);
    if (!checked.ok) return fail(checked.message);
  }
  const tiebreaker = input.tiebreaker ?? '_doc';
  if (tiebreaker !== '_doc') {
    const checked = checkEsFieldName(tiebreaker, 'tiebreaker');
    if (!checked.ok) return fail(`${checked.message} (or '_doc')`);
  }
  if (
    typeof input.service !== 'string' ||
    input.service === '' ||
    input.service.length > MAX_SERVICE ||
    hasControl(input.service)
  )
    return fail(
      `service: ${shownValue(
        String(input.service),
      )} must be 1-${MAX_SERVICE} characters without control characters`,
    );
  if (typeof input.namespace !== 'string' || !isNamespaceName(input.namespace))
    return fail(
      `namespace: ${shownValue(
        String(input.namespace),
      )} is not a Kubernetes namespace name`,
    );
  const { startMs, endMs } = input.range;
  if (
    !Number.isSafeInteger(startMs) ||
    !Number.isSafeInteger(endMs) ||
    startMs < 0 ||
    endMs < startMs
  )
    return fail(
      'range: startMs and endMs must be whole milliseconds with startMs <= endMs',
    );
  if (
    !Number.isSafeInteger(input.size) ||
    input.size < 1 ||
    input.size > ES_MAX_RESULT_WINDOW
  )
    return fail(
      `size: must be a whole number from 1 to ${ES_MAX_RESULT_WINDOW} (index.max_result_window)`,
    );

  const filter: EsQueryClause[] = [
    { term: { [f.namespace]: input.namespace } },
    { term: { [f.service]: input.service } },
    {
      range: {
        [f.timestamp]: { gte: startMs, lte: endMs, format: 'epoch_millis' },
      },
    },
  ];
  const level = levelClause(f.level, input.levels ?? []);
  if (!level.ok) return fail(level.message);
  if (level.value) filter.push(level.value);
  if (input.traceId !== undefined) {
    if (typeof input.traceId !== 'string' || !TRACE_ID.test(input.traceId))
      return fail(
        `traceId: ${shownValue(
          String(input.traceId),
        )} must be 16 or 32 lowercase hex digits`,
      );
    filter.push({ terms: { [f.traceId]: traceIdForms(input.traceId) } });
  }
  if (input.text !== undefined) {
    if (
      typeof input.text !== 'string' ||
      input.text.trim() === '' ||
      input.text.length > MAX_TEXT ||
      hasControl(input.text)
    )
      return fail(
        `text: must be 1-${MAX_TEXT} characters without control characters`,
      );
    filter.push({ match_phrase: { [f.message]: { query: input.text } } });
  }
  const order = input.direction === 'forward' ? 'asc' : 'desc';
  const body: EsSearchBody = {
    query: { bool: { filter } },
    sort: [
      { [f.timestamp]: { order, unmapped_type: 'date' } },
      tiebreaker === '_doc'
        ? { _doc: order }
        : { [tiebreaker]: { order, unmapped_type: 'keyword' } },
    ],
    size: input.size,
    _source: [...new Set(Object.values(f))],
    track_total_hits: false,
  };
  if (input.searchAfter !== undefined) {
    const after = checkSearchAfter(input.searchAfter, tiebreaker === '_doc');
    if (!after.ok) return fail(after.message);
    body.search_after = after.value;
  }
  return { ok: true, value: body };
}
