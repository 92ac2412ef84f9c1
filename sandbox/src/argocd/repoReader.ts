/** Reads files of a bare repository at a given commit through the git CLI. */
import { runGit } from '../git/gitCli.ts';

export class RepoReader {
  readonly gitDir: string;
  constructor(gitDir: string) {
    this.gitDir = gitDir;
  }

  async resolve(rev: string): Promise<string | undefined> {
    if (!/^[A-Za-z0-9_./-]+$/.test(rev) || rev.startsWith('-'))
      return undefined;
    try {
      const { stdout } = await runGit(
        ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`],
        { cwd: this.gitDir },
      );
      return stdout.trim() || undefined;
    } catch {
      return undefined;
    }
  }

  async listFiles(sha: string): Promise<string[]> {
    const { stdout } = await runGit(
      ['ls-tree', '-r', '--name-only', '-z', sha],
      { cwd: this.gitDir },
    );
    return stdout.split('\0').filter(Boolean);
  }

  async readFile(sha: string, file: string): Promise<string | undefined> {
    try {
      const { stdout } = await runGit(['show', `${sha}:${file}`], {
        cwd: this.gitDir,
      });
      return stdout;
    } catch {
      return undefined;
    }
  }

  /** Files changed between two commits (all files when `before` is undefined). */
  async changedFiles(
    before: string | undefined,
    after: string,
  ): Promise<string[]> {
    if (!before) return this.listFiles(after);
    const { stdout } = await runGit(
      ['diff', '--name-only', '-z', before, after],
      { cwd: this.gitDir },
    );
    return stdout.split('\0').filter(Boolean);
  }
}

/** Converts a simple glob (`*`, `?`, `{a,b}`) to a RegExp matching a whole file name. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inBrace = false;
  for (const c of glob) {
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      re += '(?:';
      inBrace = true;
    } else if (c === '}' && inBrace) {
      re += ')';
      inBrace = false;
    } else if (c === ',' && inBrace) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Which files of a repo an Application source covers. A directory holding `values.yaml` is treated as a
 * chart (every file below it); otherwise it is a plain directory source (non-recursive unless `recurse`,
 * YAML/JSON files, filtered by the `directory.include` glob).
 */
export function sourceFiles(
  files: string[],
  sourcePath: string,
  include?: string,
  recurse?: boolean,
): string[] {
  const base = sourcePath.replace(/^\.\/?/, '').replace(/\/$/, '');
  const under = files.filter(f => !base || f.startsWith(`${base}/`));
  const rel = (f: string) => (base ? f.slice(base.length + 1) : f);
  if (under.some(f => rel(f) === 'values.yaml')) return under;
  const inc = include ? globToRegExp(include) : undefined;
  return under.filter(f => {
    const r = rel(f);
    if (!recurse && r.includes('/')) return false;
    if (inc) return inc.test(r);
    return /\.(ya?ml|json)$/.test(r);
  });
}

export function isChartSource(files: string[], sourcePath: string): boolean {
  const base = sourcePath.replace(/^\.\/?/, '').replace(/\/$/, '');
  return files.includes(base ? `${base}/values.yaml` : 'values.yaml');
}
