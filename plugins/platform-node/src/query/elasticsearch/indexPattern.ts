import type { ParseResult } from '../equalityLabels';
import { shownValue } from '../shownValue';

/**
 * One part of an index pattern: a lowercase index name with optional `*` wildcards. No exclusions (`-x`),
 * no `_all`, no remote clusters (`cluster:index`), no date math (`<logs-{now/d}>`), no path characters.
 */
const INDEX_PART = /^[a-z0-9*][a-z0-9._*+-]{0,254}$/;
const MAX_PARTS = 10;

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/**
 * Whether every index `part` can expand to is matched by the allowed glob `allowed`: the allowed glob must
 * match the part's text with its `*` kept as a character, which only an allowed `*` can absorb.
 */
function covers(allowed: string, part: string): boolean {
  return globToRegExp(allowed).test(part);
}

/** Checks an operator's allow-list entry (same syntax as a pattern part). @public */
export function esIndexPatternProblem(value: string): string | undefined {
  if (value === '*' || /^\*+$/.test(value))
    return "'*' would allow every index; name a prefix such as logs-*";
  if (!INDEX_PART.test(value) || value.includes('**'))
    return `${shownValue(
      value,
    )} is not an index pattern (lowercase letters, digits, '.', '_', '-', '+', '*' wildcards)`;
  return undefined;
}

/**
 * Checks an index pattern (comma-separated parts) from an annotation against the operator's allow-list
 * (`platform.elasticsearch.allowedIndexPatterns`): each part must be a plain name or glob and be covered by an
 * allowed pattern. Returns the pattern normalised (trimmed parts, no repeats).
 *
 * @public
 */
export function checkEsIndexPattern(
  raw: string,
  allowList: readonly string[],
  where: string,
): ParseResult<string> {
  const parts = [...new Set(raw.split(',').map(p => p.trim()))];
  if (parts.length === 0 || parts.some(p => p === ''))
    return {
      ok: false,
      message: `${where}: ${shownValue(raw)} has an empty index name`,
    };
  if (parts.length > MAX_PARTS)
    return {
      ok: false,
      message: `${where}: at most ${MAX_PARTS} index patterns`,
    };
  for (const part of parts) {
    if (!INDEX_PART.test(part) || part.includes('**'))
      return {
        ok: false,
        message: `${where}: ${shownValue(
          part,
        )} is not an index name or pattern; allowed: lowercase letters, digits, '.', '_', '-', '+' and '*' wildcards (no exclusions, remote clusters or date math)`,
      };
    if (!allowList.some(a => covers(a, part)))
      return {
        ok: false,
        message: `${where}: ${shownValue(
          part,
        )} is outside the indices the operator allows (platform.elasticsearch.allowedIndexPatterns: ${
          allowList.length ? allowList.join(', ') : 'none configured'
        })`,
      };
  }
  return { ok: true, value: parts.join(',') };
}
