import { JsonObject } from '@backstage/types';

/** What a write did to its target. */
export type WriteOutcome = 'created' | 'updated' | 'unchanged';

/** Who a run acts for, from its validated input. */
export interface WriteSubject {
  /** The service: its entity ref when the input names one, else its name (the repository name for publish). */
  service?: string;
  owner: string;
}

/** The scaffolder task a write belongs to. */
export interface WriteTask {
  action: string;
  taskId?: string;
  /** The user who started the task; the auditor's own actor is the scaffolder plugin, not the user. */
  initiator?: string;
}

/**
 * A URL as audit meta may carry it: origin and path only. User info, query and fragment can hold tokens
 * (`https://user:token@host/...`, `?token=`), and audit logs must never hold a credential.
 */
export function auditUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/** The meta of a write's events: who, for whom, on what; `target` and `outcome` once known. */
export function writeMeta(
  task: WriteTask,
  subject: WriteSubject | undefined,
  written: { target?: JsonObject; outcome?: WriteOutcome; extra?: JsonObject },
): JsonObject {
  const meta: JsonObject = { action: task.action };
  if (task.taskId) meta.taskId = task.taskId;
  if (task.initiator) meta.initiator = task.initiator;
  if (subject?.service) meta.service = subject.service;
  if (subject) meta.owner = subject.owner;
  if (written.target) meta.target = written.target;
  if (written.outcome) meta.outcome = written.outcome;
  return { ...written.extra, ...meta };
}
