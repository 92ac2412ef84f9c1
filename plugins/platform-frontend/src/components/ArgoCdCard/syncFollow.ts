import { ArgoCdValue } from '@paved-road/backstage-plugin-platform-common';
import { liveImageTags } from '../deploy/imageTags';

/** Longest a card follows one sync; past it the normal refresh takes over. */
export const FOLLOW_LIMIT_MS = 180_000;

const TERMINAL = new Set(['Succeeded', 'Failed', 'Error']);

/** The operation each application showed when a sync was asked for (its start time identifies it). */
export type OperationMarks = Record<string, string | undefined>;

export function operationMarks(value: ArgoCdValue | undefined): OperationMarks {
  const marks: OperationMarks = {};
  for (const app of value?.applications ?? []) {
    marks[app.name] = app.operation?.startedAt;
  }
  return marks;
}

/**
 * Whether the sync asked for after `marks` has ended for every application: each shows an operation other than
 * the one it had then, in a terminal phase. Compared by identity, not by clock: the browser's clock and Argo
 * CD's need not agree.
 */
export function syncEnded(
  value: ArgoCdValue | undefined,
  marks: OperationMarks,
): boolean {
  if (!value) return false;
  return value.applications.every(app => {
    const op = app.operation;
    return (
      op !== undefined &&
      op.startedAt !== marks[app.name] &&
      TERMINAL.has(op.phase)
    );
  });
}

/** An operation Argo CD is still running (started elsewhere, or by auto-sync): worth following too. */
export function operationRunning(value: ArgoCdValue | undefined): boolean {
  return (value?.applications ?? []).some(
    app => app.operation !== undefined && !TERMINAL.has(app.operation.phase),
  );
}

/**
 * Whether a deploy of image tag `tag` has rolled out: an application runs an image with that tag and every
 * application is Synced and Healthy with no operation running. Until the commit reaches Argo CD the old tag
 * shows, so a Synced/Healthy answer alone does not end the follow.
 */
export function deployLanded(
  value: ArgoCdValue | undefined,
  tag: string,
): boolean {
  if (!value || value.applications.length === 0) return false;
  return (
    liveImageTags(value).has(tag) &&
    !operationRunning(value) &&
    value.applications.every(
      app => app.syncStatus === 'Synced' && app.healthStatus === 'Healthy',
    )
  );
}
