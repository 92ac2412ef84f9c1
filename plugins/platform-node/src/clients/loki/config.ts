import { Config } from '@backstage/config';
import { LABEL_NAME_PATTERN } from '../../query/names';
import {
  configSectionReader,
  nameRule,
} from '../../config/configSectionReader';
import { TenantConfig, readTenants } from '../../config/tenants';
import {
  SectionContext,
  UpstreamConfig,
  readUpstream,
} from '../../config/upstream';

/** The parsed `platform.loki` section. @public */
export type LokiConfig = UpstreamConfig &
  TenantConfig & { maxLines: number; defaultLabel: string };

const LOKI_HARD_MAX_LINES = 5000;

/** Reads `platform.loki`. */
export function readLokiConfig(
  loki: Config,
  context: SectionContext,
): LokiConfig {
  const prefix = 'platform.loki';
  const tenants = readTenants(loki, prefix);
  const upstream = readUpstream(loki, prefix, context, tenants.tenant);
  const fields = configSectionReader(loki, prefix);
  return {
    ...upstream,
    ...tenants,
    maxLines: fields.wholeNumber('maxLines', 1000, LOKI_HARD_MAX_LINES),
    defaultLabel: fields.matchingOrDefault(
      'defaultLabel',
      nameRule(LABEL_NAME_PATTERN),
      'app',
    ),
  };
}
