/** Rison, the URL-friendly JSON Kibana keeps its app state in (`_g`, `_a`). Strings are always quoted. */
export type RisonValue =
  | string
  | number
  | boolean
  | null
  | RisonValue[]
  | { [key: string]: RisonValue };

const ID = /^[A-Za-z_][A-Za-z0-9_.\-/~]*$/;

function quote(s: string): string {
  return `'${s.replace(/!/g, '!!').replace(/'/g, "!'")}'`;
}

export function rison(value: RisonValue): string {
  if (value === null) return '!n';
  if (value === true) return '!t';
  if (value === false) return '!f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('rison: not a finite number');
    return String(value);
  }
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `!(${value.map(rison).join(',')})`;
  return `(${Object.entries(value)
    .map(([k, v]) => `${ID.test(k) ? k : quote(k)}:${rison(v)}`)
    .join(',')})`;
}
