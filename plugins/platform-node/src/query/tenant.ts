import { shownValue } from './shownValue';
import type { TenantConfig } from '../config/tenants';

/** The tenant an entity reads with, or why it may not. @public */
export type TenantSelection =
  | { ok: true; tenant?: string }
  | { ok: false; message: string };

/**
 * Picks the tenant (X-Scope-OrgID) of a multi-tenant upstream for one entity: the configured default when the
 * entity names none, else the named tenant if it is exactly one of the allowed tenants. Anything else (another
 * team's tenant, `a|b` federation, case variants, control characters) is refused with a message naming the
 * value and the config key that would allow it; the caller sends no request then.
 *
 * @public
 */
export function selectTenant(
  config: TenantConfig,
  requested: string | undefined,
  names: { annotation: string; configKey: string },
): TenantSelection {
  if (requested === undefined) {
    return { ok: true, tenant: config.tenant };
  }
  if (config.tenants.includes(requested)) {
    return { ok: true, tenant: requested };
  }
  const what = `Tenant ${shownValue(requested)} (from the ${
    names.annotation
  } annotation)`;
  return {
    ok: false,
    message:
      config.tenants.length > 0
        ? `${what} is not allowed: ${
            names.configKey
          } allows ${config.tenants.join(
            ', ',
          )}; an operator lists it there to allow it`
        : `${what} is not allowed: no tenants are configured; an operator lists it in ${names.configKey} to allow it`,
  };
}
