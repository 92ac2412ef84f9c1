/**
 * Groovy literal rendering. Only single-quoted forms are produced: Groovy never interpolates `$` in them,
 * so a value can end the string only through `'` or `\`, which are escaped here.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]/;

function escapeSingleQuoted(value: string): string {
  if (CONTROL.test(value)) {
    throw new Error('Groovy string values must not contain control characters');
  }
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

/** `'value'` with `\`, `'` and line breaks escaped; for one-line values. */
export function groovyString(value: string): string {
  return `'${escapeSingleQuoted(value)
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')}'`;
}

/** `'''value'''` with `\` and `'` escaped; line breaks kept (pod YAML, shell scripts). */
export function groovyMultiline(value: string): string {
  return `'''${escapeSingleQuoted(value)}'''`;
}
