/**
 * A subset of Kubernetes RBAC for the simulator's `accounts`: rules of Roles/ClusterRoles as bound to a user
 * (a ClusterRoleBinding grants everywhere, a RoleBinding in its namespace only), with `apiGroups`,
 * `resources`, `verbs` and `resourceNames` matched like the RBAC authorizer does. No aggregation, no
 * non-resource URLs, no escalation checks.
 */
import { parseAllDocuments } from 'yaml';

export interface SimRbacRule {
  verbs: string[];
  /** plural resource names; `*` matches all */
  resources: string[];
  /** API groups ('' for core); absent or `*`: any */
  apiGroups?: string[];
  /** when set, only requests naming one of these objects (never create or list, which name none) */
  resourceNames?: string[];
  /** granted by a RoleBinding in this namespace only; absent: cluster-wide */
  namespace?: string;
}

export interface RbacRequest {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

const has = (list: string[] | undefined, value: string) =>
  list === undefined || list.includes('*') || list.includes(value);

export function allows(rules: SimRbacRule[], r: RbacRequest): boolean {
  return rules.some(
    rule =>
      (rule.namespace === undefined || rule.namespace === r.namespace) &&
      has(rule.verbs, r.verb) &&
      has(rule.resources, r.resource) &&
      has(rule.apiGroups, r.group) &&
      (rule.resourceNames === undefined ||
        (r.name !== undefined && rule.resourceNames.includes(r.name))),
  );
}

interface Doc {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  rules?: SimRbacRule[];
  roleRef?: { kind?: string; name?: string };
  subjects?: { kind?: string; name?: string; namespace?: string }[];
}

/**
 * The rules a manifest (Roles, ClusterRoles and their bindings, several YAML documents) grants the service
 * account `namespace/name`, ready for an account of the simulator.
 */
export function rulesForServiceAccount(
  manifest: string,
  serviceAccount: { namespace: string; name: string },
): SimRbacRule[] {
  const docs = parseAllDocuments(manifest).map(d => d.toJS() as Doc | null);
  const roles = new Map<string, SimRbacRule[]>();
  for (const d of docs) {
    if (d?.kind === 'ClusterRole')
      roles.set(`ClusterRole/${d.metadata?.name}`, d.rules ?? []);
    if (d?.kind === 'Role')
      roles.set(
        `Role/${d.metadata?.namespace}/${d.metadata?.name}`,
        d.rules ?? [],
      );
  }
  const out: SimRbacRule[] = [];
  for (const d of docs) {
    if (d?.kind !== 'ClusterRoleBinding' && d?.kind !== 'RoleBinding') continue;
    const bound = (d.subjects ?? []).some(
      s =>
        s.kind === 'ServiceAccount' &&
        s.name === serviceAccount.name &&
        s.namespace === serviceAccount.namespace,
    );
    if (!bound) continue;
    const bindingNs =
      d.kind === 'RoleBinding' ? d.metadata?.namespace : undefined;
    const key =
      d.roleRef?.kind === 'Role'
        ? `Role/${bindingNs}/${d.roleRef.name}`
        : `ClusterRole/${d.roleRef?.name}`;
    for (const rule of roles.get(key) ?? [])
      out.push({ ...rule, ...(bindingNs ? { namespace: bindingNs } : {}) });
  }
  return out;
}
