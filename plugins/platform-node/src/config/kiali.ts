import { Config } from '@backstage/config';
import { configSectionReader } from './configSectionReader';

/** The parsed `platform.kiali` section: where the service graph's Kiali links point. @public */
export interface KialiConfig {
  /** Kiali's base URL including its web root (e.g. `https://kiali.example.com/kiali`), no trailing slash. */
  url: string;
}

/** Reads `platform.kiali`. */
export function readKialiConfig(kiali: Config): KialiConfig {
  return { url: configSectionReader(kiali, 'platform.kiali').url('url') };
}
