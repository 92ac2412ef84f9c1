import {
  AuditorService,
  AuditorServiceEvent,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { WriteOutcome, WriteSubject, WriteTask, writeMeta } from './auditMeta';

/** What a writing action tells its audit event while it runs. */
export interface WriteAudit {
  /** The resource the run writes, as soon as it is known (before the ownership checks, so a refusal names it). */
  target(target: JsonObject, service?: string): void;
  /** What happened to the target, and what else was written beside it (e.g. the registry Secret). */
  outcome(outcome: WriteOutcome, extra?: JsonObject): void;
}

/** How a writing action is audited: its event id and who a run acts for. */
export interface WriteAuditSpec<I> {
  auditor: AuditorService;
  /** kebab-case, one per kind of resource, e.g. `platform-jenkins-job`. */
  eventId: string;
  subject(input: I): WriteSubject;
}

/** The audit of an action whose input names the component (`entityRef`) and the `owner` it acts for. */
export function componentWriteAudit(
  auditor: AuditorService,
  eventId: string,
): WriteAuditSpec<{ entityRef?: string; owner: string }> {
  return {
    auditor,
    eventId,
    subject: input => ({ service: input.entityRef, owner: input.owner }),
  };
}

/** For dry runs and actions that write nothing: records nothing. */
export const noWriteAudit: WriteAudit = { target() {}, outcome() {} };

/**
 * One audit event around a write: `initiated` before it (action, task, initiator, service, owner), then
 * `succeeded` with the target and outcome, or `failed` with the error, the target if it was known and the
 * outcome if the target was written before a later step failed. Severity
 * `medium`, Backstage's level for writes. An auditor that cannot record stops the write (as the scaffolder's own
 * task events do).
 */
export async function auditedWrite<T>(
  spec: { auditor: AuditorService; eventId: string },
  task: WriteTask,
  subject: WriteSubject | undefined,
  run: (audit: WriteAudit) => Promise<T>,
): Promise<T> {
  const written: {
    target?: JsonObject;
    outcome?: WriteOutcome;
    extra?: JsonObject;
    service?: string;
  } = {};
  const event: AuditorServiceEvent = await spec.auditor.createEvent({
    eventId: spec.eventId,
    severityLevel: 'medium',
    meta: writeMeta(task, subject, {}),
  });
  const audit: WriteAudit = {
    target(target, service) {
      written.target = target;
      written.service = service;
    },
    outcome(outcome, extra) {
      written.outcome = outcome;
      written.extra = extra;
    },
  };
  const subjectNow = () =>
    subject && written.service && !subject.service
      ? { ...subject, service: written.service }
      : subject;
  let result: T;
  try {
    result = await run(audit);
  } catch (error) {
    // A later step can fail after the target was written (the Secret after the namespace, the build after the
    // job): the outcome recorded so far says what was left behind.
    await event.fail({
      error: error instanceof Error ? error : new Error(String(error)),
      meta: writeMeta(task, subjectNow(), written),
    });
    throw error;
  }
  if (!written.outcome) {
    const error = new Error(
      `${task.action} finished without saying what it wrote (a bug in the action)`,
    );
    await event.fail({
      error,
      meta: writeMeta(task, subjectNow(), { target: written.target }),
    });
    throw error;
  }
  await event.success({ meta: writeMeta(task, subjectNow(), written) });
  return result;
}

/** A refusal before the input could be read: no service or target to name, only the action and its task. */
export async function auditRefusedInput(
  spec: { auditor: AuditorService; eventId: string },
  task: WriteTask,
  error: unknown,
): Promise<void> {
  const meta = writeMeta(task, undefined, {});
  const event = await spec.auditor.createEvent({
    eventId: spec.eventId,
    severityLevel: 'medium',
    meta,
  });
  await event.fail({
    error: error instanceof Error ? error : new Error(String(error)),
    meta,
  });
}
