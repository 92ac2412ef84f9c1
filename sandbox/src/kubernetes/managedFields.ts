/**
 * Field ownership for server-side apply, in the apiserver's `FieldsV1` format.
 *
 * A field path is a list of elements: `f:<key>` for a map key and `v:<json>` for an item of a set-like
 * list (only `metadata.finalizers` here; every other list is atomic, as for a CRD with
 * `x-kubernetes-preserve-unknown-fields`).
 */
import { deepEqual, isObject, type Json } from './patch.ts';
import { compare } from '../order.ts';

const SEP = '\u0000';
/** Fields the apiserver never tracks. */
const IGNORED_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
]);
const SET_LISTS = new Set([`f:metadata${SEP}f:finalizers`]);

export type FieldSet = Set<string>;

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
}

export interface Ownership {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fields: FieldSet;
}

/** Every leaf field path of an object. */
export function leafPaths(obj: Json): FieldSet {
  const out: FieldSet = new Set();
  if (!isObject(obj)) return out;
  const walk = (value: Json, prefix: string) => {
    if (SET_LISTS.has(prefix) && Array.isArray(value)) {
      if (value.length === 0) out.add(prefix);
      for (const item of value)
        out.add(`${prefix}${SEP}v:${JSON.stringify(item)}`);
      return;
    }
    if (isObject(value) && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value))
        walk(v, `${prefix}${SEP}f:${k}`);
      return;
    }
    out.add(prefix);
  };
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind') continue;
    if (k === 'metadata' && isObject(v)) {
      for (const [mk, mv] of Object.entries(v)) {
        if (IGNORED_METADATA.has(mk)) continue;
        walk(mv, `f:metadata${SEP}f:${mk}`);
      }
      continue;
    }
    walk(v, `f:${k}`);
  }
  return out;
}

/** The value a path designates, or undefined. For set items: true when present. */
export function valueAt(obj: Json, path: string): Json | undefined {
  let cur: Json | undefined = obj;
  for (const el of path.split(SEP)) {
    if (el.startsWith('v:')) {
      if (!Array.isArray(cur)) return undefined;
      const item = JSON.parse(el.slice(2)) as Json;
      return cur.some(x => deepEqual(x, item)) ? true : undefined;
    }
    if (!isObject(cur)) return undefined;
    const key = el.slice(2);
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Removes a leaf path from an object (in place), pruning maps that become empty. */
export function removePath(obj: Json, path: string): void {
  const els = path.split(SEP);
  const chain: { [key: string]: Json }[] = [];
  let cur: Json | undefined = obj;
  for (let i = 0; i < els.length - 1; i++) {
    if (!isObject(cur)) return;
    chain.push(cur);
    cur = cur[els[i].slice(2)];
  }
  const last = els[els.length - 1];
  if (last.startsWith('v:')) {
    if (!Array.isArray(cur)) return;
    const item = JSON.parse(last.slice(2)) as Json;
    const idx = cur.findIndex(x => deepEqual(x, item));
    if (idx >= 0) cur.splice(idx, 1);
    return;
  }
  if (!isObject(cur)) return;
  delete cur[last.slice(2)];
  // prune empty parents, never metadata itself or the root
  let child: { [key: string]: Json } = cur;
  for (let i = chain.length - 1; i >= 1; i--) {
    if (Object.keys(child).length > 0) break;
    delete chain[i][els[i].slice(2)];
    child = chain[i];
  }
}

/** Renders a set of paths as `fieldsV1`. */
export function toFieldsV1(fields: FieldSet): Record<string, unknown> {
  const root: Record<string, any> = {};
  for (const path of [...fields].sort()) {
    const els = path.split(SEP);
    let node = root;
    els.forEach((el, i) => {
      node[el] = node[el] ?? {};
      const isLeaf = i === els.length - 1;
      const topMetadata = i === 0 && el === 'f:metadata';
      if (!isLeaf && !topMetadata && !el.startsWith('v:')) node[el]['.'] = {};
      node = node[el];
    });
  }
  return sortKeys(root) as Record<string, unknown>;
}

function sortKeys(v: unknown): unknown {
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  const dotFirst = (a: string, b: string) => {
    if (a === '.') return -1;
    if (b === '.') return 1;
    return compare(a, b);
  };
  for (const k of Object.keys(v).sort(dotFirst)) {
    out[k] = sortKeys(v[k]);
  }
  return out;
}

/** Human form of a path for conflict messages: `.spec.project`, `.metadata.finalizers[="x"]`. */
export function describePath(path: string): string {
  return path
    .split(SEP)
    .map(el => (el.startsWith('v:') ? `[=${el.slice(2)}]` : `.${el.slice(2)}`))
    .join('');
}

export function toEntries(owners: Ownership[]): ManagedFieldsEntry[] {
  return owners
    .filter(o => o.fields.size > 0)
    .map(o => ({
      apiVersion: o.apiVersion,
      fieldsType: 'FieldsV1' as const,
      fieldsV1: toFieldsV1(o.fields),
      manager: o.manager,
      operation: o.operation,
      time: o.time,
    }));
}

function findOwner(
  owners: Ownership[],
  manager: string,
  operation: 'Apply' | 'Update',
): Ownership | undefined {
  return owners.find(o => o.manager === manager && o.operation === operation);
}

/** Records a non-apply write (create, update, patch): the manager takes every changed field. */
export function recordUpdate(
  owners: Ownership[],
  manager: string,
  apiVersion: string,
  before: Json | undefined,
  after: Json,
  now: string,
): Ownership[] {
  const oldPaths = before === undefined ? new Set<string>() : leafPaths(before);
  const newPaths = leafPaths(after);
  const changed = [...newPaths].filter(
    p =>
      !oldPaths.has(p) ||
      !deepEqual(valueAt(before as Json, p), valueAt(after, p)),
  );
  const next = owners.map(o => ({
    ...o,
    fields: new Set([...o.fields].filter(p => newPaths.has(p))),
  }));
  for (const o of next) for (const p of changed) o.fields.delete(p);
  if (changed.length > 0) {
    let mine = findOwner(next, manager, 'Update');
    if (!mine) {
      mine = {
        manager,
        operation: 'Update',
        apiVersion,
        time: now,
        fields: new Set(),
      };
      next.push(mine);
    }
    for (const p of changed) mine.fields.add(p);
    mine.time = now;
  }
  return next.filter(o => o.fields.size > 0);
}

export interface Conflict {
  manager: string;
  /** how the other manager wrote the field: the apiserver names the apiVersion of `Update` managers only */
  operation: 'Apply' | 'Update';
  apiVersion: string;
  field: string;
}

/** Fields of an apply configuration that another manager owns with a different value. */
export function applyConflicts(
  owners: Ownership[],
  manager: string,
  current: Json,
  config: Json,
): Conflict[] {
  const paths = leafPaths(config);
  const out: Conflict[] = [];
  for (const o of owners) {
    if (o.manager === manager) continue;
    for (const p of paths) {
      if (
        o.fields.has(p) &&
        !deepEqual(valueAt(current, p), valueAt(config, p))
      ) {
        out.push({
          manager: o.manager,
          operation: o.operation,
          apiVersion: o.apiVersion,
          field: describePath(p),
        });
      }
    }
  }
  return out;
}

/** Deep-merges an apply configuration into an object: maps merge, lists are replaced (atomic). */
export function mergeApply(current: Json, config: Json): Json {
  if (!isObject(config) || !isObject(current)) return config;
  const out: { [key: string]: Json } = { ...current };
  for (const [k, v] of Object.entries(config)) {
    if (k === 'metadata' && isObject(v) && isObject(out.metadata)) {
      const meta = { ...out.metadata };
      for (const [mk, mv] of Object.entries(v)) {
        if (IGNORED_METADATA.has(mk)) continue;
        if (
          mk === 'finalizers' &&
          Array.isArray(mv) &&
          Array.isArray(meta.finalizers)
        ) {
          const merged = [...meta.finalizers];
          for (const f of mv)
            if (!merged.some(x => deepEqual(x, f))) merged.push(f);
          meta.finalizers = merged;
        } else meta[mk] = mergeApply(meta[mk] as Json, mv);
      }
      out.metadata = meta;
    } else {
      out[k] = mergeApply(out[k] as Json, v);
    }
  }
  return out;
}

/**
 * Server-side apply of `config` by `manager` (conflicts must have been checked or forced).
 * Returns the new object and ownership.
 */
export function recordApply(
  owners: Ownership[],
  manager: string,
  apiVersion: string,
  current: Json | undefined,
  config: Json,
  now: string,
): { object: Json; owners: Ownership[] } {
  const applied = leafPaths(config);
  let object = current === undefined ? config : mergeApply(current, config);
  const previous = findOwner(owners, manager, 'Apply');
  const next: Ownership[] = owners
    .filter(o => !(o.manager === manager && o.operation === 'Apply'))
    .map(o => ({ ...o, fields: new Set(o.fields) }));
  // forced or same-valued fields: others keep shared ownership only when the value did not change
  for (const o of next) {
    for (const p of applied) {
      if (
        o.fields.has(p) &&
        current !== undefined &&
        !deepEqual(valueAt(current, p), valueAt(config, p))
      ) {
        o.fields.delete(p);
      }
    }
  }
  // fields this manager applied before but dropped now are removed unless someone else owns them
  if (previous) {
    object = JSON.parse(JSON.stringify(object)) as Json;
    for (const p of previous.fields) {
      if (applied.has(p)) continue;
      if (next.some(o => o.fields.has(p))) continue;
      removePath(object, p);
    }
  }
  const mine: Ownership = {
    manager,
    operation: 'Apply',
    apiVersion,
    time: now,
    fields: applied,
  };
  const idx = owners.findIndex(
    o => o.manager === manager && o.operation === 'Apply',
  );
  if (idx >= 0) next.splice(Math.min(idx, next.length), 0, mine);
  else next.push(mine);
  return { object, owners: next.filter(o => o.fields.size > 0) };
}
