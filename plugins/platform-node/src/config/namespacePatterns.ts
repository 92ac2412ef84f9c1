import { namespacePatternProblem } from '../query/namespaceBound';
import { failConfig } from './configSectionReader';

/** A configured list of namespace names or `*` globs at `fullKey`; `whenUnset` says what leaving it out means. */
export function namespacePatterns(
  value: unknown,
  fullKey: string,
  whenUnset = 'leave the key out to not bound by it',
): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    failConfig(
      fullKey,
      `expected a non-empty list of namespace names or globs (e.g. [msa, 'team-a-*']); ${whenUnset}`,
    );
  }
  return value.map((item, index) => {
    if (typeof item !== 'string') {
      failConfig(
        `${fullKey}[${index}]`,
        `expected a namespace name or glob, got ${typeof item}`,
      );
    }
    const problem = namespacePatternProblem(item);
    if (problem) {
      failConfig(`${fullKey}[${index}]`, problem);
    }
    return item;
  });
}
