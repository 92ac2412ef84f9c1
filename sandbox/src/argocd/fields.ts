/**
 * The `fields` query parameter of Argo CD's list API: keep only the listed dotted paths
 * (e.g. `items.metadata.name,items.status.sync.status`). An empty `items` list becomes `null`.
 */

type Any = any;

function pick(value: Any, path: string[]): Any {
  if (path.length === 0) return value;
  if (Array.isArray(value)) return value.map(v => pick(v, path) ?? {});
  if (value === null || typeof value !== 'object') return undefined;
  if (!Object.prototype.hasOwnProperty.call(value, path[0])) return undefined;
  const sub = pick(value[path[0]], path.slice(1));
  return sub === undefined ? undefined : { [path[0]]: sub };
}

function merge(a: Any, b: Any): Any {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (Array.isArray(a) && Array.isArray(b))
    return a.map((x, i) => merge(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const out: Any = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v);
    return out;
  }
  return b;
}

export function parseFields(param: string | null): string[][] | undefined {
  if (param === null) return undefined;
  const paths = param
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .map(s => s.split('.').filter(Boolean));
  return paths;
}

export function filterFields(
  list: { metadata?: unknown; items: unknown[] },
  fields: string[][],
): Record<string, unknown> {
  let out: Any = {};
  for (const path of fields) out = merge(out, pick(list, path) ?? {});
  if (fields.some(p => p[0] === 'items')) {
    out.items =
      list.items.length === 0 ? null : out.items ?? list.items.map(() => ({}));
  } else if (list.items.length === 0) {
    out.items = null;
  }
  return out;
}
