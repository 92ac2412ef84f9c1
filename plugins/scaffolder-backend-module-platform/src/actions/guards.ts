import { InputError } from '@backstage/errors';
import {
  ScaffolderConfig,
  gitHostOf,
} from '@paved-road/backstage-plugin-platform-node';

/** Returns a config section or fails the step, naming the key the operator has to set. */
export function requireConfig<T>(
  value: T | undefined,
  key: string,
  action: string,
): T {
  if (value === undefined) {
    throw new Error(`${action} needs the '${key}' config section`);
  }
  return value;
}

/**
 * Checks a (schema-validated) git URL against `platform.scaffolder.allowedGitHosts` and the scheme the
 * operator allows for that host; returns it normalised.
 */
export function checkAllowedGitUrl(
  url: string,
  config: ScaffolderConfig,
  field: string,
): string {
  const host = gitHostOf(url);
  if (!config.allowedGitHosts.includes(host)) {
    throw new InputError(
      `${field}: host '${host}' is not allowed; allowed hosts are ${
        config.allowedGitHosts.join(', ') ||
        '(none configured in platform.scaffolder.allowedGitHosts)'
      }`,
    );
  }
  const expected = config.plainHttpGitHosts.includes(host) ? 'http:' : 'https:';
  if (new URL(url).protocol !== expected) {
    throw new InputError(
      `${field}: host '${host}' must be reached over ${expected.slice(0, -1)}`,
    );
  }
  return url;
}

/** The base URL (`scheme://host[:port]`) used for a host listed in allowedGitHosts. */
export function gitBaseUrl(host: string, config: ScaffolderConfig): string {
  return `${
    config.plainHttpGitHosts.includes(host) ? 'http' : 'https'
  }://${host}`;
}
