import { promises as fs } from 'node:fs';
import path from 'node:path';
import { runGit } from './gitCli.ts';
import { validRepoId } from './repos.ts';
import type { RefUpdate } from './server.ts';
import { basic, waitFor } from '../testing/helpers.ts';
import { startTestGit, type TestGit } from '../testing/gitServer.ts';

describe('git smart HTTP server', () => {
  let git: TestGit;
  beforeAll(async () => {
    git = await startTestGit();
  });
  afterAll(() => git.close());

  const authed = (url: string) => url.replace('http://', 'http://platform:sandbox-git-token@');

  it('serves anonymous clones of the seeded msa_deploy with the contract layout', async () => {
    const dir = path.join(git.dir, 'clone-anon');
    await runGit(['clone', '--quiet', git.deployUrl, dir]);
    const files = (await runGit(['ls-files'], { cwd: dir })).stdout.trim().split('\n').sort();
    expect(files).toEqual(['README.md', 'apps/login-js.yaml', 'apps/msa-nginx.yaml', 'login-js.yaml', 'msa-nginx.yaml']);
    expect(await fs.readFile(path.join(dir, 'msa-nginx.yaml'), 'utf8')).toContain('image: harbor.sandbox.local/msa/msa-nginx:1');
    const app = await fs.readFile(path.join(dir, 'apps/login-js.yaml'), 'utf8');
    expect(app).toContain('backstage.io/entity-ref: component:msa/login-js');
    expect(app).toContain('include: login-js.yaml');
    expect((await runGit(['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: dir })).stdout.trim()).toBe('main');
  });

  it('answers 401 with WWW-Authenticate for anonymous or wrong-credential pushes', async () => {
    const anon = await fetch(`${git.deployUrl}/info/refs?service=git-receive-pack`);
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    const wrong = await fetch(`${git.deployUrl}/info/refs?service=git-receive-pack`, { headers: { Authorization: basic('platform', 'nope') } });
    expect(wrong.status).toBe(401);
    const ok = await fetch(`${git.deployUrl}/info/refs?service=git-receive-pack`, { headers: { Authorization: basic('platform', 'sandbox-git-token') } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/x-git-receive-pack-advertisement');
    const dir = path.join(git.dir, 'clone-push-anon');
    await runGit(['clone', '--quiet', git.deployUrl, dir]);
    await fs.writeFile(path.join(dir, 'x.txt'), 'x');
    await runGit(['add', 'x.txt'], { cwd: dir });
    await runGit(['commit', '-qm', 'x'], { cwd: dir });
    await expect(runGit(['push', 'origin', 'main'], { cwd: dir })).rejects.toThrow(/Authentication failed|could not read Username|401/);
  });

  it('creates a repository on the first authenticated push and emits ref-update events', async () => {
    const events: RefUpdate[] = [];
    const on = (u: RefUpdate) => events.push(u);
    git.events.on('ref-update', on);
    const dir = path.join(git.dir, 'new-service');
    await runGit(['init', '-q', '-b', 'main', dir]);
    await fs.writeFile(path.join(dir, 'README.md'), '# payments\n');
    await runGit(['add', '.'], { cwd: dir });
    await runGit(['commit', '-qm', 'init'], { cwd: dir });
    const sha = (await runGit(['rev-parse', 'HEAD'], { cwd: dir })).stdout.trim();
    await runGit(['push', '-q', authed(`${git.url}/team-a/payments.git`), 'main'], { cwd: dir });
    // the event follows the CGI response (refs are compared once http-backend has exited)
    await waitFor(() => events.length > 0 || undefined, 3000);
    git.events.off('ref-update', on);
    expect(events).toEqual([{ owner: 'team-a', name: 'payments', ref: 'refs/heads/main', before: undefined, after: sha }]);
    const refs = await fetch(`${git.url}/team-a/payments.git/info/refs?service=git-upload-pack`);
    expect(refs.status).toBe(200);
    expect(await git.repos.exists({ owner: 'team-a', name: 'payments' })).toBe(true);
  });

  it('rejects traversal and malformed repository paths', async () => {
    for (const p of ['/../etc/info/refs', '/a/..%2F..%2Fetc/info/refs', '/%2e%2e/x.git/info/refs', '/a/b.git/config', '/a/.git/info/refs', '/only/info']) {
      const r = await fetch(`${git.url}${p}?service=git-receive-pack`, { headers: { Authorization: basic('platform', 'sandbox-git-token') } });
      expect([400, 404]).toContain(r.status);
    }
    expect(validRepoId('..', 'x')).toBeUndefined();
    expect(validRepoId('a', 'b.git.git')).toBeUndefined();
    expect(validRepoId('-a', 'b')).toBeUndefined();
    expect(validRepoId('platform', 'msa_deploy.git')).toEqual({ owner: 'platform', name: 'msa_deploy' });
    const missing = await fetch(`${git.url}/nobody/nothing.git/info/refs?service=git-upload-pack`);
    expect(missing.status).toBe(404);
  });
});
