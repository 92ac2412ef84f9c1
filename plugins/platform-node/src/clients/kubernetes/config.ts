import { Config } from '@backstage/config';
import { SectionContext, configSectionReader } from '../../config/toolkit';
import { readCaBundle } from './caBundle';

/** The parsed `platform.kubernetes` section. @public */
export interface KubernetesConfig {
  url: string;
  token: string;
  /** The API server's CA bundle as PEM text (the config may give it as PEM or base64 of PEM). */
  caData?: string;
  skipTLSVerify: boolean;
  timeoutMs: number;
}

/** Reads `platform.kubernetes`. */
export function readKubernetesConfig(
  kubernetes: Config,
  { timeoutMs }: SectionContext,
): KubernetesConfig {
  return {
    url: configSectionReader(kubernetes, 'platform.kubernetes').url('url'),
    token: kubernetes.getString('token'),
    caData: readCaBundle(
      kubernetes.getOptionalString('caData'),
      'platform.kubernetes.caData',
    ),
    skipTLSVerify: kubernetes.getOptionalBoolean('skipTLSVerify') ?? false,
    timeoutMs,
  };
}
