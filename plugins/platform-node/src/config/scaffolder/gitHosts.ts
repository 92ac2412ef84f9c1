import { Config } from '@backstage/config';
import { failConfig } from '../toolkit';
import { HOST_PORT } from './rules';

/** The git hosts the scaffolder's git actions may talk to, and its git credentials. @public */
export interface GitHostsConfig {
  /** Lower-case `host[:port]` entries the git actions may talk to. */
  allowedGitHosts: string[];
  /** Allowed hosts reached over plain http (local sandbox only); every other host is https. */
  plainHttpGitHosts: string[];
  git?: { username: string; token: string };
}

function hostList(config: Config, key: string, fullKey: string): string[] {
  const hosts = config.getOptionalStringArray(key) ?? [];
  return hosts.map((host, index) => {
    const normalised = host.trim().toLowerCase();
    if (!HOST_PORT.test(normalised)) {
      failConfig(
        `${fullKey}[${index}]`,
        `'${host}' is not a host[:port] (no scheme, path or credentials)`,
      );
    }
    return normalised;
  });
}

/**
 * Lower-case `host[:port]` of an http(s) URL, the form `allowedGitHosts` lists.
 *
 * @public
 */
export function gitHostOf(url: string): string {
  const parsed = new URL(url);
  return parsed.host.toLowerCase();
}

/** `platform.scaffolder.allowedGitHosts` and `platform.scaffolder.git` (none when the section is absent). */
export function readGitHostsConfig(
  scaffolder: Config | undefined,
): GitHostsConfig {
  const prefix = 'platform.scaffolder';
  const allowedGitHosts = scaffolder
    ? hostList(scaffolder, 'allowedGitHosts', `${prefix}.allowedGitHosts`)
    : [];
  const plainHttpGitHosts = scaffolder
    ? hostList(scaffolder, 'git.plainHttpHosts', `${prefix}.git.plainHttpHosts`)
    : [];
  for (const host of plainHttpGitHosts) {
    if (!allowedGitHosts.includes(host)) {
      failConfig(
        `${prefix}.git.plainHttpHosts`,
        `'${host}' is not listed in ${prefix}.allowedGitHosts`,
      );
    }
  }
  const result: GitHostsConfig = { allowedGitHosts, plainHttpGitHosts };
  const git = scaffolder?.getOptionalConfig('git');
  if (git && (git.has('username') || git.has('token'))) {
    result.git = {
      username: git.getString('username'),
      token: git.getString('token'),
    };
  }
  return result;
}
