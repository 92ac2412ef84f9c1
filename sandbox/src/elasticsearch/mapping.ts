/**
 * Field types of the simulated indices. Indices matching `logs-*` get the ECS fields of the built-in `logs`
 * index template (keyword for names and ids, `match_only_text` for `message`, `date` for `@timestamp`); any other
 * field is mapped dynamically on first sight as Elasticsearch does by default: a string that parses as a date
 * becomes `date`, any other string `text` with a `.keyword` sub-field, numbers `long`/`float`, booleans
 * `boolean`.
 */
export type FieldType =
  | 'date'
  | 'keyword'
  | 'text'
  | 'match_only_text'
  | 'long'
  | 'float'
  | 'boolean';

const ECS_LOGS: Record<string, FieldType> = {
  '@timestamp': 'date',
  message: 'match_only_text',
  'log.level': 'keyword',
  'log.logger': 'keyword',
  'service.name': 'keyword',
  'service.environment': 'keyword',
  'kubernetes.namespace': 'keyword',
  'kubernetes.pod.name': 'keyword',
  'kubernetes.container.name': 'keyword',
  'trace.id': 'keyword',
  'span.id': 'keyword',
  'transaction.id': 'keyword',
  'host.name': 'keyword',
  'event.dataset': 'keyword',
  'data_stream.type': 'keyword',
  'data_stream.dataset': 'keyword',
  'data_stream.namespace': 'keyword',
  'http.request.method': 'keyword',
  'url.path': 'keyword',
  'http.response.status_code': 'long',
  'event.duration': 'long',
};

const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function isTextual(t: FieldType | undefined): boolean {
  return t === 'text' || t === 'match_only_text';
}

export class IndexMapping {
  private readonly fields = new Map<string, FieldType>();

  constructor(indexName: string) {
    if (indexName.startsWith('logs-'))
      for (const [k, v] of Object.entries(ECS_LOGS)) this.fields.set(k, v);
  }

  typeOf(field: string): FieldType | undefined {
    return this.fields.get(field);
  }

  /** Maps the leaves of a new document that are not mapped yet (dynamic mapping). */
  learn(flat: Map<string, unknown[]>): void {
    for (const [path, values] of flat) {
      if (this.fields.has(path)) continue;
      const v = values.find(x => x !== null && x !== undefined);
      if (v === undefined) continue;
      if (typeof v === 'boolean') this.fields.set(path, 'boolean');
      else if (typeof v === 'number')
        this.fields.set(path, Number.isInteger(v) ? 'long' : 'float');
      else if (typeof v === 'string') {
        if (ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)))
          this.fields.set(path, 'date');
        else {
          this.fields.set(path, 'text');
          this.fields.set(`${path}.keyword`, 'keyword');
        }
      }
    }
  }
}

/** Flattens `_source` into dotted leaf paths (objects and dotted keys alike; arrays give several values). */
export function flatten(
  source: Record<string, unknown>,
): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const add = (path: string, v: unknown) => {
    if (Array.isArray(v)) {
      for (const x of v) add(path, x);
      return;
    }
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>))
        add(path ? `${path}.${k}` : k, x);
      return;
    }
    const list = out.get(path) ?? [];
    list.push(v);
    out.set(path, list);
  };
  add('', source);
  return out;
}

/** Values of `field` in a flattened document; `x.keyword` of a dynamically mapped string reads `x`. */
export function valuesOf(
  flat: Map<string, unknown[]>,
  mapping: IndexMapping,
  field: string,
): unknown[] {
  const direct = flat.get(field);
  if (direct) return direct.filter(v => v !== null);
  if (field.endsWith('.keyword') && mapping.typeOf(field) === 'keyword') {
    const base = flat.get(field.slice(0, -'.keyword'.length));
    if (base) return base.filter(v => typeof v === 'string' && v.length <= 256);
  }
  return [];
}

/**
 * The standard analyzer, approximated: Unicode word runs (letters, digits, `_`), kept together across `.` and
 * `'` between word characters as UAX #29 does, lower-cased. `*`, quotes, `:` and brackets are separators, so a
 * query string's operators are just text (or nothing) here.
 */
export function analyze(text: string): string[] {
  return (
    text
      .match(/[\p{L}\p{N}_]+(?:[.'][\p{L}\p{N}_]+)*/gu)
      ?.map(t => t.toLowerCase()) ?? []
  );
}
