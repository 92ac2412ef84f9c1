/**
 * In-memory object store behind the Kubernetes simulator (and the Argo CD simulator, which keeps its
 * Applications here). Tracks resourceVersion, generation, uid and managed fields like an apiserver.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { deepClone, deepEqual, isObject, type Json } from './patch.ts';
import {
  applyConflicts,
  recordApply,
  recordUpdate,
  toEntries,
  type Ownership,
} from './managedFields.ts';
import { apiVersionOf, NAMESPACES, type ResourceType } from './resources.ts';
import * as S from './status.ts';
import { compare } from '../order.ts';

export type KubeObject = { [key: string]: Json };
export type Result =
  | { ok: true; object: KubeObject; created?: boolean }
  | { ok: false; status: S.Status };

interface Entry {
  object: KubeObject;
  owners: Ownership[];
}

export interface ChangeEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: ResourceType;
  object: KubeObject;
  old?: KubeObject;
}

const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function nowRfc3339(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface WriteOptions {
  manager: string;
  dryRun?: boolean;
}

/** What the API server sets on an object it creates: uid, creation time, generation 1 where tracked. */
function stampNew(t: ResourceType, meta: KubeObject, now: string): void {
  meta.uid = randomUUID();
  meta.creationTimestamp = now;
  if (t.tracksGeneration) meta.generation = 1;
}

export class KubeStore {
  readonly events = new EventEmitter();
  private readonly data = new Map<string, Entry>();
  private rv = 100;

  /**
   * @param options.namespaceFinalizeMs - how long a deleted namespace stays `Terminating` (its content being
   *   removed by the namespace controller) before it is gone; creates inside it are refused meanwhile.
   */
  private readonly namespaceFinalizeMs: number;

  constructor(options: { namespaceFinalizeMs?: number } = {}) {
    this.events.setMaxListeners(50);
    this.namespaceFinalizeMs = options.namespaceFinalizeMs ?? 2000;
  }

  private namespaceTerminating(ns: string): boolean {
    const entry = this.data.get(this.key(NAMESPACES, undefined, ns));
    return Boolean(
      entry &&
        (entry.object.metadata as KubeObject | undefined)?.deletionTimestamp,
    );
  }

  private key(
    t: ResourceType,
    namespace: string | undefined,
    name: string,
  ): string {
    return `${t.group}/${t.plural}/${
      t.namespaced ? namespace ?? '' : ''
    }/${name}`;
  }

  private render(e: Entry): KubeObject {
    const obj = deepClone(e.object);
    const meta = obj.metadata as KubeObject;
    const entries = toEntries(e.owners);
    if (entries.length > 0) meta.managedFields = entries as unknown as Json;
    return sortMetadata(obj);
  }

  namespaceExists(ns: string): boolean {
    return this.data.has(this.key(NAMESPACES, undefined, ns));
  }

  get(t: ResourceType, namespace: string | undefined, name: string): Result {
    const e = this.data.get(this.key(t, namespace, name));
    if (!e) return { ok: false, status: S.notFound(t, name) };
    return { ok: true, object: this.render(e) };
  }

  list(t: ResourceType, namespace: string | undefined): KubeObject[] {
    const prefix = `${t.group}/${t.plural}/${
      t.namespaced && namespace !== undefined ? `${namespace}/` : ''
    }`;
    const out: KubeObject[] = [];
    for (const [k, e] of this.data) {
      if (k.startsWith(prefix)) out.push(this.render(e));
    }
    out.sort((a, b) => {
      const am = a.metadata as KubeObject;
      const bm = b.metadata as KubeObject;
      const ak = `${am.namespace ?? ''}/${am.name}`;
      const bk = `${bm.namespace ?? ''}/${bm.name}`;
      return compare(ak, bk);
    });
    return out;
  }

  resourceVersion(): string {
    return String(this.rv);
  }

  private checkShape(
    t: ResourceType,
    body: unknown,
    namespace: string | undefined,
  ): { obj: KubeObject } | { status: S.Status } {
    if (!isObject(body))
      return {
        status: S.badRequest(
          `the object provided is unrecognized (must be of type ${t.kind})`,
        ),
      };
    const obj = deepClone(body) as KubeObject;
    if (obj.kind !== undefined && obj.kind !== t.kind) {
      return {
        status: S.badRequest(
          `the API version in the data (${String(
            obj.apiVersion,
          )}) does not match the expected API version (${apiVersionOf(t)})`,
        ),
      };
    }
    if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersionOf(t)) {
      return {
        status: S.badRequest(
          `the API version in the data (${String(
            obj.apiVersion,
          )}) does not match the expected API version (${apiVersionOf(t)})`,
        ),
      };
    }
    if (obj.metadata !== undefined && !isObject(obj.metadata)) {
      return { status: S.badRequest('metadata must be an object') };
    }
    const meta = (obj.metadata ?? {}) as KubeObject;
    obj.metadata = meta;
    if (t.namespaced) {
      if (
        meta.namespace !== undefined &&
        meta.namespace !== '' &&
        meta.namespace !== namespace
      ) {
        return {
          status: S.badRequest(
            'the namespace of the provided object does not match the namespace sent on the request',
          ),
        };
      }
      meta.namespace = namespace as string;
    } else {
      delete meta.namespace;
    }
    obj.apiVersion = apiVersionOf(t);
    obj.kind = t.kind;
    delete meta.managedFields;
    return { obj };
  }

  private validateName(t: ResourceType, name: unknown): S.StatusCause[] {
    if (typeof name !== 'string' || name === '') {
      return [
        {
          reason: 'FieldValueRequired',
          message: 'Required value: name or generateName is required',
          field: 'metadata.name',
        },
      ];
    }
    const re = t === NAMESPACES ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
    if (name.length > (t === NAMESPACES ? 63 : 253) || !re.test(name)) {
      return [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: "${name}": a lowercase RFC 1123 ${
            t === NAMESPACES ? 'label' : 'subdomain'
          } must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
          field: 'metadata.name',
        },
      ];
    }
    return [];
  }

  private validateMeta(meta: KubeObject): S.StatusCause[] {
    const causes: S.StatusCause[] = [];
    for (const field of ['labels', 'annotations'] as const) {
      const m = meta[field];
      if (m === undefined || m === null) continue;
      if (!isObject(m) || Object.values(m).some(v => typeof v !== 'string')) {
        causes.push({
          reason: 'FieldValueInvalid',
          message: 'Invalid value: must be a map of strings',
          field: `metadata.${field}`,
        });
      }
    }
    if (isObject(meta.labels)) {
      for (const [k, v] of Object.entries(meta.labels)) {
        if (
          !/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(
            k,
          )
        ) {
          causes.push({
            reason: 'FieldValueInvalid',
            message: `Invalid value: "${k}": name part must consist of alphanumeric characters, '-', '_' or '.'`,
            field: 'metadata.labels',
          });
        } else if (
          typeof v === 'string' &&
          (v.length > 63 ||
            !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v))
        ) {
          causes.push({
            reason: 'FieldValueInvalid',
            message: `Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
            field: `metadata.labels`,
          });
        }
      }
    }
    if (
      meta.finalizers !== undefined &&
      (!Array.isArray(meta.finalizers) ||
        meta.finalizers.some(f => typeof f !== 'string'))
    ) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: 'Invalid value: must be a list of strings',
        field: 'metadata.finalizers',
      });
    }
    return causes;
  }

  private emit(ev: ChangeEvent): void {
    this.events.emit('change', ev);
  }

  create(
    t: ResourceType,
    namespace: string | undefined,
    body: unknown,
    opts: WriteOptions,
  ): Result {
    const shaped = this.checkShape(t, body, namespace);
    if ('status' in shaped) return { ok: false, status: shaped.status };
    const obj = shaped.obj;
    const meta = obj.metadata as KubeObject;
    if (
      (meta.name === undefined || meta.name === '') &&
      typeof meta.generateName === 'string' &&
      meta.generateName
    ) {
      meta.name = `${meta.generateName}${Math.random()
        .toString(36)
        .slice(2, 7)}`;
    }
    const nameCauses = this.validateName(t, meta.name);
    if (nameCauses.length)
      return {
        ok: false,
        status: S.invalid(t, String(meta.name ?? ''), nameCauses),
      };
    const name = meta.name as string;
    if (t.namespaced && !this.namespaceExists(namespace as string)) {
      return { ok: false, status: S.notFound(NAMESPACES, namespace as string) };
    }
    const key = this.key(t, namespace, name);
    if (this.data.has(key))
      return { ok: false, status: S.alreadyExists(t, name) };
    if (t.namespaced && this.namespaceTerminating(namespace as string)) {
      return {
        ok: false,
        status: S.namespaceTerminating(t, name, namespace as string),
      };
    }
    t.normalize(obj);
    const causes = [...this.validateMeta(meta), ...t.validate(obj, undefined)];
    if (causes.length) return { ok: false, status: S.invalid(t, name, causes) };
    const now = nowRfc3339();
    stampNew(t, meta, now);
    delete meta.resourceVersion;
    const owners = recordUpdate(
      [],
      opts.manager,
      apiVersionOf(t),
      undefined,
      obj,
      now,
    );
    if (opts.dryRun)
      return {
        ok: true,
        object: this.render({
          object: {
            ...obj,
            metadata: { ...meta, resourceVersion: this.resourceVersion() },
          },
          owners,
        }),
        created: true,
      };
    return this.insert(t, key, obj, owners);
  }

  /** Stores a new object under the next resourceVersion and tells the watchers. */
  private insert(
    t: ResourceType,
    key: string,
    obj: KubeObject,
    owners: Ownership[],
  ): Result {
    (obj.metadata as KubeObject).resourceVersion = String(++this.rv);
    const entry = { object: obj, owners };
    this.data.set(key, entry);
    const rendered = this.render(entry);
    this.emit({ type: 'ADDED', resource: t, object: rendered });
    return { ok: true, object: rendered, created: true };
  }

  /** Full replacement (PUT) or the result of a merge/JSON patch. */
  update(
    t: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    opts: WriteOptions & { requireResourceVersionMatch?: boolean },
  ): Result {
    const key = this.key(t, namespace, name);
    const existing = this.data.get(key);
    if (!existing) return { ok: false, status: S.notFound(t, name) };
    const shaped = this.checkShape(t, body, namespace);
    if ('status' in shaped) return { ok: false, status: shaped.status };
    const obj = shaped.obj;
    const meta = obj.metadata as KubeObject;
    if (meta.name === undefined) meta.name = name;
    if (meta.name !== name) {
      return {
        ok: false,
        status: S.badRequest(
          `the name of the object (${String(
            meta.name,
          )}) does not match the name on the URL (${name})`,
        ),
      };
    }
    const oldMeta = existing.object.metadata as KubeObject;
    if (
      meta.resourceVersion !== undefined &&
      meta.resourceVersion !== '' &&
      meta.resourceVersion !== oldMeta.resourceVersion
    ) {
      return { ok: false, status: S.conflictModified(t, name) };
    }
    if (
      opts.requireResourceVersionMatch &&
      (meta.resourceVersion === undefined || meta.resourceVersion === '')
    ) {
      return {
        ok: false,
        status: S.invalid(t, name, [
          {
            reason: 'FieldValueInvalid',
            message: 'Invalid value: 0x0: must be specified for an update',
            field: 'metadata.resourceVersion',
          },
        ]),
      };
    }
    t.normalize(obj);
    const causes = [
      ...this.validateMeta(meta),
      ...t.validate(obj, existing.object),
    ];
    if (causes.length) return { ok: false, status: S.invalid(t, name, causes) };
    return this.commit(
      t,
      key,
      existing,
      obj,
      recordUpdate(
        existing.owners,
        opts.manager,
        apiVersionOf(t),
        existing.object,
        obj,
        nowRfc3339(),
      ),
      opts,
    );
  }

  private commit(
    t: ResourceType,
    key: string,
    existing: Entry,
    obj: KubeObject,
    owners: Ownership[],
    opts: WriteOptions,
  ): Result {
    const meta = obj.metadata as KubeObject;
    const oldMeta = existing.object.metadata as KubeObject;
    meta.uid = oldMeta.uid;
    meta.creationTimestamp = oldMeta.creationTimestamp;
    meta.namespace = oldMeta.namespace;
    if (!t.namespaced) delete meta.namespace;
    meta.name = oldMeta.name;
    if (t.tracksGeneration) {
      const strip = (o: KubeObject) => {
        const c = { ...o };
        delete c.metadata;
        return c;
      };
      meta.generation =
        (oldMeta.generation as number) +
        (deepEqual(strip(obj), strip(existing.object)) ? 0 : 1);
    }
    const unchanged = deepEqual(
      { ...obj, metadata: { ...meta, resourceVersion: null } },
      { ...existing.object, metadata: { ...oldMeta, resourceVersion: null } },
    );
    if (unchanged) {
      meta.resourceVersion = oldMeta.resourceVersion;
      if (!opts.dryRun) existing.owners = owners;
      return { ok: true, object: this.render({ object: obj, owners }) };
    }
    if (opts.dryRun) {
      meta.resourceVersion = oldMeta.resourceVersion;
      return { ok: true, object: this.render({ object: obj, owners }) };
    }
    meta.resourceVersion = String(++this.rv);
    const old = this.render(existing);
    const entry = { object: obj, owners };
    this.data.set(key, entry);
    const rendered = this.render(entry);
    this.emit({ type: 'MODIFIED', resource: t, object: rendered, old });
    return { ok: true, object: rendered };
  }

  /** Server-side apply. Creates the object when it does not exist. */
  apply(
    t: ResourceType,
    namespace: string | undefined,
    name: string,
    config: unknown,
    opts: WriteOptions & { force: boolean },
  ): Result {
    const shaped = this.checkShape(t, config, namespace);
    if ('status' in shaped) return { ok: false, status: shaped.status };
    const cfg = shaped.obj;
    const cmeta = cfg.metadata as KubeObject;
    if (cmeta.name === undefined || cmeta.name === '') cmeta.name = name;
    if (cmeta.name !== name) {
      return {
        ok: false,
        status: S.badRequest(
          `the name of the object (${String(
            cmeta.name,
          )}) does not match the name on the URL (${name})`,
        ),
      };
    }
    const key = this.key(t, namespace, name);
    const existing = this.data.get(key);
    const now = nowRfc3339();
    const apiVersion = apiVersionOf(t);
    if (!existing) {
      const nameCauses = this.validateName(t, name);
      if (nameCauses.length)
        return { ok: false, status: S.invalid(t, name, nameCauses) };
      if (t.namespaced && !this.namespaceExists(namespace as string)) {
        return {
          ok: false,
          status: S.notFound(NAMESPACES, namespace as string),
        };
      }
      t.normalize(cfg);
      const causes = [
        ...this.validateMeta(cmeta),
        ...t.validate(cfg, undefined),
      ];
      if (causes.length)
        return { ok: false, status: S.invalid(t, name, causes) };
      const { owners } = recordApply(
        [],
        opts.manager,
        apiVersion,
        undefined,
        cfg,
        now,
      );
      const obj = deepClone(cfg);
      const meta = obj.metadata as KubeObject;
      stampNew(t, meta, now);
      if (opts.dryRun)
        return {
          ok: true,
          object: this.render({ object: obj, owners }),
          created: true,
        };
      return this.insert(t, key, obj, owners);
    }
    if (
      cmeta.resourceVersion !== undefined &&
      cmeta.resourceVersion !==
        (existing.object.metadata as KubeObject).resourceVersion
    ) {
      return { ok: false, status: S.conflictModified(t, name) };
    }
    delete cmeta.resourceVersion;
    if (!opts.force) {
      const conflicts = applyConflicts(
        existing.owners,
        opts.manager,
        existing.object,
        cfg,
      );
      if (conflicts.length > 0)
        return { ok: false, status: S.fieldManagerConflict(conflicts) };
    }
    const { object, owners } = recordApply(
      existing.owners,
      opts.manager,
      apiVersion,
      existing.object,
      cfg,
      now,
    );
    const obj = object as KubeObject;
    t.normalize(obj);
    const causes = [
      ...this.validateMeta(obj.metadata as KubeObject),
      ...t.validate(obj, existing.object),
    ];
    if (causes.length) return { ok: false, status: S.invalid(t, name, causes) };
    return this.commit(t, key, existing, obj, owners, opts);
  }

  /**
   * Like kube-apiserver: deleting a namespace marks it (deletionTimestamp, `status.phase: Terminating`) and answers
   * 200 with it; the namespace controller removes its content and then the namespace itself, here after
   * `namespaceFinalizeMs` (default 2 s). A second delete while Terminating answers the same object.
   */
  private terminateNamespace(
    key: string,
    existing: Entry,
    name: string,
  ): Result {
    const meta = existing.object.metadata as KubeObject;
    if (!meta.deletionTimestamp) {
      meta.deletionTimestamp = nowRfc3339();
      existing.object.status = { phase: 'Terminating' };
      meta.resourceVersion = String(++this.rv);
      this.emit({
        type: 'MODIFIED',
        resource: NAMESPACES,
        object: this.render(existing),
      });
      const timer = setTimeout(
        () => this.finalizeNamespace(key, name),
        this.namespaceFinalizeMs,
      );
      timer.unref();
    }
    return { ok: true, object: this.render(existing) };
  }

  private finalizeNamespace(key: string, name: string): void {
    const existing = this.data.get(key);
    if (!existing) return;
    for (const k of [...this.data.keys()]) {
      const parts = k.split('/');
      if (parts[2] === name && k !== key) {
        const e = this.data.get(k);
        this.data.delete(k);
        if (e)
          this.emit({
            type: 'DELETED',
            resource: NAMESPACES,
            object: this.render(e),
          });
      }
    }
    this.data.delete(key);
    this.emit({
      type: 'DELETED',
      resource: NAMESPACES,
      object: this.render(existing),
    });
  }

  delete(
    t: ResourceType,
    namespace: string | undefined,
    name: string,
    opts: { dryRun?: boolean } = {},
  ): Result {
    const key = this.key(t, namespace, name);
    const existing = this.data.get(key);
    if (!existing) return { ok: false, status: S.notFound(t, name) };
    if (t === NAMESPACES && !opts.dryRun) {
      return this.terminateNamespace(key, existing, name);
    }
    const rendered = this.render(existing);
    if (!opts.dryRun) {
      this.data.delete(key);
      this.emit({ type: 'DELETED', resource: t, object: rendered });
    }
    return { ok: true, object: rendered };
  }
}

/** Orders metadata keys alphabetically, as the apiserver's JSON encoding does. */
function sortMetadata(obj: KubeObject): KubeObject {
  const meta = obj.metadata;
  if (!isObject(meta)) return obj;
  const sorted: KubeObject = {};
  for (const k of Object.keys(meta).sort()) sorted[k] = meta[k];
  const out: KubeObject = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata: sorted,
  };
  for (const [k, v] of Object.entries(obj)) if (!(k in out)) out[k] = v;
  return out;
}
