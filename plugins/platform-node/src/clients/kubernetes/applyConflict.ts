import { KubernetesUpstreamError } from './kubernetesError';

/** One field a server-side apply could not take because another field manager owns it. @public */
export interface KubernetesFieldConflict {
  /** The field, as the API server prints it (`.spec.source.targetRevision`). */
  field: string;
  /** The other field manager (`kubectl-edit`, `argocd-controller`, ...). */
  manager: string;
  /** The apiVersion it wrote with; the API server names it for `Update` managers only. */
  apiVersion?: string;
}

const CONFLICT_WITH = /^conflict with "((?:[^"\\]|\\.)*)"(?: using (\S+))?/;

function unquote(quoted: string): string {
  try {
    return JSON.parse(`"${quoted}"`) as string;
  } catch {
    return quoted;
  }
}

/**
 * The fields of a server-side apply conflict (409, reason `Conflict`, one `FieldManagerConflict` cause per
 * field, as kube-apiserver answers), or `undefined` when `error` is anything else.
 *
 * @public
 */
export function applyConflictsOf(
  error: unknown,
): KubernetesFieldConflict[] | undefined {
  if (
    !(error instanceof KubernetesUpstreamError) ||
    error.status !== 409 ||
    error.reason !== 'Conflict'
  ) {
    return undefined;
  }
  const conflicts = (error.causes ?? []).flatMap(cause => {
    const match = CONFLICT_WITH.exec(cause.message ?? '');
    if (cause.reason !== 'FieldManagerConflict' || !match) {
      return [];
    }
    return [
      {
        field: cause.field ?? '(field not named)',
        manager: unquote(match[1]),
        ...(match[2] ? { apiVersion: match[2] } : {}),
      },
    ];
  });
  return conflicts.length > 0 ? conflicts : undefined;
}

/** `"kubectl-edit" (using argoproj.io/v1alpha1): .spec.project, .spec.source.targetRevision; "other": .x` @public */
export function describeApplyConflicts(
  conflicts: KubernetesFieldConflict[],
): string {
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const who = `${JSON.stringify(c.manager)}${
      c.apiVersion ? ` (using ${c.apiVersion})` : ''
    }`;
    byManager.set(who, [...(byManager.get(who) ?? []), c.field]);
  }
  return [...byManager]
    .map(([who, fields]) => `${who}: ${fields.join(', ')}`)
    .join('; ');
}
