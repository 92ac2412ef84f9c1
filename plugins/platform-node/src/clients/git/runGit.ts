import { execFile } from 'node:child_process';

/** Basic-auth credentials for git over HTTP(S); only ever sent as an `http.<url>.extraHeader` via env. @public */
export interface GitCredentials {
  username: string;
  token: string;
}

/** A failed git command; `message` carries git's stderr with any credential removed. @public */
export class GitCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | undefined,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitCommandError';
  }
}

/** Options of one git invocation. @public */
export interface RunGitOptions {
  cwd?: string;
  /** Remote base URL (scheme://host[:port]/) the credentials are scoped to. */
  remoteBase?: string;
  credentials?: GitCredentials;
  timeoutMs?: number;
  signal?: AbortSignal;
}

function authEnv(options: RunGitOptions): Record<string, string> {
  if (!options.credentials || !options.remoteBase) {
    return {};
  }
  const basic = Buffer.from(
    `${options.credentials.username}:${options.credentials.token}`,
  ).toString('base64');
  // Passed through GIT_CONFIG_* so the header never appears in argv, the remote URL or .git/config,
  // and is scoped to this remote's origin only.
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `http.${options.remoteBase}.extraHeader`,
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
  };
}

function redact(text: string, credentials?: GitCredentials): string {
  if (!credentials) {
    return text;
  }
  const basic = Buffer.from(
    `${credentials.username}:${credentials.token}`,
  ).toString('base64');
  return [credentials.token, basic]
    .filter(Boolean)
    .reduce((acc, secret) => acc.split(secret).join('***'), text);
}

/**
 * Runs `git <args>` with an argument array (no shell), a clean prompt-free environment and optional
 * credentials scoped to `remoteBase`. Resolves to stdout; rejects with a redacted {@link GitCommandError}.
 *
 * @public
 */
export function runGit(
  args: string[],
  options: RunGitOptions = {},
): Promise<string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    LANG: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: 'echo',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_DATE: process.env.GIT_AUTHOR_DATE ?? '',
    ...authEnv(options),
  };
  if (!env.GIT_AUTHOR_DATE) {
    delete env.GIT_AUTHOR_DATE;
  }
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd: options.cwd,
        env,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 32 * 1024 * 1024,
        signal: options.signal,
      },
      (error, stdout, stderr) => {
        if (error) {
          const clean = redact(
            String(stderr || error.message),
            options.credentials,
          ).trim();
          const code = typeof error.code === 'number' ? error.code : undefined;
          reject(
            new GitCommandError(
              `git ${args[0]} failed${
                code !== undefined ? ` (exit ${code})` : ''
              }: ${clean.slice(-800)}`,
              code,
              clean,
            ),
          );
          return;
        }
        resolve(String(stdout));
      },
    );
  });
}
