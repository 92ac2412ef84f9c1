import { TimeRange } from '../timeRange';
import { grafanaExploreUrl } from './exploreUrl';

/** The Grafana datasource settings of one multi-tenant source (Loki or Tempo). */
export interface TenantDatasources {
  /** The single configured uid: the default tenant's when the source has tenants. */
  uid?: string;
  /** Uid per tenant id (own keys only). */
  uidsByTenant?: Record<string, string>;
  /** The source's default tenant (`platform.<source>.tenant`). */
  defaultTenant?: string;
}

/** Whether an Explore link may be built for a read, and with which datasource (none: Grafana's default). */
export type ExploreDatasource = { link: true; uid?: string } | { link: false };

/**
 * The Grafana datasource showing `tenant`'s data. In Grafana each tenant of a multi-tenant Loki or Tempo is its
 * own datasource, so a link for a tenant with no known datasource would open another tenant's data: no link
 * then. Without tenants the single uid (or Grafana's default datasource) is used, as before tenants existed.
 */
export function exploreDatasource(
  settings: TenantDatasources,
  tenant: string | undefined,
): ExploreDatasource {
  if (tenant === undefined) {
    return { link: true, uid: settings.uid };
  }
  if (settings.uidsByTenant && Object.hasOwn(settings.uidsByTenant, tenant)) {
    return { link: true, uid: settings.uidsByTenant[tenant] };
  }
  if (tenant === settings.defaultTenant && settings.uid !== undefined) {
    return { link: true, uid: settings.uid };
  }
  return { link: false };
}

/**
 * The Explore link for a read of `tenant`'s Loki or Tempo data, or undefined when Grafana is not configured or
 * no datasource shows that tenant.
 */
export function tenantExploreUrl(
  grafanaUrl: string | undefined,
  settings: TenantDatasources,
  tenant: string | undefined,
  queries: string[],
  range: TimeRange,
): string | undefined {
  if (!grafanaUrl) {
    return undefined;
  }
  const datasource = exploreDatasource(settings, tenant);
  return datasource.link
    ? grafanaExploreUrl(grafanaUrl, datasource.uid, queries, range)
    : undefined;
}
