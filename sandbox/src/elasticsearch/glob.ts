/** Elasticsearch's simple `*` wildcard (index expressions, privileges, `_source` patterns) as a RegExp. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

export function globMatch(pattern: string, value: string): boolean {
  return globToRegExp(pattern).test(value);
}
