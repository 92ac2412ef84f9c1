import { Config } from '@backstage/config';
import {
  SectionContext,
  TenantConfig,
  UpstreamConfig,
  configSectionReader,
  readMultiTenantUpstream,
} from '../../config/toolkit';

/** The parsed `platform.tempo` section. @public */
export type TempoConfig = UpstreamConfig & TenantConfig & { maxTraces: number };

/** Reads `platform.tempo`. */
export function readTempoConfig(
  tempo: Config,
  context: SectionContext,
): TempoConfig {
  return {
    ...readMultiTenantUpstream(tempo, 'platform.tempo', context),
    maxTraces: configSectionReader(tempo, 'platform.tempo').wholeNumber(
      'maxTraces',
      50,
      1000,
    ),
  };
}
