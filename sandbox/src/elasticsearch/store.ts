/**
 * The documents of the Elasticsearch simulator: one shard per index, documents in arrival order (the position
 * is the Lucene doc id that `_doc` sorts on).
 */
import { randomBytes } from 'node:crypto';
import { illegalArgument, indexNotFound, EsError } from './errors.ts';
import { globToRegExp } from './glob.ts';
import { flatten, IndexMapping } from './mapping.ts';

export interface EsDoc {
  index: string;
  id: string;
  /** the doc id within its shard */
  seq: number;
  source: Record<string, unknown>;
  flat: Map<string, unknown[]>;
}

export interface EsIndex {
  name: string;
  uuid: string;
  mapping: IndexMapping;
  docs: EsDoc[];
  bytes: number;
}

/** Options of index resolution, as the `ignore_unavailable` / `allow_no_indices` URL parameters set them. */
export interface ResolveOptions {
  ignoreUnavailable: boolean;
  allowNoIndices: boolean;
}

const INDEX_NAME_BAD = /[\\/*?"<>| ,#:]/;

/** Checks a concrete index name as Elasticsearch does when creating an index. */
export function checkIndexName(name: string): void {
  const bad = (why: string) =>
    new EsError(400, {
      type: 'invalid_index_name_exception',
      reason: `Invalid index name [${name}], ${why}`,
      index_uuid: '_na_',
      index: name,
    });
  if (name !== name.toLowerCase()) throw bad('must be lowercase');
  if (INDEX_NAME_BAD.test(name))
    throw bad(
      'must not contain the following characters [ , ", *, \\, <, |, ,, >, /, ?]',
    );
  if (/^[-_+]/.test(name)) throw bad("must not start with '_', '-', or '+'");
  if (name === '.' || name === '..') throw bad("must not be '.' or '..'");
  if (Buffer.byteLength(name) > 255) throw bad('index name is too long');
}

export class EsStore {
  private readonly indices = new Map<string, EsIndex>();

  /** Indexes one document (creating the index on first use, like auto-create); returns its id. */
  add(index: string, source: Record<string, unknown>, id?: string): EsDoc {
    checkIndexName(index);
    let idx = this.indices.get(index);
    if (!idx) {
      idx = {
        name: index,
        uuid: randomBytes(16).toString('base64url').slice(0, 22),
        mapping: new IndexMapping(index),
        docs: [],
        bytes: 0,
      };
      this.indices.set(index, idx);
    }
    const flat = flatten(source);
    idx.mapping.learn(flat);
    const doc: EsDoc = {
      index,
      id: id ?? randomBytes(15).toString('base64url'),
      seq: idx.docs.length,
      source,
      flat,
    };
    idx.docs.push(doc);
    idx.bytes += Buffer.byteLength(JSON.stringify(source));
    return doc;
  }

  get(name: string): EsIndex | undefined {
    return this.indices.get(name);
  }

  all(): EsIndex[] {
    return [...this.indices.values()].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  }

  /**
   * Resolves an index expression (`a,b`, `logs-*`, `_all`, `*`, exclusions `-x*` after a wildcard) to concrete
   * indices, in name order. A concrete missing name is a 404 unless `ignoreUnavailable`; an expression
   * resolving to nothing is a 404 only when `allowNoIndices` is false.
   */
  resolve(expression: string, o: ResolveOptions): EsIndex[] {
    const parts = expression === '' ? ['_all'] : expression.split(',');
    const chosen = new Set<string>();
    let sawWildcard = false;
    for (const raw of parts) {
      const part = raw.trim();
      if (part === '')
        throw illegalArgument(
          `index expression [${expression}] contains an empty name`,
        );
      if (part.startsWith('-') && sawWildcard) {
        const re = globToRegExp(part.slice(1));
        for (const n of [...chosen]) if (re.test(n)) chosen.delete(n);
        continue;
      }
      if (part === '_all' || part.includes('*')) {
        sawWildcard = true;
        const re = globToRegExp(part === '_all' ? '*' : part);
        const hits = this.all().filter(
          i => re.test(i.name) && !i.name.startsWith('.'),
        );
        for (const i of hits) chosen.add(i.name);
        if (hits.length === 0 && !o.allowNoIndices && !o.ignoreUnavailable)
          throw indexNotFound(part);
        continue;
      }
      checkIndexName(part);
      if (this.indices.has(part)) chosen.add(part);
      else if (!o.ignoreUnavailable) throw indexNotFound(part);
    }
    if (chosen.size === 0 && !o.allowNoIndices) throw indexNotFound(expression);
    return [...chosen].sort().map(n => this.indices.get(n)!);
  }
}
