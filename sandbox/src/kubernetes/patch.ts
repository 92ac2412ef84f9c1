/** JSON merge patch (RFC 7386) and JSON patch (RFC 6902) on plain JSON values. */

export type Json =
  | null
  | boolean
  | number
  | string
  | Json[]
  | { [key: string]: Json };

export function isObject(v: unknown): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepClone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every(
        k =>
          Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]),
      )
    );
  }
  return false;
}

export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return deepClone(patch);
  const out: { [key: string]: Json } = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export class JsonPatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new JsonPatchError(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getAt(doc: Json, path: string[]): Json | undefined {
  let cur: Json | undefined = doc;
  for (const seg of path) {
    if (Array.isArray(cur)) {
      const i = Number(seg);
      if (!/^(0|[1-9][0-9]*)$/.test(seg) || i >= cur.length) return undefined;
      cur = cur[i];
    } else if (isObject(cur)) {
      if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
      cur = cur[seg];
    } else return undefined;
  }
  return cur;
}

function parentOf(
  doc: Json,
  path: string[],
  op: string,
): { parent: Json; key: string } {
  if (path.length === 0)
    throw new JsonPatchError(`${op} operation cannot target the document root`);
  const parent = getAt(doc, path.slice(0, -1));
  if (parent === undefined || typeof parent !== 'object' || parent === null) {
    throw new JsonPatchError(
      `doc is missing path: "/${path.slice(0, -1).join('/')}": missing value`,
    );
  }
  return { parent, key: path[path.length - 1] };
}

function add(doc: Json, path: string[], value: Json): Json {
  if (path.length === 0) return value;
  const { parent, key } = parentOf(doc, path, 'add');
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!(key === '-' || /^(0|[1-9][0-9]*)$/.test(key)) || i > parent.length) {
      throw new JsonPatchError(`Unable to access invalid index: ${key}`);
    }
    parent.splice(i, 0, value);
  } else (parent as { [key: string]: Json })[key] = value;
  return doc;
}

function remove(doc: Json, path: string[]): Json {
  const { parent, key } = parentOf(doc, path, 'remove');
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!/^(0|[1-9][0-9]*)$/.test(key) || i >= parent.length) {
      throw new JsonPatchError(`Unable to access invalid index: ${key}`);
    }
    parent.splice(i, 1);
  } else {
    const obj = parent as { [key: string]: Json };
    if (!Object.prototype.hasOwnProperty.call(obj, key)) {
      throw new JsonPatchError(
        `Unable to remove nonexistent key: ${key}: missing value`,
      );
    }
    delete obj[key];
  }
  return doc;
}

/** Applies an RFC 6902 patch; throws JsonPatchError on a bad or failing operation. */
export function jsonPatch(input: Json, ops: unknown): Json {
  if (!Array.isArray(ops))
    throw new JsonPatchError(
      'json: cannot unmarshal object into Go value of type []jsonpatch.Operation',
    );
  let doc = deepClone(input);
  for (const raw of ops) {
    if (
      !isObject(raw) ||
      typeof raw.op !== 'string' ||
      typeof raw.path !== 'string'
    ) {
      throw new JsonPatchError('invalid operation: op and path are required');
    }
    const path = parsePointer(raw.path);
    switch (raw.op) {
      case 'add':
        if (!('value' in raw))
          throw new JsonPatchError(
            'add operation does not apply: value is missing',
          );
        doc = add(doc, path, deepClone(raw.value));
        break;
      case 'remove':
        doc = remove(doc, path);
        break;
      case 'replace': {
        if (!('value' in raw))
          throw new JsonPatchError(
            'replace operation does not apply: value is missing',
          );
        if (getAt(doc, path) === undefined) {
          throw new JsonPatchError(
            `replace operation does not apply: doc is missing key: ${raw.path}: missing value`,
          );
        }
        if (path.length === 0) doc = deepClone(raw.value);
        else {
          doc = remove(doc, path);
          doc = add(doc, path, deepClone(raw.value));
        }
        break;
      }
      case 'move':
      case 'copy': {
        if (typeof raw.from !== 'string')
          throw new JsonPatchError(
            `${raw.op} operation does not apply: from is missing`,
          );
        const from = parsePointer(raw.from);
        const value = getAt(doc, from);
        if (value === undefined)
          throw new JsonPatchError(
            `${raw.op} operation does not apply: doc is missing from path: ${raw.from}: missing value`,
          );
        if (raw.op === 'move') doc = remove(doc, from);
        doc = add(doc, path, deepClone(value));
        break;
      }
      case 'test': {
        const value = getAt(doc, path);
        if (!deepEqual(value, raw.value)) {
          throw new JsonPatchError(
            `testing value ${raw.path} failed: test failed`,
          );
        }
        break;
      }
      default:
        throw new JsonPatchError(`Unexpected kind: ${raw.op}`);
    }
  }
  return doc;
}
