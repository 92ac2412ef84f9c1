/** The resource types the Kubernetes simulator serves, with their validation rules. */
import { isObject, type Json } from './patch.ts';
import type { ResourceRef, StatusCause } from './status.ts';

export interface ResourceType extends ResourceRef {
  version: string;
  namespaced: boolean;
  listKind: string;
  /** whether list items carry apiVersion/kind (custom resources do, built-in types do not) */
  itemsCarryTypeMeta: boolean;
  /** whether a write to anything outside metadata bumps metadata.generation */
  tracksGeneration: boolean;
  /** media types accepted by PATCH */
  patchTypes: string[];
  /** validation of a new or updated object; returns causes of rejection */
  validate(
    obj: { [key: string]: Json },
    old: { [key: string]: Json } | undefined,
  ): StatusCause[];
  /** normalisation applied on every write (defaults, stringData folding) */
  normalize(obj: { [key: string]: Json }): void;
}

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

const CORE_PATCH = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];
const CR_PATCH = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
];

const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

const namespaces: ResourceType = {
  plural: 'namespaces',
  group: '',
  version: 'v1',
  kind: 'Namespace',
  listKind: 'NamespaceList',
  namespaced: false,
  itemsCarryTypeMeta: false,
  tracksGeneration: false,
  patchTypes: CORE_PATCH,
  validate: () => [],
  normalize(obj) {
    const meta = obj.metadata as { [key: string]: Json };
    const labels = isObject(meta.labels) ? meta.labels : {};
    labels['kubernetes.io/metadata.name'] = meta.name as string;
    meta.labels = labels;
    obj.spec = { finalizers: ['kubernetes'] };
    obj.status = { phase: 'Active' };
  },
};

const secrets: ResourceType = {
  plural: 'secrets',
  group: '',
  version: 'v1',
  kind: 'Secret',
  listKind: 'SecretList',
  namespaced: true,
  itemsCarryTypeMeta: false,
  tracksGeneration: false,
  patchTypes: CORE_PATCH,
  validate(obj, old) {
    const causes: StatusCause[] = [];
    if (old && old.type !== obj.type) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${String(obj.type)}": field is immutable`,
        field: 'type',
      });
    }
    const data = obj.data;
    if (data !== undefined && !isObject(data)) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: 'Invalid value: must be a map',
        field: 'data',
      });
    } else if (isObject(data)) {
      for (const [k, v] of Object.entries(data)) {
        if (!SECRET_KEY.test(k)) {
          causes.push({
            reason: 'FieldValueInvalid',
            message: `Invalid value: "${k}": a valid config key must consist of alphanumeric characters, '-', '_' or '.'`,
            field: `data[${k}]`,
          });
        } else if (typeof v !== 'string' || !BASE64.test(v)) {
          causes.push({
            reason: 'FieldValueInvalid',
            message: 'Invalid value: illegal base64 data',
            field: `data[${k}]`,
          });
        }
      }
    }
    if (obj.type === 'kubernetes.io/dockerconfigjson') {
      const raw = isObject(data) ? data['.dockerconfigjson'] : undefined;
      if (typeof raw !== 'string') {
        causes.push({
          reason: 'FieldValueRequired',
          message: 'Required value',
          field: 'data[.dockerconfigjson]',
        });
      } else {
        try {
          JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
        } catch (e) {
          causes.push({
            reason: 'FieldValueInvalid',
            message: `Invalid value: "<secret contents redacted>": ${
              (e as Error).message
            }`,
            field: 'data[.dockerconfigjson]',
          });
        }
      }
    }
    return causes;
  },
  normalize(obj) {
    if (obj.type === undefined || obj.type === '') obj.type = 'Opaque';
    if (isObject(obj.stringData)) {
      const data = isObject(obj.data) ? obj.data : {};
      for (const [k, v] of Object.entries(obj.stringData)) {
        data[k] = Buffer.from(String(v), 'utf8').toString('base64');
      }
      obj.data = data;
    }
    delete obj.stringData;
  },
};

const applications: ResourceType = {
  plural: 'applications',
  group: 'argoproj.io',
  version: 'v1alpha1',
  kind: 'Application',
  listKind: 'ApplicationList',
  namespaced: true,
  itemsCarryTypeMeta: true,
  tracksGeneration: true,
  patchTypes: CR_PATCH,
  validate(obj) {
    // schema: x-kubernetes-preserve-unknown-fields, but spec must be an object when present
    if (obj.spec !== undefined && !isObject(obj.spec)) {
      return [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: "${typeof obj.spec}": spec in body must be of type object: "${typeof obj.spec}"`,
          field: 'spec',
        },
      ];
    }
    return [];
  },
  normalize() {},
};

export const RESOURCE_TYPES: ResourceType[] = [
  namespaces,
  secrets,
  applications,
];

export function findResourceType(
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    t => t.group === group && t.version === version && t.plural === plural,
  );
}

export const NAMESPACES = namespaces;
export const SECRETS = secrets;
export const APPLICATIONS = applications;
