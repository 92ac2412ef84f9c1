import { unquoteGoString } from './goString';

/**
 * Adversarial values every builder test runs through: each must come back unchanged from the literal
 * it was put in, and must not change the query's structure.
 *
 * @internal
 */
export const ADVERSARIAL_VALUES = [
  'plain',
  '"} or {namespace="other"}',
  '|~ ".*"',
  'back\\slash\\',
  '\\"',
  'line1\nline2\r\n',
  'tab\there',
  '`backtick` ${x}',
  "single ' quote",
  'ünïcødé 日本語 🚀',
  'nul\u0000bell\u0007del\u007f',
  'sep\u2028\u2029bom\ufeff',
  '} |= "" or vector(1) #',
  '&& status = ok } | { true',
];

/**
 * Splits a query into its skeleton (each double-quoted literal replaced by `S`) and the unquoted
 * literals, failing on any stray quote or raw control character.
 *
 * @internal
 */
export function dissect(query: string): {
  skeleton: string;
  literals: string[];
} {
  // eslint-disable-next-line no-control-regex -- the point is to find raw control characters
  if (/[\u0000-\u001f\u007f]/.test(query)) {
    throw new Error(`raw control character in ${JSON.stringify(query)}`);
  }
  const literals: string[] = [];
  const skeleton = query.replace(/"(?:[^"\\]|\\.)*"/g, literal => {
    literals.push(unquoteGoString(literal));
    return 'S';
  });
  if (skeleton.includes('"')) {
    throw new Error(`unbalanced quote in ${query}`);
  }
  return { skeleton, literals };
}
