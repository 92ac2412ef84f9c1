/** Builders for `meta/v1 Status` bodies, shaped like a real kube-apiserver's (see fixtures/kubernetes). */

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

/** A resource type's identity, as the apiserver names it in messages. */
export interface ResourceRef {
  /** plural resource name, e.g. `namespaces`, `applications` */
  plural: string;
  /** API group, '' for core */
  group: string;
  /** Kind, e.g. `Application` */
  kind: string;
}

export function qualifiedResource(r: ResourceRef): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

export function qualifiedKind(r: ResourceRef): string {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}

function failure(
  code: number,
  reason: string,
  message: string,
  statusDetails?: StatusDetails,
): Status {
  const s: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (statusDetails) s.details = statusDetails;
  return s;
}

function details(
  r: ResourceRef,
  name: string,
  extra: Partial<StatusDetails> = {},
): StatusDetails {
  const d: StatusDetails = { name };
  if (r.group) d.group = r.group;
  d.kind = r.plural;
  return { ...d, ...extra };
}

export function notFound(r: ResourceRef, name: string): Status {
  return failure(
    404,
    'NotFound',
    `${qualifiedResource(r)} "${name}" not found`,
    details(r, name),
  );
}

export function alreadyExists(r: ResourceRef, name: string): Status {
  return failure(
    409,
    'AlreadyExists',
    `${qualifiedResource(r)} "${name}" already exists`,
    details(r, name),
  );
}

export function conflictModified(r: ResourceRef, name: string): Status {
  return failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(
      r,
    )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    details(r, name),
  );
}

export function invalid(
  r: ResourceRef,
  name: string,
  causes: StatusCause[],
): Status {
  const parts = causes.map(c => `${c.field}: ${c.message}`);
  const summary = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  const d: StatusDetails = { name };
  if (r.group) d.group = r.group;
  d.kind = r.kind;
  d.causes = causes;
  return failure(
    422,
    'Invalid',
    `${qualifiedKind(r)} "${name}" is invalid: ${summary}`,
    d,
  );
}

export function badRequest(message: string): Status {
  return failure(400, 'BadRequest', message);
}

export function unsupportedMediaType(accepted: string[]): Status {
  return failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(
      ', ',
    )}`,
  );
}

export function methodNotAllowed(): Status {
  return failure(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
  );
}

export function pathNotFound(): Status {
  return failure(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );
}

export function unauthorized(): Status {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

export function forbiddenAnonymous(
  verb: string,
  r: ResourceRef | undefined,
  namespace: string | undefined,
  name?: string,
): Status {
  return forbidden('system:anonymous', verb, r, namespace, name);
}

/**
 * What kube-apiserver answers when the create half of a creating server-side apply is not authorized: the
 * authorizer's (empty) reason after `is forbidden: `.
 */
export function forbiddenNoReason(r: ResourceRef, name: string): Status {
  return failure(
    403,
    'Forbidden',
    `${qualifiedResource(r)} "${name}" is forbidden: `,
    details(r, name),
  );
}

/** kube-apiserver's RBAC denial (`k8s.io/apiserver` authorization `forbiddenMessage`). */
export function forbidden(
  user: string,
  verb: string,
  r: ResourceRef | undefined,
  namespace: string | undefined,
  name?: string,
): Status {
  const resource = r ? r.plural : '';
  const group = r?.group ?? '';
  const what = name ? `${resource} "${name}"` : resource || 'path';
  const scope = namespace
    ? `in the namespace "${namespace}"`
    : 'at the cluster scope';
  const d: StatusDetails = {};
  if (name) d.name = name;
  if (r?.group) d.group = r.group;
  if (r) d.kind = r.plural;
  return failure(
    403,
    'Forbidden',
    r
      ? `${what} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${scope}`
      : `forbidden: User "${user}" cannot ${verb} path`,
    d,
  );
}

/** How kube-apiserver prints a manager in conflicts: `"name"` for appliers, `"name" using <apiVersion>` for updaters. */
function printManager(c: {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
}): string {
  const name = JSON.stringify(c.manager);
  return c.operation === 'Update' ? `${name} using ${c.apiVersion}` : name;
}

/**
 * kube-apiserver's server-side apply conflict (apimachinery `NewConflictError`): 409 reason `Conflict`, one
 * `FieldManagerConflict` cause per field, no details name/kind; with several conflicts the message groups the
 * fields by manager (sorted), one `- .path` line each.
 */
export function fieldManagerConflict(
  conflicts: {
    manager: string;
    operation: 'Apply' | 'Update';
    apiVersion: string;
    field: string;
  }[],
): Status {
  const causes: StatusCause[] = conflicts.map(c => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c)}`,
    field: c.field,
  }));
  let message: string;
  if (conflicts.length === 1) {
    const [c] = conflicts;
    message = `Apply failed with 1 conflict: conflict with ${printManager(
      c,
    )}: ${c.field}`;
  } else {
    const byManager = new Map<string, typeof conflicts>();
    for (const c of conflicts) {
      const key = printManager(c);
      byManager.set(key, [...(byManager.get(key) ?? []), c]);
    }
    const lines: string[] = [];
    for (const key of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${key}:`);
      for (const c of byManager.get(key)!) lines.push(`- ${c.field}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join(
      '\n',
    )}`;
  }
  return failure(409, 'Conflict', message, { causes });
}

/**
 * What kube-apiserver's NamespaceLifecycle admission answers for a create inside a namespace being deleted:
 * 403 Forbidden, `unable to create new content in namespace <ns> because it is being terminated`, with a
 * `NamespaceTerminating` cause on `metadata.namespace`.
 */
export function namespaceTerminating(
  r: ResourceRef,
  name: string,
  namespace: string,
): Status {
  const message = `unable to create new content in namespace ${namespace} because it is being terminated`;
  return failure(
    403,
    'Forbidden',
    `${r.plural} "${name}" is forbidden: ${message}`,
    {
      ...details(r, name),
      causes: [
        {
          reason: 'NamespaceTerminating',
          message,
          field: 'metadata.namespace',
        },
      ],
    },
  );
}
