import { LABEL_NAME_PATTERN } from './names';

/** One `name=value` pair read from an annotation. @public */
export interface EqualityMatcher {
  name: string;
  value: string;
}

/** Either the parsed matchers or a message saying what is wrong and what is allowed. @public */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; message: string };

const MAX_PAIRS = 20;
const MAX_VALUE_LENGTH = 256;

/**
 * Parses an annotation of the form `name=value,name2=value2` strictly: equality only, label names in
 * Prometheus syntax, no duplicate names, no empty values. Values are kept verbatim (trimmed) and must be
 * escaped by the query builder that uses them; a comma cannot be part of a value.
 *
 * @public
 */
export function parseEqualityMatchers(
  raw: string,
  annotation: string,
): ParseResult<EqualityMatcher[]> {
  const fail = (why: string): ParseResult<EqualityMatcher[]> => ({
    ok: false,
    message: `Annotation ${annotation} ${why}; expected name=value pairs separated by commas, equality only (e.g. app=login-js,container=web)`,
  });
  const parts = raw.split(',').map(part => part.trim());
  if (parts.length === 0 || parts.every(part => part === '')) {
    return fail('is empty');
  }
  if (parts.length > MAX_PAIRS) {
    return fail(`has more than ${MAX_PAIRS} pairs`);
  }
  const seen = new Set<string>();
  const matchers: EqualityMatcher[] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      return fail(`has an item without name=value: '${part.slice(0, 40)}'`);
    }
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!LABEL_NAME_PATTERN.test(name)) {
      // Also catches `name!=v`: the name would end in `!`.
      return fail(`has an invalid label name '${name.slice(0, 40)}'`);
    }
    if (value.startsWith('~') || value.startsWith('=')) {
      return fail(`uses an operator other than '=' for '${name}'`);
    }
    if (value === '') {
      return fail(`has an empty value for '${name}'`);
    }
    if (value.length > MAX_VALUE_LENGTH) {
      return fail(
        `has a value longer than ${MAX_VALUE_LENGTH} characters for '${name}'`,
      );
    }
    if (seen.has(name)) {
      return fail(`names '${name}' twice`);
    }
    seen.add(name);
    matchers.push({ name, value });
  }
  return { ok: true, value: matchers };
}
