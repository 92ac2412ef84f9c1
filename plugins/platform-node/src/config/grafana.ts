import { Config } from '@backstage/config';
import { configSectionReader, failConfig } from './configSectionReader';
import { tenantId } from './tenants';

/** The parsed `platform.grafana` section: where Explore links point. @public */
export interface GrafanaConfig {
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
}

const GRAFANA_UID = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * `platform.grafana.<key>`: tenant id -> Grafana datasource uid. Read as a raw object: tenant ids (`a.b`,
 * `(x)`) are not valid config key segments. That each tenant is one the entity may pick is a cross-section
 * check (see crossSectionChecks).
 */
function readDatasourceUids(
  grafana: Config,
  key: string,
): Record<string, string> | undefined {
  const raw = grafana.getOptional(key);
  if (raw === undefined) {
    return undefined;
  }
  const fullKey = `platform.grafana.${key}`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return failConfig(
      fullKey,
      `expected a map of tenant id to Grafana datasource uid, e.g. { team-a: loki-team-a }`,
    );
  }
  const entries = Object.entries(raw).map(([tenant, uid]) => {
    const entryKey = `${fullKey}["${tenant}"]`;
    tenantId(tenant, entryKey);
    if (typeof uid !== 'string' || !GRAFANA_UID.test(uid)) {
      failConfig(
        entryKey,
        `a Grafana datasource uid is 1-40 of A-Z a-z 0-9 - _, got ${
          typeof uid === 'string' ? `'${uid}'` : typeof uid
        }`,
      );
    }
    return [tenant, uid] as const;
  });
  // fromEntries defines own properties: a tenant named `__proto__` stays a plain key.
  return Object.fromEntries(entries);
}

/** Reads `platform.grafana`. */
export function readGrafanaConfig(grafana: Config): GrafanaConfig {
  return {
    url: configSectionReader(grafana, 'platform.grafana').url('url'),
    lokiDatasourceUid: grafana.getOptionalString('lokiDatasourceUid'),
    lokiDatasourceUids: readDatasourceUids(grafana, 'lokiDatasourceUids'),
    tempoDatasourceUid: grafana.getOptionalString('tempoDatasourceUid'),
    tempoDatasourceUids: readDatasourceUids(grafana, 'tempoDatasourceUids'),
    prometheusDatasourceUid: grafana.getOptionalString(
      'prometheusDatasourceUid',
    ),
  };
}
