import { Config } from '@backstage/config';
import { failConfig } from './configSectionReader';

/**
 * Tenants of a multi-tenant upstream (Loki, Tempo), sent as `X-Scope-OrgID`. `tenant` is the default (also in
 * the upstream's `headers`); `tenants` is every tenant an entity may pick by annotation, the default included.
 *
 * @public
 */
export interface TenantConfig {
  /** Default tenant (`platform.<source>.tenant`, else the first of `tenants`); none: no X-Scope-OrgID. */
  tenant?: string;
  /** Allowed tenants: the default first, then `platform.<source>.tenants` without repeats. */
  tenants: string[];
}

const TENANT_ID = /^[A-Za-z0-9!\-_.*'()|]{1,150}$/;

/** A tenant id (what Loki, Tempo and Mimir accept in X-Scope-OrgID), else fails naming `fullKey`. */
export function tenantId(value: unknown, fullKey: string): string {
  if (typeof value !== 'string' || !TENANT_ID.test(value)) {
    failConfig(
      fullKey,
      `a tenant id is 1-150 of A-Z a-z 0-9 ! - _ . * ' ( ) |${
        typeof value === 'string' ? `, got '${value}'` : `, got ${typeof value}`
      }`,
    );
  }
  return value;
}

/**
 * `<prefix>.tenant` (the default) and `<prefix>.tenants` (the others an entity may pick with an annotation).
 * Without `tenant`, the first of `tenants` is the default.
 */
export function readTenants(section: Config, prefix: string): TenantConfig {
  const single = section.getOptional('tenant');
  const tenant =
    single === undefined ? undefined : tenantId(single, `${prefix}.tenant`);
  const list = section.getOptional('tenants');
  if (list === undefined) {
    return { tenant, tenants: tenant ? [tenant] : [] };
  }
  const key = `${prefix}.tenants`;
  if (!Array.isArray(list) || list.length === 0) {
    failConfig(
      key,
      `expected a non-empty list of tenant ids (e.g. [team-a, team-b]); leave the key out for the single '${prefix}.tenant'`,
    );
  }
  const seen = new Set<string>();
  const tenants = list.map((item, index) => {
    const id = tenantId(item, `${key}[${index}]`);
    if (seen.has(id)) {
      failConfig(`${key}[${index}]`, `tenant '${id}' is listed twice`);
    }
    seen.add(id);
    return id;
  });
  const fallback = tenant ?? tenants[0];
  return {
    tenant: fallback,
    tenants: [fallback, ...tenants.filter(id => id !== fallback)],
  };
}
