import { Config } from '@backstage/config';
import { configSectionReader } from '../toolkit';
import { DNS_1123_NAME, HOST_PORT } from './rules';

/** The registry whose credentials become each namespace's dockerconfigjson Secret. @public */
export interface RegistryConfig {
  host: string;
  username: string;
  password: string;
  secretName: string;
}

/** Reads `platform.scaffolder.registry`. */
export function readRegistryConfig(registry: Config): RegistryConfig {
  const fields = configSectionReader(registry, 'platform.scaffolder.registry');
  const host = registry.getString('host').toLowerCase();
  if (!HOST_PORT.test(host)) {
    fields.fail('host', `'${host}' is not a registry host[:port]`);
  }
  return {
    host,
    username: registry.getString('username'),
    password: registry.getString('password'),
    secretName: fields.matching(
      'secretName',
      DNS_1123_NAME,
      'docker-config-secret',
    ),
  };
}
