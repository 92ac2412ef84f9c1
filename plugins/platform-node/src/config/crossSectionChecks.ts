import { Config } from '@backstage/config';
import { failConfig } from './configSectionReader';
import type { PlatformConfig } from './readPlatformConfig';
import type { ScaffolderConfig } from './readScaffolderConfig';
import { gitHostOf } from './scaffolder/gitHosts';
import type { TenantConfig } from './tenants';

/** Each tenant of a `platform.grafana.<key>` map must be one `tenantsKey` allows. */
function checkDatasourceTenants(
  uids: Record<string, string> | undefined,
  key: string,
  tenants: TenantConfig | undefined,
  tenantsKey: string,
): void {
  for (const tenant of Object.keys(uids ?? {})) {
    if (!tenants?.tenants.includes(tenant)) {
      failConfig(
        `platform.grafana.${key}["${tenant}"]`,
        `'${tenant}' is not one of ${tenantsKey} (${
          tenants?.tenants.join(', ') || 'none configured'
        })`,
      );
    }
  }
}

/**
 * The checks that read more than one section of `platform`, run once every section has been read on its own.
 * A section that needs another names the key that needs it.
 */
export function checkPlatformSections(config: PlatformConfig): void {
  if (config.argocd?.source === 'kubernetes' && !config.kubernetes) {
    failConfig(
      'platform.argocd.source',
      `'kubernetes' needs the 'platform.kubernetes' section`,
    );
  }
  if (config.grafana) {
    checkDatasourceTenants(
      config.grafana.lokiDatasourceUids,
      'lokiDatasourceUids',
      config.loki,
      'platform.loki.tenants',
    );
    checkDatasourceTenants(
      config.grafana.tempoDatasourceUids,
      'tempoDatasourceUids',
      config.tempo,
      'platform.tempo.tenants',
    );
  }
}

/**
 * The checks of `platform.scaffolder` that read another of its settings or another `platform` section.
 * `scaffolder` is the raw section: an Argo CD setting needs Kubernetes only when it is written out.
 */
export function checkScaffolderSections(
  config: ScaffolderConfig,
  scaffolder: Config | undefined,
  platform: PlatformConfig,
): void {
  const prefix = 'platform.scaffolder';
  if (config.msaDeploy) {
    const host = gitHostOf(config.msaDeploy.repoUrl);
    if (!config.allowedGitHosts.includes(host)) {
      failConfig(
        `${prefix}.msaDeploy.repoUrl`,
        `host '${host}' is not listed in ${prefix}.allowedGitHosts`,
      );
    }
  }
  if (config.argocd.via === 'api' && !platform.argocd) {
    failConfig(
      `${prefix}.argocd.via`,
      `'api' needs the platform.argocd section`,
    );
  }
  if (
    config.argocd.via === 'kubernetes' &&
    scaffolder?.has('argocd') &&
    !platform.kubernetes
  ) {
    failConfig(
      `${prefix}.argocd.via`,
      `'kubernetes' needs the platform.kubernetes section`,
    );
  }
}
