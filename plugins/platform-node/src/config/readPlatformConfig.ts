import { Config } from '@backstage/config';
import { readCaBundle } from '../clients/kubernetes/caBundle';
import {
  NamespaceBound,
  isNamespaceName,
  namespacePatternProblem,
  normaliseOwnerRef,
} from '../query/namespaceBound';
import {
  ElasticsearchConfig,
  readElasticsearchConfig,
} from '../clients/elasticsearch/config';

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

/** @public */
export interface ArgoCdInstanceConfig extends UpstreamConfig {
  name: string;
  webUrl: string;
  /** Set when the instance logs in with a local account instead of a token. */
  login?: { username: string; password: string };
}

/** @public */
export interface JenkinsInstanceConfig extends UpstreamConfig {
  name: string;
}

/** @public */
export interface KubernetesConfig {
  url: string;
  token: string;
  /** The API server's CA bundle as PEM text (the config may give it as PEM or base64 of PEM). */
  caData?: string;
  skipTLSVerify: boolean;
  timeoutMs: number;
}

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

/** The parsed, validated `platform` config section. @public */
export interface PlatformConfig {
  timeoutMs: number;
  cacheTtlSeconds: number;
  /**
   * The label / attribute pinned to the entity's namespace per source: the configured name, else
   * {@link SCOPE_DEFAULTS}; undefined only when the operator switched it off with `false`.
   */
  scope: {
    lokiNamespaceLabel?: string;
    alertNamespaceLabel?: string;
    tempoNamespaceAttribute?: string;
  } & NamespaceBound;
  argocd?: {
    instances: ArgoCdInstanceConfig[];
    source: 'api' | 'kubernetes';
    /** Namespace of the Application resources (and Argo CD's own namespace); default `argocd`. */
    kubernetesNamespace: string;
    /**
     * Namespaces (names or `*` globs) the `argocd/app-namespace` annotation may name: the configured
     * `platform.argocd.allowedAppNamespaces`, else `[kubernetesNamespace]` only.
     */
    allowedAppNamespaces: string[];
  };
  kubernetes?: KubernetesConfig;
  prometheus?: UpstreamConfig & {
    redSource: 'istio' | 'spanmetrics';
    namespaceLabel: string;
  };
  alertmanager?: UpstreamConfig & { webUrl: string };
  loki?: UpstreamConfig &
    TenantConfig & { maxLines: number; defaultLabel: string };
  tempo?: UpstreamConfig & TenantConfig & { maxTraces: number };
  jenkins?: { instances: JenkinsInstanceConfig[] };
  elasticsearch?: ElasticsearchConfig;
  grafana?: {
    url: string;
    /** Loki datasource of Explore links; with tenants, the default tenant's. */
    lokiDatasourceUid?: string;
    /** Loki datasource per tenant (own keys only; each a tenant of `platform.loki.tenants`). */
    lokiDatasourceUids?: Record<string, string>;
    /** Tempo datasource of Explore links; with tenants, the default tenant's. */
    tempoDatasourceUid?: string;
    /** Tempo datasource per tenant (own keys only; each a tenant of `platform.tempo.tenants`). */
    tempoDatasourceUids?: Record<string, string>;
    prometheusDatasourceUid?: string;
  };
}

const LOKI_HARD_MAX_LINES = 5000;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const ATTRIBUTE_NAME = /^[a-zA-Z_][a-zA-Z0-9_.]*$/;

/**
 * Checks an absolute http(s) URL without credentials, failing with the key and what is expected.
 * Returns it without trailing slashes.
 *
 * @public
 */
export function checkHttpUrl(value: string, fullKey: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(
      `Invalid config at '${fullKey}': expected an absolute http(s) URL such as https://host:port, got '${value}'`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(
      `Invalid config at '${fullKey}': expected an http or https URL, got protocol '${parsed.protocol}'`,
    );
  }
  if (parsed.username || parsed.password) {
    throw new Error(
      `Invalid config at '${fullKey}': credentials must not be part of the URL; use the token/password keys`,
    );
  }
  return value.replace(/\/+$/, '');
}

function positiveInt(
  config: Config,
  key: string,
  fullKey: string,
  fallback: number,
  max: number,
): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(
      `Invalid config at '${fullKey}': expected a whole number from 0 to ${max}, got ${value}`,
    );
  }
  return value;
}

function oneOf<T extends string>(
  config: Config,
  key: string,
  fullKey: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = config.getOptionalString(key);
  if (value === undefined) {
    return fallback;
  }
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(
      `Invalid config at '${fullKey}': expected one of ${allowed.join(
        ', ',
      )}, got '${value}'`,
    );
  }
  return value as T;
}

function namePattern(
  config: Config,
  key: string,
  fullKey: string,
  pattern: RegExp,
  fallback: string | undefined,
): string | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined) {
    return fallback;
  }
  if (value === '') {
    return undefined;
  }
  if (!pattern.test(value)) {
    throw new Error(
      `Invalid config at '${fullKey}': '${value}' is not a valid name (allowed: ${pattern.source})`,
    );
  }
  return value;
}

/**
 * A `platform.scope` label / attribute: unset, the safe default; `false`, switched off (the plugin warns at
 * start-up); a name, that name. An empty string is refused rather than read as "off": an unset environment
 * variable (`${X}`) becomes '', and that must not silently open every namespace.
 */
function scopeKey(
  config: Config,
  key: string,
  pattern: RegExp,
  fallback: string,
): string | undefined {
  const fullKey = `platform.scope.${key}`;
  const raw = config.getOptional(`scope.${key}`);
  if (raw === undefined) {
    return fallback;
  }
  if (raw === false) {
    return undefined;
  }
  if (raw === '' || raw === true || typeof raw !== 'string') {
    throw new Error(
      `Invalid config at '${fullKey}': expected a name (allowed: ${pattern.source}; default '${fallback}') ` +
        `or false to switch the namespace scope off, got ${JSON.stringify(
          raw,
        )}`,
    );
  }
  return namePattern(config, `scope.${key}`, fullKey, pattern, fallback);
}

/** Defaults of the `platform.scope` keys; each pins the entity's namespace into that source's queries. @public */
export const SCOPE_DEFAULTS = {
  lokiNamespaceLabel: 'namespace',
  alertNamespaceLabel: 'namespace',
  /** The OpenTelemetry resource attribute (`resource.k8s.namespace.name` in TraceQL). */
  tempoNamespaceAttribute: 'k8s.namespace.name',
} as const;

function namespacePatterns(
  value: unknown,
  fullKey: string,
  whenUnset = 'leave the key out to not bound by it',
): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(
      `Invalid config at '${fullKey}': expected a non-empty list of namespace names or globs (e.g. [msa, 'team-a-*']); ${whenUnset}`,
    );
  }
  return value.map((item, index) => {
    if (typeof item !== 'string') {
      throw new Error(
        `Invalid config at '${fullKey}[${index}]': expected a namespace name or glob, got ${typeof item}`,
      );
    }
    const problem = namespacePatternProblem(item);
    if (problem) {
      throw new Error(`Invalid config at '${fullKey}[${index}]': ${problem}`);
    }
    return item;
  });
}

/** `platform.scope.allowedNamespaces` and `platform.scope.namespacesByOwner`. */
function readNamespaceBound(config: Config): NamespaceBound {
  const bound: NamespaceBound = {};
  const allowed = config.getOptional('scope.allowedNamespaces');
  if (allowed !== undefined) {
    bound.allowedNamespaces = namespacePatterns(
      allowed,
      'platform.scope.allowedNamespaces',
    );
  }
  // Read as a raw object: entity refs (`group:default/team-a`) are not valid config key segments.
  const byOwner = config.getOptional('scope.namespacesByOwner');
  if (byOwner !== undefined) {
    const key = 'platform.scope.namespacesByOwner';
    if (!byOwner || typeof byOwner !== 'object' || Array.isArray(byOwner)) {
      throw new Error(
        `Invalid config at '${key}': expected a map of owner entity ref to namespaces, e.g. { 'group:default/team-a': [team-a, 'team-a-*'] }`,
      );
    }
    const entries = Object.entries(byOwner);
    if (entries.length === 0) {
      throw new Error(
        `Invalid config at '${key}': list at least one owner, or leave the key out`,
      );
    }
    bound.namespacesByOwner = {};
    for (const [rawRef, patterns] of entries) {
      const ref = normaliseOwnerRef(rawRef);
      if (!ref) {
        throw new Error(
          `Invalid config at '${key}': '${rawRef}' is not an entity ref such as group:default/team-a`,
        );
      }
      if (bound.namespacesByOwner[ref]) {
        throw new Error(
          `Invalid config at '${key}': '${rawRef}' names the owner ${ref} twice`,
        );
      }
      bound.namespacesByOwner[ref] = namespacePatterns(
        patterns,
        `${key}["${rawRef}"]`,
      );
    }
  }
  return bound;
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
    throw new Error(
      `Invalid config at '${prefix}': 'username' is set but its password/apiToken is missing`,
    );
  }
  return { type: 'none' };
}

const TENANT_ID = /^[A-Za-z0-9!\-_.*'()|]{1,150}$/;

function tenantId(value: unknown, fullKey: string): string {
  if (typeof value !== 'string' || !TENANT_ID.test(value)) {
    throw new Error(
      `Invalid config at '${fullKey}': a tenant id is 1-150 of A-Z a-z 0-9 ! - _ . * ' ( ) |${
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
function readTenants(section: Config, prefix: string): TenantConfig {
  const single = section.getOptional('tenant');
  const tenant =
    single === undefined ? undefined : tenantId(single, `${prefix}.tenant`);
  const list = section.getOptional('tenants');
  if (list === undefined) {
    return { tenant, tenants: tenant ? [tenant] : [] };
  }
  const key = `${prefix}.tenants`;
  if (!Array.isArray(list) || list.length === 0) {
    throw new Error(
      `Invalid config at '${key}': expected a non-empty list of tenant ids (e.g. [team-a, team-b]); leave the key out for the single '${prefix}.tenant'`,
    );
  }
  const seen = new Set<string>();
  const tenants = list.map((item, index) => {
    const id = tenantId(item, `${key}[${index}]`);
    if (seen.has(id)) {
      throw new Error(
        `Invalid config at '${key}[${index}]': tenant '${id}' is listed twice`,
      );
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

const GRAFANA_UID = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * `platform.grafana.<key>`: tenant id -> Grafana datasource uid, each tenant one the entity may pick
 * (`tenantsKey`). Read as a raw object: tenant ids (`a.b`, `(x)`) are not valid config key segments.
 */
function readDatasourceUids(
  grafana: Config,
  key: string,
  tenants: TenantConfig | undefined,
  tenantsKey: string,
): Record<string, string> | undefined {
  const raw = grafana.getOptional(key);
  if (raw === undefined) {
    return undefined;
  }
  const fullKey = `platform.grafana.${key}`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error(
      `Invalid config at '${fullKey}': expected a map of tenant id to Grafana datasource uid, e.g. { team-a: loki-team-a }`,
    );
  }
  const entries = Object.entries(raw).map(([tenant, uid]) => {
    const entryKey = `${fullKey}["${tenant}"]`;
    tenantId(tenant, entryKey);
    if (!tenants?.tenants.includes(tenant)) {
      throw new Error(
        `Invalid config at '${entryKey}': '${tenant}' is not one of ${tenantsKey} (${
          tenants?.tenants.join(', ') || 'none configured'
        })`,
      );
    }
    if (typeof uid !== 'string' || !GRAFANA_UID.test(uid)) {
      throw new Error(
        `Invalid config at '${entryKey}': a Grafana datasource uid is 1-40 of A-Z a-z 0-9 - _, got ${
          typeof uid === 'string' ? `'${uid}'` : typeof uid
        }`,
      );
    }
    return [tenant, uid] as const;
  });
  // fromEntries defines own properties: a tenant named `__proto__` stays a plain key.
  return Object.fromEntries(entries);
}

function readUpstream(
  section: Config,
  prefix: string,
  timeoutMs: number,
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

function uniqueNames<T extends { name: string }>(items: T[], key: string): T[] {
  const seen = new Set<string>();
  for (const item of items) {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/.test(item.name)) {
      throw new Error(
        `Invalid config at '${key}': instance name '${item.name}' must be 1-63 of letters, digits, '.', '_', '-'`,
      );
    }
    if (seen.has(item.name)) {
      throw new Error(
        `Invalid config at '${key}': instance name '${item.name}' is used twice`,
      );
    }
    seen.add(item.name);
  }
  if (items.length === 0) {
    throw new Error(`Invalid config at '${key}': list at least one instance`);
  }
  return items;
}

/**
 * Parses and validates the `platform` section once at start-up. A malformed value throws an error naming the
 * key and what is allowed; a missing section leaves that source undefined (disabled).
 *
 * @public
 */
export function readPlatformConfig(root: Config): PlatformConfig {
  const config = root.getOptionalConfig('platform');
  if (!config) {
    return {
      timeoutMs: 5000,
      cacheTtlSeconds: 15,
      scope: { ...SCOPE_DEFAULTS },
    };
  }
  const timeoutMs = positiveInt(
    config,
    'timeoutMs',
    'platform.timeoutMs',
    5000,
    120_000,
  );
  const result: PlatformConfig = {
    timeoutMs,
    cacheTtlSeconds: positiveInt(
      config,
      'cacheTtlSeconds',
      'platform.cacheTtlSeconds',
      15,
      3600,
    ),
    scope: {
      lokiNamespaceLabel: scopeKey(
        config,
        'lokiNamespaceLabel',
        LABEL_NAME,
        SCOPE_DEFAULTS.lokiNamespaceLabel,
      ),
      alertNamespaceLabel: scopeKey(
        config,
        'alertNamespaceLabel',
        LABEL_NAME,
        SCOPE_DEFAULTS.alertNamespaceLabel,
      ),
      tempoNamespaceAttribute: scopeKey(
        config,
        'tempoNamespaceAttribute',
        ATTRIBUTE_NAME,
        SCOPE_DEFAULTS.tempoNamespaceAttribute,
      ),
      ...readNamespaceBound(config),
    },
  };

  const argocd = config.getOptionalConfig('argocd');
  if (argocd) {
    const instances = uniqueNames(
      argocd.getConfigArray('instances').map((instance, index) => {
        const prefix = `platform.argocd.instances[${index}]`;
        const upstream = readUpstream(instance, prefix, timeoutMs);
        const login =
          upstream.auth.type === 'basic'
            ? {
                username: upstream.auth.username,
                password: upstream.auth.password,
              }
            : undefined;
        if (upstream.auth.type === 'none') {
          throw new Error(
            `Invalid config at '${prefix}': set 'token', or 'username' and 'password'`,
          );
        }
        const webUrl = instance.getOptionalString('webUrl');
        return {
          ...upstream,
          // Argo CD takes a session token, not basic auth: login credentials are exchanged for one.
          auth: login ? ({ type: 'none' } as const) : upstream.auth,
          login,
          name: instance.getString('name'),
          webUrl: webUrl
            ? checkHttpUrl(webUrl, `${prefix}.webUrl`)
            : upstream.url,
        };
      }),
      'platform.argocd.instances',
    );
    const kubernetesNamespace =
      argocd.getOptionalString('kubernetesNamespace') ?? 'argocd';
    if (!isNamespaceName(kubernetesNamespace)) {
      throw new Error(
        `Invalid config at 'platform.argocd.kubernetesNamespace': '${kubernetesNamespace}' is not a Kubernetes namespace name (1-63 lowercase letters, digits, '-')`,
      );
    }
    const allowedAppNamespaces = argocd.getOptional('allowedAppNamespaces');
    result.argocd = {
      instances,
      source: oneOf(
        argocd,
        'source',
        'platform.argocd.source',
        ['api', 'kubernetes'],
        'api',
      ),
      kubernetesNamespace,
      // Closed by default: the backend reads Applications with its own credentials, so an annotation may
      // only name a namespace the operator listed.
      allowedAppNamespaces:
        allowedAppNamespaces === undefined
          ? [kubernetesNamespace]
          : namespacePatterns(
              allowedAppNamespaces,
              'platform.argocd.allowedAppNamespaces',
              `leave the key out to allow only platform.argocd.kubernetesNamespace ('${kubernetesNamespace}')`,
            ),
    };
  }

  const kubernetes = config.getOptionalConfig('kubernetes');
  if (kubernetes) {
    result.kubernetes = {
      url: checkHttpUrl(kubernetes.getString('url'), 'platform.kubernetes.url'),
      token: kubernetes.getString('token'),
      caData: readCaBundle(
        kubernetes.getOptionalString('caData'),
        'platform.kubernetes.caData',
      ),
      skipTLSVerify: kubernetes.getOptionalBoolean('skipTLSVerify') ?? false,
      timeoutMs,
    };
  }
  if (result.argocd?.source === 'kubernetes' && !result.kubernetes) {
    throw new Error(
      `Invalid config at 'platform.argocd.source': 'kubernetes' needs the 'platform.kubernetes' section`,
    );
  }

  const prometheus = config.getOptionalConfig('prometheus');
  if (prometheus) {
    result.prometheus = {
      ...readUpstream(prometheus, 'platform.prometheus', timeoutMs),
      redSource: oneOf(
        prometheus,
        'redSource',
        'platform.prometheus.redSource',
        ['istio', 'spanmetrics'],
        'istio',
      ),
      namespaceLabel:
        namePattern(
          prometheus,
          'namespaceLabel',
          'platform.prometheus.namespaceLabel',
          LABEL_NAME,
          'destination_workload_namespace',
        ) ?? 'destination_workload_namespace',
    };
  }

  const alertmanager = config.getOptionalConfig('alertmanager');
  if (alertmanager) {
    const upstream = readUpstream(
      alertmanager,
      'platform.alertmanager',
      timeoutMs,
    );
    const webUrl = alertmanager.getOptionalString('webUrl');
    result.alertmanager = {
      ...upstream,
      webUrl: webUrl
        ? checkHttpUrl(webUrl, 'platform.alertmanager.webUrl')
        : upstream.url,
    };
  }

  const loki = config.getOptionalConfig('loki');
  if (loki) {
    const tenants = readTenants(loki, 'platform.loki');
    result.loki = {
      ...readUpstream(loki, 'platform.loki', timeoutMs, tenants.tenant),
      ...tenants,
      maxLines: positiveInt(
        loki,
        'maxLines',
        'platform.loki.maxLines',
        1000,
        LOKI_HARD_MAX_LINES,
      ),
      defaultLabel:
        namePattern(
          loki,
          'defaultLabel',
          'platform.loki.defaultLabel',
          LABEL_NAME,
          'app',
        ) ?? 'app',
    };
  }

  const tempo = config.getOptionalConfig('tempo');
  if (tempo) {
    const tenants = readTenants(tempo, 'platform.tempo');
    result.tempo = {
      ...readUpstream(tempo, 'platform.tempo', timeoutMs, tenants.tenant),
      ...tenants,
      maxTraces: positiveInt(
        tempo,
        'maxTraces',
        'platform.tempo.maxTraces',
        50,
        1000,
      ),
    };
  }

  const jenkins = config.getOptionalConfig('jenkins');
  if (jenkins) {
    result.jenkins = {
      instances: uniqueNames(
        jenkins.getConfigArray('instances').map((instance, index) => {
          const prefix = `platform.jenkins.instances[${index}]`;
          return {
            ...readUpstream(instance, prefix, timeoutMs),
            name: instance.getString('name'),
            auth: {
              type: 'basic' as const,
              username: instance.getString('username'),
              password: instance.getString('apiToken'),
            },
          };
        }),
        'platform.jenkins.instances',
      ),
    };
  }

  result.elasticsearch = readElasticsearchConfig(config, timeoutMs);

  const grafana = config.getOptionalConfig('grafana');
  if (grafana) {
    result.grafana = {
      url: checkHttpUrl(grafana.getString('url'), 'platform.grafana.url'),
      lokiDatasourceUid: grafana.getOptionalString('lokiDatasourceUid'),
      lokiDatasourceUids: readDatasourceUids(
        grafana,
        'lokiDatasourceUids',
        result.loki,
        'platform.loki.tenants',
      ),
      tempoDatasourceUid: grafana.getOptionalString('tempoDatasourceUid'),
      tempoDatasourceUids: readDatasourceUids(
        grafana,
        'tempoDatasourceUids',
        result.tempo,
        'platform.tempo.tenants',
      ),
      prometheusDatasourceUid: grafana.getOptionalString(
        'prometheusDatasourceUid',
      ),
    };
  }

  return result;
}
