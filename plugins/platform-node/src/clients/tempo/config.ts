import { Config } from '@backstage/config';
import { configSectionReader } from '../../config/configSectionReader';
import { TenantConfig, readTenants } from '../../config/tenants';
import {
  SectionContext,
  UpstreamConfig,
  readUpstream,
} from '../../config/upstream';

/** The parsed `platform.tempo` section. @public */
export type TempoConfig = UpstreamConfig & TenantConfig & { maxTraces: number };

/** Reads `platform.tempo`. */
export function readTempoConfig(
  tempo: Config,
  context: SectionContext,
): TempoConfig {
  const prefix = 'platform.tempo';
  const tenants = readTenants(tempo, prefix);
  const upstream = readUpstream(tempo, prefix, context, tenants.tenant);
  return {
    ...upstream,
    ...tenants,
    maxTraces: configSectionReader(tempo, prefix).wholeNumber(
      'maxTraces',
      50,
      1000,
    ),
  };
}
