import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitRepository } from '../clients/git/GitRepository';
import { deployImageTag } from './deployImageTag';

const VALUES = (
  tag: string,
  owner = 'group:default/team-a',
) => `# Managed by Backstage
backstage:
  entityRef: component:default/shop
  owner: ${owner}
image:
  repository: registry.local/team-a/shop
  tag: "${tag}"
`;

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@x', ...args], {
    cwd,
    encoding: 'utf8',
  });

describe('deployImageTag against a real git repository', () => {
  let root: string;
  let bare: string;
  let remoteUrl: string;

  /** Commits `files` to the bare repo's main from a separate clone (another writer, e.g. the pipeline). */
  function commitElsewhere(files: Record<string, string>, message: string) {
    const work = mkdtempSync(path.join(root, 'other-'));
    git(root, 'clone', '--quiet', bare, work);
    for (const [file, content] of Object.entries(files)) {
      execFileSync('mkdir', ['-p', path.dirname(path.join(work, file))]);
      writeFileSync(path.join(work, file), content);
    }
    git(work, 'add', '-A');
    git(work, 'commit', '--quiet', '-m', message);
    git(work, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
  }

  /** Runs `other` before each push of the writer, then lets the real push meet whatever it did. */
  function beforeEachPush(other: (call: number) => void) {
    const push = GitRepository.prototype.push;
    let call = 0;
    jest
      .spyOn(GitRepository.prototype, 'push')
      .mockImplementation(function racedPush(
        this: GitRepository,
        branch: string,
      ) {
        call++;
        other(call);
        return push.call(this, branch);
      });
  }

  const show = (file: string) =>
    git(root, '--git-dir', bare, 'show', `main:${file}`);
  const log = () =>
    git(root, '--git-dir', bare, 'log', '--format=%s', 'main')
      .trim()
      .split('\n');

  const options = (
    overrides: Partial<Parameters<typeof deployImageTag>[0]> = {},
  ) => ({
    target: {
      repoUrl: remoteUrl,
      branch: 'main',
      author: { name: 'Backstage', email: 'backstage@example.com' },
    },
    request: {
      layout: 'values' as const,
      serviceName: 'shop',
      tag: '40',
      owner: 'group:default/team-a',
      entityRef: 'component:default/shop',
    },
    dir: mkdtempSync(path.join(root, 'clone-')),
    message: 'Deploy build #40 of shop',
    backoff: async () => {},
    ...overrides,
  });

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'deploy-tag-'));
    bare = path.join(root, 'msa_deploy.git');
    git(root, 'init', '--quiet', '--bare', '--initial-branch', 'main', bare);
    remoteUrl = `file://${bare}`;
    commitElsewhere(
      { 'services/shop/values.yaml': VALUES('41'), 'other.yaml': 'a: 1\n' },
      'seed',
    );
  });

  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('pushes one commit changing only the tag line, and returns its diff', async () => {
    const result = await deployImageTag(options());
    expect(result).toMatchObject({
      ok: true,
      path: 'services/shop/values.yaml',
      previousTag: '41',
      tag: '40',
      attempts: 1,
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.commitSha).toBe(
      git(root, '--git-dir', bare, 'rev-parse', 'main').trim(),
    );
    expect(show('services/shop/values.yaml')).toBe(VALUES('40'));
    expect(log()).toEqual(['Deploy build #40 of shop', 'seed']);
    expect(result.diff).toContain('-  tag: "41"\n+  tag: "40"');
  });

  it('a dry run returns the diff and pushes nothing', async () => {
    const result = await deployImageTag(options({ dryRun: true }));
    expect(result).toMatchObject({ ok: true, attempts: 1 });
    expect(result.ok && result.diff).toContain('+  tag: "40"');
    expect(result.ok && result.commitSha).toBeUndefined();
    expect(log()).toEqual(['seed']);
  });

  it('re-applies onto the new head when another commit lands first (non-fast-forward)', async () => {
    beforeEachPush(call => {
      if (call === 1) {
        commitElsewhere({ 'other.yaml': 'a: 2\n' }, 'pipeline bumped other');
      }
    });
    const result = await deployImageTag(options());
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(log()).toEqual([
      'Deploy build #40 of shop',
      'pipeline bumped other',
      'seed',
    ]);
    expect(show('other.yaml')).toBe('a: 2\n');
    expect(show('services/shop/values.yaml')).toBe(VALUES('40'));
  });

  it('reports the refusal that became true while it retried, instead of overwriting', async () => {
    beforeEachPush(call => {
      if (call === 1) {
        commitElsewhere(
          { 'services/shop/values.yaml': VALUES('40') },
          'updated the image tag to 40',
        );
      }
    });
    const result = await deployImageTag(options());
    expect(result).toMatchObject({ ok: false, reason: 'already-live' });
    expect(log()).toEqual(['updated the image tag to 40', 'seed']);
  });

  it('gives up after maxAttempts and pushes nothing of its own', async () => {
    beforeEachPush(call => {
      commitElsewhere({ 'other.yaml': `a: ${call + 10}\n` }, `race ${call}`);
    });
    await expect(deployImageTag(options({ maxAttempts: 2 }))).rejects.toThrow(
      /failed after 2 attempt\(s\)/,
    );
    expect(log()).not.toContain('Deploy build #40 of shop');
  });

  it('refuses an entry owned by another team without committing', async () => {
    commitElsewhere(
      { 'services/shop/values.yaml': VALUES('41', 'group:default/team-b') },
      'handed over',
    );
    const result = await deployImageTag(options());
    expect(result).toMatchObject({ ok: false, reason: 'foreign-owner' });
    expect(log()).toEqual(['handed over', 'seed']);
  });
});
