import {
  KubernetesFieldConflict,
  describeApplyConflicts,
} from '@paved-road/backstage-plugin-platform-node';

/** Why the run stopped, whose fields, and the two ways on. */
export function applyConflictAdvice(
  what: string,
  fieldManager: string,
  conflicts: KubernetesFieldConflict[],
): string {
  return (
    `${what}: server-side apply conflicts with another field manager, who changed ${
      conflicts.length === 1 ? 'a field' : `${conflicts.length} fields`
    } this template sets: ${describeApplyConflicts(conflicts)}. ` +
    `Nothing was changed. Either undo that change (or hand the fields back, e.g. apply them with ` +
    `'kubectl apply --server-side --field-manager=${fieldManager}') and run the template again, or, if the ` +
    `template's values must win, run it again with the input forceConflicts: true, which overwrites those ` +
    `fields (unsafe: the other manager's change is lost, and a controller that owns them may change them back).`
  );
}

/** The loud log line of a forced apply: who forced what away from whom. */
export function forcedApplyWarning(
  what: string,
  user: string | undefined,
  conflicts: KubernetesFieldConflict[],
): string {
  return (
    `AUDIT forceConflicts: ${
      user ?? 'an unknown user'
    } forced the server-side apply of ${what}, ` +
    `taking over fields from other field managers: ${describeApplyConflicts(
      conflicts,
    )}`
  );
}
