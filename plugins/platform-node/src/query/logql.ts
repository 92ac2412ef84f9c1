import type { LogLevel } from '@paved-road/backstage-plugin-platform-common';
import { EqualityMatcher, ParseResult } from './equalityLabels';
import { LABEL_NAME_PATTERN } from './names';
import { quoteGoString } from './goString';

/** @public */
export interface LogSelectorInput {
  /** Equality matchers from `platform.paved-road.dev/loki-labels`, or the default derived from the entity. */
  labels: EqualityMatcher[];
  /** The operator's bound (`platform.scope.lokiNamespaceLabel` = the entity's namespace); always added. */
  scope?: EqualityMatcher;
}

/**
 * Builds a LogQL stream selector from equality matchers. The scope matcher is always part of it and an
 * annotation naming the scope label is refused, so a catalog file cannot widen what it reads.
 *
 * @public
 */
export function buildLogSelector(input: LogSelectorInput): ParseResult<string> {
  const { labels, scope } = input;
  if (scope && labels.some(label => label.name === scope.name)) {
    return {
      ok: false,
      message: `The label '${scope.name}' is set by the platform to the entity's namespace and cannot be chosen by an annotation`,
    };
  }
  const all = scope ? [scope, ...labels] : labels;
  if (all.length === 0) {
    return { ok: false, message: 'A log selector needs at least one label' };
  }
  for (const { name, value } of all) {
    if (!LABEL_NAME_PATTERN.test(name) || value === '') {
      return { ok: false, message: `Invalid log label '${name}'` };
    }
  }
  return {
    ok: true,
    value: `{${all
      .map(({ name, value }) => `${name}=${quoteGoString(value)}`)
      .join(', ')}}`,
  };
}

const LEVEL_WORDS: Record<Exclude<LogLevel, 'unknown'>, string[]> = {
  trace: ['trace'],
  debug: ['debug', 'dbg'],
  info: ['info', 'information'],
  warn: ['warn', 'warning'],
  error: ['error', 'err'],
  fatal: ['fatal', 'critical', 'panic'],
};

/**
 * A line-filter regular expression matching JSON (`"level":"error"`) and logfmt (`level=error`) lines of
 * the given levels. Built only from the fixed words above, never from user text.
 *
 * @public
 */
export function levelLineRegex(levels: LogLevel[]): string | undefined {
  if (levels.length === 0 || levels.includes('unknown')) {
    // "unknown" means "no recognisable level": a line filter cannot express that, the caller filters.
    return undefined;
  }
  const words = [
    ...new Set(
      levels.flatMap(
        level => LEVEL_WORDS[level as Exclude<LogLevel, 'unknown'>],
      ),
    ),
  ];
  return `(?i)(?:"(?:level|severity|lvl)"\\s*:\\s*"|\\b(?:level|severity|lvl)=)"?(?:${words.join(
    '|',
  )})\\b`;
}

/** @public */
export interface LogQueryInput {
  selector: string;
  /** Free text the line must contain (case-sensitive substring). */
  text?: string;
  /** Lowercase hex trace id the line must contain. */
  traceId?: string;
  levels?: LogLevel[];
}

/**
 * Appends line filters to a selector. Every user value is a quoted Go string literal, so text such as
 * `"} or {` or `|~ ".*"` is searched for literally.
 *
 * @public
 */
export function buildLogQuery(input: LogQueryInput): string {
  let query = input.selector;
  if (input.traceId) {
    if (!/^[0-9a-f]{16,32}$/.test(input.traceId)) {
      throw new Error('traceId must be 16-32 lowercase hex digits');
    }
    query += ` |= ${quoteGoString(input.traceId)}`;
  }
  if (input.text) {
    query += ` |= ${quoteGoString(input.text)}`;
  }
  const levelRegex = levelLineRegex(input.levels ?? []);
  if (levelRegex) {
    query += ` |~ ${quoteGoString(levelRegex)}`;
  }
  return query;
}
