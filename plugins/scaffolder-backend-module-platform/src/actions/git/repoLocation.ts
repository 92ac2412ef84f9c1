import { InputError } from '@backstage/errors';
import { ScaffolderConfig } from '@paved-road/backstage-plugin-platform-node';
import { gitBaseUrl } from '../guards';

// Git hosts refuse '..' inside and a '.' at the end of an owner or repository name.
const SEGMENT =
  /^(?!.*\.\.)[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,98}[A-Za-z0-9_-])?$/;

/**
 * Parses a RepoUrlPicker value (`host?owner=o&repo=r`), checks the host against
 * `platform.scaffolder.allowedGitHosts` and the names, and derives the clone and web URLs the publish step uses.
 */
export function parseRepoLocation(repoUrl: string, config: ScaffolderConfig) {
  const match = /^([^?/]+)\?(.*)$/.exec(repoUrl);
  if (!match) {
    throw new InputError(
      `repoUrl '${repoUrl}' is not host?owner=<owner>&repo=<repo>`,
    );
  }
  const host = match[1].toLowerCase();
  const params = new URLSearchParams(match[2]);
  const owner = params.get('owner') ?? '';
  const repo = params.get('repo') ?? '';
  if (!config.allowedGitHosts.includes(host)) {
    throw new InputError(
      `repoUrl: host '${host}' is not in platform.scaffolder.allowedGitHosts (${
        config.allowedGitHosts.join(', ') || 'none configured'
      })`,
    );
  }
  for (const [field, value] of [
    ['owner', owner],
    ['repo', repo],
  ] as const) {
    if (!SEGMENT.test(value) || /^\.+$/.test(value) || value.endsWith('.git')) {
      throw new InputError(
        `repoUrl: ${field} '${value}' must be 1-100 of letters, digits, "_", ".", "-", not ending in "." or ".git" and without ".." (no path separators or traversal)`,
      );
    }
  }
  const base = gitBaseUrl(host, config);
  return {
    host,
    owner,
    repo,
    remoteUrl: `${base}/${owner}/${repo}.git`,
    webUrl: `${base}/${owner}/${repo}`,
  };
}
