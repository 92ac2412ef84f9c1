import { Config } from '@backstage/config';
import { checkHttpUrl, failConfig } from './configSectionReader';
import { TenantConfig, readTenants, tenantId } from './tenants';

/** Credentials of one upstream, from backend config only. @public */
export type UpstreamAuth =
  | { type: 'none' }
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string }
  /** `Authorization: ApiKey <apiKey>` (Elasticsearch): the key's encoded form, base64 of `id:api_key`. */
  | { type: 'apiKey'; apiKey: string };

/** Common settings of one HTTP upstream. @public */
export interface UpstreamConfig {
  /** Base URL without a trailing slash. */
  url: string;
  auth: UpstreamAuth;
  timeoutMs: number;
  /** Extra headers (e.g. X-Scope-OrgID); never credentials. */
  headers: Record<string, string>;
  /** PEM certificate(s) to trust for an https URL instead of the system's CAs. */
  caData?: string;
}

/** What every section reader gets besides its own section: the settings shared by all upstreams. */
export interface SectionContext {
  /** `platform.timeoutMs`. */
  timeoutMs: number;
}

function readAuth(section: Config, prefix: string): UpstreamAuth {
  const token = section.getOptionalString('token');
  const username = section.getOptionalString('username');
  const password =
    section.getOptionalString('password') ??
    section.getOptionalString('apiToken');
  if (token) {
    return { type: 'bearer', token };
  }
  if (username && password) {
    return { type: 'basic', username, password };
  }
  if (username && !password) {
    failConfig(
      prefix,
      `'username' is set but its password/apiToken is missing`,
    );
  }
  return { type: 'none' };
}

/**
 * `url`, credentials and `tenant` (sent as X-Scope-OrgID) of one upstream at `prefix`; `defaultTenant`, when
 * the section has already resolved it from `tenant`/`tenants`.
 */
export function readUpstream(
  section: Config,
  prefix: string,
  { timeoutMs }: SectionContext,
  defaultTenant?: string,
): UpstreamConfig {
  const headers: Record<string, string> = {};
  const raw = section.getOptional('tenant');
  const tenant =
    defaultTenant ??
    (raw === undefined ? undefined : tenantId(raw, `${prefix}.tenant`));
  if (tenant !== undefined) {
    headers['X-Scope-OrgID'] = tenant;
  }
  return {
    url: checkHttpUrl(section.getString('url'), `${prefix}.url`),
    auth: readAuth(section, prefix),
    timeoutMs,
    headers,
  };
}

/**
 * A multi-tenant upstream (Loki, Tempo): its tenants (`tenant`, `tenants`) and its settings, the default tenant
 * sent as X-Scope-OrgID.
 */
export function readMultiTenantUpstream(
  section: Config,
  prefix: string,
  context: SectionContext,
): UpstreamConfig & TenantConfig {
  const tenants = readTenants(section, prefix);
  return {
    ...readUpstream(section, prefix, context, tenants.tenant),
    ...tenants,
  };
}

/** The instances of a multi-instance upstream (`<key>`): at least one, each named once. */
export function uniqueNames<T extends { name: string }>(
  items: T[],
  key: string,
): T[] {
  const seen = new Set<string>();
  for (const item of items) {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/.test(item.name)) {
      failConfig(
        key,
        `instance name '${item.name}' must be 1-63 of letters, digits, '.', '_', '-'`,
      );
    }
    if (seen.has(item.name)) {
      failConfig(key, `instance name '${item.name}' is used twice`);
    }
    seen.add(item.name);
  }
  if (items.length === 0) {
    failConfig(key, `list at least one instance`);
  }
  return items;
}
