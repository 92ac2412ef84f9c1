// Test-only helper (not exported from the package).
// eslint-disable-next-line @backstage/no-undeclared-imports
import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';

/** One call the code under test made on the auditor: the event's creation, or how it ended. */
export interface RecordedAuditEvent {
  eventId: string;
  severityLevel?: string;
  status: 'initiated' | 'succeeded' | 'failed';
  meta: JsonObject;
  error?: string;
}

/** `mockServices.auditor` recording every event as the default auditor would log it (meta merged). */
export function recordingAuditor() {
  const events: RecordedAuditEvent[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async options => {
      const base = {
        eventId: options.eventId,
        severityLevel: options.severityLevel,
      };
      events.push({ ...base, status: 'initiated', meta: options.meta ?? {} });
      return {
        success: async params => {
          events.push({
            ...base,
            status: 'succeeded',
            meta: { ...options.meta, ...params?.meta },
          });
        },
        fail: async params => {
          events.push({
            ...base,
            status: 'failed',
            meta: { ...options.meta, ...params.meta },
            error: params.error.message,
          });
        },
      };
    },
  });
  return {
    auditor,
    events,
    /** The events that ended (succeeded or failed), in order. */
    ended: () => events.filter(event => event.status !== 'initiated'),
  };
}
