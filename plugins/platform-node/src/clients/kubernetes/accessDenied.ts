/** What a call needed from RBAC: the verb and the resource, as a Role rule names them. @public */
export interface KubernetesAccess {
  /** The RBAC verb of the request (a server-side apply is a `patch`). */
  verb: 'get' | 'list' | 'create' | 'patch' | 'delete';
  /** Plural resource name (`namespaces`, `secrets`, `applications`). */
  resource: string;
  /** API group, '' for core. */
  group: string;
  /** Namespace of a namespaced call; none: cluster scope. */
  namespace?: string;
  /** A server-side apply (which also needs `create` when the object does not exist yet). */
  apply?: boolean;
}

/** kube-apiserver's RBAC denial, as it writes it (`k8s.io/apiserver` authorization `forbiddenMessage`). */
export interface RbacDenial {
  user: string;
  verb: string;
  resource: string;
  group: string;
  /** Namespace; undefined: at the cluster scope. */
  namespace?: string;
}

const FORBIDDEN =
  /User "((?:[^"\\]|\\.)*)" cannot (\S+) resource "([^"]+)" in API group "([^"]*)" (?:at the cluster scope|in the namespace "([^"]+)")/;

/** The user, verb, resource, group and namespace of a 403 message, when it is an RBAC denial. */
export function parseRbacDenial(message: string): RbacDenial | undefined {
  const m = FORBIDDEN.exec(message);
  if (!m) {
    return undefined;
  }
  return {
    user: m[1],
    verb: m[2],
    resource: m[3],
    group: m[4],
    ...(m[5] ? { namespace: m[5] } : {}),
  };
}

function scope(namespace: string | undefined): string {
  return namespace ? `in namespace "${namespace}"` : 'at the cluster scope';
}

function rule(verb: string, resource: string, group: string): string {
  return `'${verb}' on '${resource}' (API group "${group}")`;
}

const RBAC_HINT =
  "grant it in the backend service account's Role/ClusterRole (deploy/kubernetes/backstage-platform-rbac.yaml has every rule the platform needs)";

/**
 * The explanation of a 401 or 403 from the API server: which verb on which resource was refused and to whom,
 * from the Status message when it is an RBAC denial, else from what the call needed (a 401 body is dropped
 * by client-node, and a 403 may come with no message at all).
 */
export function accessDeniedExplanation(
  code: 401 | 403,
  statusMessage: string | undefined,
  access: KubernetesAccess | undefined,
): string | undefined {
  if (code === 401) {
    const needed = access
      ? `; it was needed to ${rule(
          access.verb,
          access.resource,
          access.group,
        )} ${scope(access.namespace)}`
      : '';
    return `Unauthorized: the API server did not accept the bearer token of platform.kubernetes.token (expired, revoked, or for another cluster)${needed}`;
  }
  const denial = parseRbacDenial(statusMessage ?? '');
  if (denial) {
    return `Forbidden: the API server's RBAC does not let User "${
      denial.user
    }" ${rule(denial.verb, denial.resource, denial.group)} ${scope(
      denial.namespace,
    )}; ${RBAC_HINT}`;
  }
  // The authorizer's reason is empty when the create half of a creating apply is refused: `... is forbidden: `.
  const noReason = !statusMessage || / is forbidden:\s*$/.test(statusMessage);
  if (!noReason || !access) {
    return undefined;
  }
  const create =
    access.apply && access.verb !== 'create'
      ? ` (a server-side apply that creates the object needs ${rule(
          'create',
          access.resource,
          access.group,
        )} as well as '${access.verb}')`
      : '';
  return `Forbidden, without a reason: the backend's identity probably lacks ${rule(
    access.verb,
    access.resource,
    access.group,
  )} ${scope(access.namespace)}${create}; ${RBAC_HINT}`;
}
