import { Config } from '@backstage/config';
import { checkHttpUrl, configSectionReader } from '../toolkit';
import { DNS_1123_NAME } from './rules';

/** Where the scaffolder creates Argo CD Applications (`platform.scaffolder.argocd`). @public */
export interface ScaffolderArgoCdConfig {
  via: 'kubernetes' | 'api';
  namespace: string;
  project: string;
  destinationServer: string;
}

const DESTINATION_SERVER = 'https://kubernetes.default.svc';

/** Reads `platform.scaffolder.argocd` (the defaults when it is absent). */
export function readScaffolderArgoCdConfig(
  argocd: Config | undefined,
): ScaffolderArgoCdConfig {
  if (!argocd) {
    return {
      via: 'kubernetes',
      namespace: 'argocd',
      project: 'default',
      destinationServer: DESTINATION_SERVER,
    };
  }
  const key = 'platform.scaffolder.argocd';
  const fields = configSectionReader(argocd, key);
  const via = fields.oneOf('via', ['kubernetes', 'api'], 'kubernetes');
  const destinationServer = argocd.getOptionalString('destinationServer');
  return {
    via,
    namespace: fields.matching('namespace', DNS_1123_NAME, 'argocd'),
    project: fields.matching('project', DNS_1123_NAME, 'default'),
    destinationServer: destinationServer
      ? checkHttpUrl(destinationServer, `${key}.destinationServer`)
      : DESTINATION_SERVER,
  };
}
