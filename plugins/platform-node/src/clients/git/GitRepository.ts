import { promises as fs } from 'node:fs';
import path from 'node:path';
import { GitCommandError, GitCredentials, runGit } from './runGit';

/** Outcome of a push. @public */
export type GitPushResult =
  | { ok: true }
  | { ok: false; reason: 'non-fast-forward' | 'rejected'; message: string };

/** Who commits. @public */
export interface GitAuthor {
  name: string;
  email: string;
}

/**
 * A working copy driven through the git CLI. Credentials (basic auth) go only to the remote's origin,
 * as an HTTP header passed in the environment.
 *
 * @public
 */
export class GitRepository {
  private constructor(
    readonly dir: string,
    readonly remoteUrl: string,
    private readonly credentials?: GitCredentials,
    private readonly timeoutMs?: number,
  ) {}

  /** Clones `branch` of `remoteUrl` into `dir` (shallow); an empty remote gives an empty repository on `branch`. */
  static async clone(options: {
    remoteUrl: string;
    dir: string;
    branch: string;
    credentials?: GitCredentials;
    depth?: number;
    timeoutMs?: number;
  }): Promise<GitRepository> {
    const repo = GitRepository.at(options);
    const heads = await runGit(
      ['ls-remote', '--heads', '--', options.remoteUrl],
      repo.remoteOptions(),
    );
    const hasBranch = heads
      .split('\n')
      .some(line => line.endsWith(`refs/heads/${options.branch}`));
    if (hasBranch) {
      await runGit(
        [
          'clone',
          '--quiet',
          '--no-tags',
          '--single-branch',
          '--branch',
          options.branch,
          ...(options.depth ? ['--depth', String(options.depth)] : []),
          '--',
          options.remoteUrl,
          options.dir,
        ],
        repo.remoteOptions(),
      );
    } else {
      await fs.mkdir(options.dir, { recursive: true });
      await repo.initOnBranch(options.branch);
    }
    return repo;
  }

  /** Opens an existing working copy (e.g. the scaffolder workspace after `git init`). */
  static async init(options: {
    dir: string;
    remoteUrl: string;
    branch: string;
    credentials?: GitCredentials;
    timeoutMs?: number;
  }): Promise<GitRepository> {
    const repo = GitRepository.at(options);
    await repo.initOnBranch(options.branch);
    return repo;
  }

  private static at(options: {
    dir: string;
    remoteUrl: string;
    credentials?: GitCredentials;
    timeoutMs?: number;
  }): GitRepository {
    return new GitRepository(
      options.dir,
      options.remoteUrl,
      options.credentials,
      options.timeoutMs,
    );
  }

  /** `git init` on `branch` (a no-op on an existing repository) with `origin` set to the remote URL. */
  private async initOnBranch(branch: string): Promise<void> {
    await runGit(['init', '--quiet', '--initial-branch', branch], {
      cwd: this.dir,
    });
    const remotes = await this.git(['remote']);
    if (remotes.split('\n').includes('origin')) {
      await this.git(['remote', 'set-url', 'origin', '--', this.remoteUrl]);
    } else {
      await this.git(['remote', 'add', 'origin', '--', this.remoteUrl]);
    }
  }

  /** Runs a local git command in the working copy. */
  git(args: string[]): Promise<string> {
    return runGit(args, { cwd: this.dir, timeoutMs: this.timeoutMs });
  }

  /** Absolute path of a repository-relative path, refusing anything that leaves the working copy. */
  resolve(relativePath: string): string {
    const target = path.resolve(this.dir, relativePath);
    if (target !== this.dir && !target.startsWith(`${this.dir}${path.sep}`)) {
      throw new Error(`path '${relativePath}' leaves the repository`);
    }
    return target;
  }

  async readFile(relativePath: string): Promise<string | undefined> {
    try {
      return await fs.readFile(this.resolve(relativePath), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
  }

  async writeFile(relativePath: string, content: string): Promise<void> {
    const target = this.resolve(relativePath);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content, 'utf8');
  }

  /** SHA of HEAD, or undefined on an unborn branch. */
  async head(): Promise<string | undefined> {
    try {
      return (
        (await this.git(['rev-parse', '--verify', '--quiet', 'HEAD'])).trim() ||
        undefined
      );
    } catch {
      return undefined;
    }
  }

  /** Stages `paths` (or everything) and returns the staged diff (empty when nothing changed). */
  async stage(paths?: string[]): Promise<string> {
    await this.git(['add', '--all', '--', ...(paths ?? ['.'])]);
    return this.git(['diff', '--cached', '--no-color', '--no-ext-diff']);
  }

  /** Commits what is staged; returns the new SHA, or undefined when nothing was staged. */
  async commit(
    message: string,
    author: GitAuthor,
  ): Promise<string | undefined> {
    const staged = await this.git(['diff', '--cached', '--name-only']);
    if (!staged.trim()) {
      return undefined;
    }
    await this.git([
      '-c',
      `user.name=${author.name}`,
      '-c',
      `user.email=${author.email}`,
      'commit',
      '--quiet',
      '--no-verify',
      '-m',
      message,
    ]);
    return this.head();
  }

  /** Pushes HEAD to `branch`; a stale base is reported as `non-fast-forward`, not thrown. */
  async push(branch: string): Promise<GitPushResult> {
    try {
      await runGit(
        ['push', 'origin', `HEAD:refs/heads/${branch}`],
        this.remoteOptions(this.dir),
      );
      return { ok: true };
    } catch (error) {
      if (!(error instanceof GitCommandError)) {
        throw error;
      }
      if (
        /non-fast-forward|fetch first|stale info|cannot lock ref|failed to update ref|incorrect old value|Updates were rejected because (the remote contains work|the tip of your current branch is behind)/i.test(
          error.stderr,
        )
      ) {
        return {
          ok: false,
          reason: 'non-fast-forward',
          message: error.message,
        };
      }
      if (/\[(remote )?rejected\]/.test(error.stderr)) {
        return { ok: false, reason: 'rejected', message: error.message };
      }
      throw error;
    }
  }

  /** Fetches `branch` and resets the working copy to it (dropping a local commit that lost a race). */
  async resetToRemote(branch: string, depth?: number): Promise<void> {
    await runGit(
      [
        'fetch',
        '--quiet',
        ...(depth ? ['--depth', String(depth)] : []),
        'origin',
        `+refs/heads/${branch}:refs/remotes/origin/${branch}`,
      ],
      this.remoteOptions(this.dir),
    );
    await this.git([
      'reset',
      '--quiet',
      '--hard',
      `refs/remotes/origin/${branch}`,
    ]);
    await this.git(['clean', '-fdq']);
  }

  /** Fetches `branch` into `refs/remotes/origin/<branch>` without touching the working copy. */
  async fetchBranch(branch: string): Promise<void> {
    await runGit(
      [
        'fetch',
        '--quiet',
        'origin',
        `+refs/heads/${branch}:refs/remotes/origin/${branch}`,
      ],
      this.remoteOptions(this.dir),
    );
  }

  private remoteOptions(cwd?: string) {
    return {
      cwd,
      remoteBase: `${new URL(this.remoteUrl).origin}/`,
      credentials: this.remoteUrl.startsWith('http')
        ? this.credentials
        : undefined,
      timeoutMs: this.timeoutMs,
    };
  }
}
