import { Config } from '@backstage/config';
import {
  SectionContext,
  UpstreamConfig,
  configSectionReader,
  readUpstream,
} from '../../config/toolkit';

/** The parsed `platform.alertmanager` section. @public */
export type AlertmanagerConfig = UpstreamConfig & { webUrl: string };

/** Reads `platform.alertmanager`. */
export function readAlertmanagerConfig(
  alertmanager: Config,
  context: SectionContext,
): AlertmanagerConfig {
  const prefix = 'platform.alertmanager';
  const upstream = readUpstream(alertmanager, prefix, context);
  return {
    ...upstream,
    webUrl: configSectionReader(alertmanager, prefix).optionalUrl(
      'webUrl',
      upstream.url,
    ),
  };
}
