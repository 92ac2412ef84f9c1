/** Bare repositories under one project root, addressed as `<owner>/<name>.git`. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { runGit } from './gitCli.ts';

const SEGMENT = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9_-])?$/;

export interface RepoId {
  owner: string;
  /** repository name without the `.git` suffix */
  name: string;
}

/** Validates owner and name strictly (no dots-only, no traversal, no `.git` inside the name). */
export function validRepoId(owner: string, name: string): RepoId | undefined {
  const bare = name.endsWith('.git') ? name.slice(0, -4) : name;
  if (!SEGMENT.test(owner) || !SEGMENT.test(bare)) return undefined;
  if (owner.includes('..') || bare.includes('..')) return undefined;
  if (
    bare.toLowerCase().endsWith('.git') ||
    owner.toLowerCase().endsWith('.git')
  )
    return undefined;
  return { owner, name: bare };
}

export class RepoRoot {
  readonly root: string;
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  dirOf(id: RepoId): string {
    const dir = path.join(this.root, id.owner, `${id.name}.git`);
    if (!dir.startsWith(this.root + path.sep))
      throw new Error('repository path escapes the root');
    return dir;
  }

  async exists(id: RepoId): Promise<boolean> {
    try {
      const st = await fs.stat(path.join(this.dirOf(id), 'HEAD'));
      return st.isFile();
    } catch {
      return false;
    }
  }

  /** Creates a bare repository with default branch `main` (idempotent). */
  async ensureBare(id: RepoId): Promise<string> {
    const dir = this.dirOf(id);
    if (await this.exists(id)) return dir;
    await fs.mkdir(path.dirname(dir), { recursive: true });
    await runGit(['init', '--bare', '--quiet', '--initial-branch=main', dir]);
    await runGit(['config', 'http.receivepack', 'true'], { cwd: dir });
    return dir;
  }

  /** `refname -> sha` of every ref. */
  async refs(id: RepoId): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!(await this.exists(id))) return out;
    const { stdout } = await runGit(
      ['for-each-ref', '--format=%(objectname) %(refname)'],
      { cwd: this.dirOf(id) },
    );
    for (const line of stdout.split('\n')) {
      const sp = line.indexOf(' ');
      if (sp > 0) out.set(line.slice(sp + 1), line.slice(0, sp));
    }
    return out;
  }
}
