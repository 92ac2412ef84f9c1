import { Config } from '@backstage/config';
import { LABEL_NAME_PATTERN } from '../../query/names';
import {
  SectionContext,
  TenantConfig,
  UpstreamConfig,
  configSectionReader,
  nameRule,
  readMultiTenantUpstream,
} from '../../config/toolkit';

/** The parsed `platform.loki` section. @public */
export type LokiConfig = UpstreamConfig &
  TenantConfig & { maxLines: number; defaultLabel: string };

const LOKI_HARD_MAX_LINES = 5000;

/** Reads `platform.loki`. */
export function readLokiConfig(
  loki: Config,
  context: SectionContext,
): LokiConfig {
  const upstream = readMultiTenantUpstream(loki, 'platform.loki', context);
  const fields = configSectionReader(loki, 'platform.loki');
  return {
    ...upstream,
    maxLines: fields.wholeNumber('maxLines', 1000, LOKI_HARD_MAX_LINES),
    defaultLabel: fields.matchingOrDefault(
      'defaultLabel',
      nameRule(LABEL_NAME_PATTERN),
      'app',
    ),
  };
}
