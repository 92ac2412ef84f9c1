/**
 * The sandbox's switch that holds an Argo CD Application Degraded (a test and bench control, not an Argo CD API):
 * `PUT /api/sandbox/applications/<name>/health` with `{"status":"Degraded","message":"..."}` holds it Degraded
 * until `{"status":"Healthy"}` releases it. Pure validation of the request body here; the reconciler applies it.
 */

export const HEALTH_SWITCH_STATUSES = ['Degraded', 'Healthy'] as const;
export type HealthSwitchStatus = (typeof HEALTH_SWITCH_STATUSES)[number];

export interface HealthSwitch {
  status: HealthSwitchStatus;
  /** Shown as the Application's `status.health.message` while Degraded. */
  message: string;
}

const MAX_MESSAGE = 500;
const DEFAULT_MESSAGE =
  'Deployment msa/<name> exceeded its progress deadline (sandbox health switch)';

export function defaultDegradedMessage(name: string): string {
  return DEFAULT_MESSAGE.replace('<name>', name);
}

export function parseHealthSwitch(
  body: unknown,
  name: string,
): { ok: true; value: HealthSwitch } | { ok: false; error: string } {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return {
      ok: false,
      error: `expected a JSON object {"status": ${HEALTH_SWITCH_STATUSES.map(
        s => `"${s}"`,
      ).join(' | ')}, "message"?: string}`,
    };
  const { status, message, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length)
    return {
      ok: false,
      error: `unknown field(s) ${unknown
        .map(k => JSON.stringify(k))
        .join(', ')}; allowed: status, message`,
    };
  if (
    typeof status !== 'string' ||
    !(HEALTH_SWITCH_STATUSES as readonly string[]).includes(status)
  )
    return {
      ok: false,
      error: `status must be one of ${HEALTH_SWITCH_STATUSES.join(
        ', ',
      )} (got ${JSON.stringify(status)})`,
    };
  if (
    message !== undefined &&
    (typeof message !== 'string' ||
      message.trim() === '' ||
      message.length > MAX_MESSAGE)
  )
    return {
      ok: false,
      error: `message must be a non-empty string of at most ${MAX_MESSAGE} characters`,
    };
  return {
    ok: true,
    value: {
      status: status as HealthSwitchStatus,
      message: (message as string | undefined) ?? defaultDegradedMessage(name),
    },
  };
}
