import { Config } from '@backstage/config';
import {
  AlertmanagerConfig,
  readAlertmanagerConfig,
} from '../clients/alertmanager/config';
import { ArgoCdConfig, readArgoCdConfig } from '../clients/argocd/config';
import {
  ElasticsearchConfig,
  readElasticsearchConfig,
} from '../clients/elasticsearch/config';
import { JenkinsConfig, readJenkinsConfig } from '../clients/jenkins/config';
import {
  KubernetesConfig,
  readKubernetesConfig,
} from '../clients/kubernetes/config';
import { LokiConfig, readLokiConfig } from '../clients/loki/config';
import {
  PrometheusConfig,
  readPrometheusConfig,
} from '../clients/prometheus/config';
import { TempoConfig, readTempoConfig } from '../clients/tempo/config';
import { checkPlatformSections } from './crossSectionChecks';
import { GrafanaConfig, readGrafanaConfig } from './grafana';
import { KialiConfig, readKialiConfig } from './kiali';
import { NotificationsConfig, readNotificationsConfig } from './notifications';
import { ScopeConfig, readScopeConfig } from './scope';
import { readTimeoutsAndCache } from './timeoutsAndCache';
import { SectionContext } from './upstream';

/** The parsed, validated `platform` config section. @public */
export interface PlatformConfig {
  timeoutMs: number;
  cacheTtlSeconds: number;
  scope: ScopeConfig;
  argocd?: ArgoCdConfig;
  kubernetes?: KubernetesConfig;
  prometheus?: PrometheusConfig;
  alertmanager?: AlertmanagerConfig;
  loki?: LokiConfig;
  tempo?: TempoConfig;
  jenkins?: JenkinsConfig;
  elasticsearch?: ElasticsearchConfig;
  grafana?: GrafanaConfig;
  kiali?: KialiConfig;
  /** The owner watcher; absent: it does not run. */
  notifications?: NotificationsConfig;
}

type SectionKey = Exclude<
  keyof PlatformConfig,
  'timeoutMs' | 'cacheTtlSeconds' | 'scope'
>;

/**
 * The reader of each optional section of `platform`, in reading order: the one place a new section is added.
 * A section that is absent stays unset (that source is off).
 */
type SectionReader<K extends SectionKey> = (
  section: Config,
  context: SectionContext,
) => PlatformConfig[K];

const SECTION_READERS: { [K in SectionKey]: SectionReader<K> } = {
  argocd: readArgoCdConfig,
  kubernetes: readKubernetesConfig,
  prometheus: readPrometheusConfig,
  alertmanager: readAlertmanagerConfig,
  loki: readLokiConfig,
  tempo: readTempoConfig,
  jenkins: readJenkinsConfig,
  elasticsearch: readElasticsearchConfig,
  grafana: readGrafanaConfig,
  kiali: readKialiConfig,
  notifications: readNotificationsConfig,
};

function readSection<K extends SectionKey>(
  platform: Config,
  key: K,
  context: SectionContext,
  result: PlatformConfig,
): void {
  const section = platform.getOptionalConfig(key);
  if (section) {
    const read: SectionReader<K> = SECTION_READERS[key];
    result[key] = read(section, context);
  }
}

/**
 * Parses and validates the `platform` section once at start-up. A malformed value throws an error naming the
 * key and what is allowed; a missing section leaves that source undefined (disabled).
 *
 * @public
 */
export function readPlatformConfig(root: Config): PlatformConfig {
  const platform = root.getOptionalConfig('platform');
  const result: PlatformConfig = {
    ...readTimeoutsAndCache(platform),
    scope: readScopeConfig(platform?.getOptionalConfig('scope')),
  };
  if (platform) {
    const context: SectionContext = { timeoutMs: result.timeoutMs };
    for (const key of Object.keys(SECTION_READERS) as SectionKey[]) {
      readSection(platform, key, context, result);
    }
    checkPlatformSections(result);
  }
  return result;
}
