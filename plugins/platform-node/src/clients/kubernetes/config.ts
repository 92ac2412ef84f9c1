import { Config } from '@backstage/config';
import { SectionContext, configSectionReader } from '../../config/toolkit';

/** The parsed `platform.kubernetes` section. @public */
export interface KubernetesConfig {
  url: string;
  token: string;
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
    caData: kubernetes.getOptionalString('caData'),
    skipTLSVerify: kubernetes.getOptionalBoolean('skipTLSVerify') ?? false,
    timeoutMs,
  };
}
