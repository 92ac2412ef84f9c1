import type { ParseResult } from '../equalityLabels';
import { shownValue } from '../shownValue';

/**
 * The document fields a logs search reads, by role. Defaults are the Elastic Common Schema's
 * ({@link ECS_LOG_FIELDS}); an instance's config and then an entity's annotation may rename any of them.
 *
 * @public
 */
export interface EsLogFields {
  timestamp: string;
  message: string;
  level: string;
  service: string;
  namespace: string;
  traceId: string;
}

/** @public */
export const ECS_LOG_FIELDS: Readonly<EsLogFields> = Object.freeze({
  timestamp: '@timestamp',
  message: 'message',
  level: 'log.level',
  service: 'service.name',
  namespace: 'kubernetes.namespace',
  traceId: 'trace.id',
});

/** The roles of {@link EsLogFields}, as an annotation or config key names them. @public */
export const ES_LOG_FIELD_ROLES: readonly (keyof EsLogFields)[] = [
  'timestamp',
  'message',
  'level',
  'service',
  'namespace',
  'traceId',
];

/**
 * What an Elasticsearch field name may be here: letters, digits, `_`, `@`, `.`, `-`. Excludes whatever a query
 * language or a path could read as syntax (`*`, `:`, quotes, spaces, brackets, `\`), and names starting with
 * `_` (metadata fields such as `_id`, `_source`, `_exists_`) or ending in `.`.
 *
 * @public
 */
export const ES_FIELD_NAME_PATTERN = /^[A-Za-z0-9@][A-Za-z0-9_@.-]{0,254}$/;

/** Checks one field name; the message names where it came from and what is allowed. @public */
export function checkEsFieldName(
  value: string,
  where: string,
): ParseResult<string> {
  if (
    !ES_FIELD_NAME_PATTERN.test(value) ||
    value.endsWith('.') ||
    value.includes('..')
  ) {
    return {
      ok: false,
      message: `${where}: ${shownValue(
        value,
      )} is not a field name; allowed: letters, digits, '_', '@', '.', '-' (not starting with '_', '.' or '-', no empty path segment, at most 255)`,
    };
  }
  return { ok: true, value };
}

/**
 * Parses `role=field,role=field` (roles of {@link EsLogFields}) strictly: known roles only, once each, every
 * field name checked. Used for the entity annotation and the per-instance config alike.
 *
 * @public
 */
export function parseEsLogFields(
  raw: string,
  where: string,
): ParseResult<Partial<EsLogFields>> {
  const fail = (why: string): ParseResult<Partial<EsLogFields>> => ({
    ok: false,
    message: `${where} ${why}; expected role=field pairs separated by commas, roles ${ES_LOG_FIELD_ROLES.join(
      ', ',
    )} (e.g. level=severity,traceId=trace_id)`,
  });
  const parts = raw.split(',').map(p => p.trim());
  if (parts.every(p => p === '')) return fail('is empty');
  const out: Partial<EsLogFields> = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0)
      return fail(`has an item without role=field: ${shownValue(part)}`);
    const role = part.slice(0, eq).trim();
    const field = part.slice(eq + 1).trim();
    if (!(ES_LOG_FIELD_ROLES as readonly string[]).includes(role))
      return fail(`names an unknown role ${shownValue(role)}`);
    if (Object.prototype.hasOwnProperty.call(out, role))
      return fail(`names the role '${role}' twice`);
    const checked = checkEsFieldName(field, `${where} (${role})`);
    if (!checked.ok) return checked;
    out[role as keyof EsLogFields] = checked.value;
  }
  return { ok: true, value: out };
}

/** ECS defaults, then the instance's fields, then the entity's. @public */
export function resolveEsLogFields(
  ...layers: (Partial<EsLogFields> | undefined)[]
): EsLogFields {
  const out: EsLogFields = { ...ECS_LOG_FIELDS };
  for (const layer of layers)
    for (const role of ES_LOG_FIELD_ROLES) {
      const v = layer?.[role];
      if (v !== undefined) out[role] = v;
    }
  return out;
}
