import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { runGit } from './gitCli.ts';
import { gitwebAvailable } from './gitweb.ts';
import { parseRawTarget } from './raw.ts';
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

  const authed = (url: string) =>
    url.replace('http://', 'http://platform:sandbox-git-token@');

  it('shows browsable repository and commit pages through gitweb (a 503 naming the package without it)', async () => {
    const sha = (
      await runGit(['ls-remote', git.deployUrl, 'refs/heads/main'])
    ).stdout.split('\t')[0];
    // gitweb needs perl's CGI module (libcgi-pm-perl); without it the page says what to install.
    const expected = gitwebAvailable()
      ? { status: 200, summary: sha.slice(0, 7), commit: sha }
      : { status: 503, summary: 'libcgi-pm-perl', commit: 'libcgi-pm-perl' };
    const summary = await fetch(`${git.url}/platform/msa_deploy`);
    expect(summary.status).toBe(expected.status);
    expect(await summary.text()).toContain(expected.summary);
    const commit = await fetch(`${git.url}/platform/msa_deploy/commit/${sha}`);
    expect(commit.status).toBe(expected.status);
    expect(await commit.text()).toContain(expected.commit);
    const css = await fetch(`${git.url}/gitweb/static/gitweb.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css');
    expect(
      (await fetch(`${git.url}/gitweb/static/../../etc/passwd`)).status,
    ).toBe(404);
    expect(
      (await fetch(`${git.url}/platform/msa_deploy/commit/not-a-sha`)).status,
    ).toBe(404);
  });

  it('serves anonymous clones of the seeded msa_deploy with the contract layout', async () => {
    const dir = path.join(git.dir, 'clone-anon');
    await runGit(['clone', '--quiet', git.deployUrl, dir]);
    const files = (await runGit(['ls-files'], { cwd: dir })).stdout
      .trim()
      .split('\n')
      .sort();
    expect(files).toEqual([
      'README.md',
      'apps/login-js.yaml',
      'apps/msa-nginx.yaml',
      'login-js.yaml',
      'msa-nginx.yaml',
    ]);
    expect(
      await fs.readFile(path.join(dir, 'msa-nginx.yaml'), 'utf8'),
    ).toContain('image: harbor.sandbox.local/msa/msa-nginx:1');
    const app = await fs.readFile(path.join(dir, 'apps/login-js.yaml'), 'utf8');
    expect(app).toContain(
      'backstage.io/entity-ref: component:default/login-js',
    );
    expect(app).toContain('include: login-js.yaml');
    expect(
      (
        await runGit(['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: dir })
      ).stdout.trim(),
    ).toBe('main');
  });

  it('answers 401 with WWW-Authenticate for anonymous or wrong-credential pushes', async () => {
    const anon = await fetch(
      `${git.deployUrl}/info/refs?service=git-receive-pack`,
    );
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    const wrong = await fetch(
      `${git.deployUrl}/info/refs?service=git-receive-pack`,
      { headers: { Authorization: basic('platform', 'nope') } },
    );
    expect(wrong.status).toBe(401);
    const ok = await fetch(
      `${git.deployUrl}/info/refs?service=git-receive-pack`,
      { headers: { Authorization: basic('platform', 'sandbox-git-token') } },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe(
      'application/x-git-receive-pack-advertisement',
    );
    const dir = path.join(git.dir, 'clone-push-anon');
    await runGit(['clone', '--quiet', git.deployUrl, dir]);
    await fs.writeFile(path.join(dir, 'x.txt'), 'x');
    await runGit(['add', 'x.txt'], { cwd: dir });
    await runGit(['commit', '-qm', 'x'], { cwd: dir });
    await expect(
      runGit(['push', 'origin', 'main'], { cwd: dir }),
    ).rejects.toThrow(/Authentication failed|could not read Username|401/);
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
    const sha = (
      await runGit(['rev-parse', 'HEAD'], { cwd: dir })
    ).stdout.trim();
    await runGit(
      ['push', '-q', authed(`${git.url}/team-a/payments.git`), 'main'],
      { cwd: dir },
    );
    // the event follows the CGI response (refs are compared once http-backend has exited)
    await waitFor(() => events.length > 0 || undefined, 3000);
    git.events.off('ref-update', on);
    expect(events).toEqual([
      {
        owner: 'team-a',
        name: 'payments',
        ref: 'refs/heads/main',
        before: undefined,
        after: sha,
      },
    ]);
    const refs = await fetch(
      `${git.url}/team-a/payments.git/info/refs?service=git-upload-pack`,
    );
    expect(refs.status).toBe(200);
    expect(await git.repos.exists({ owner: 'team-a', name: 'payments' })).toBe(
      true,
    );
  });

  it('rejects traversal and malformed repository paths', async () => {
    for (const p of [
      '/../etc/info/refs',
      '/a/..%2F..%2Fetc/info/refs',
      '/%2e%2e/x.git/info/refs',
      '/a/b.git/config',
      '/a/.git/info/refs',
      '/only/info',
    ]) {
      const r = await fetch(`${git.url}${p}?service=git-receive-pack`, {
        headers: { Authorization: basic('platform', 'sandbox-git-token') },
      });
      expect([400, 404]).toContain(r.status);
    }
    expect(validRepoId('..', 'x')).toBeUndefined();
    expect(validRepoId('a', 'b.git.git')).toBeUndefined();
    expect(validRepoId('-a', 'b')).toBeUndefined();
    expect(validRepoId('platform', 'msa_deploy.git')).toEqual({
      owner: 'platform',
      name: 'msa_deploy',
    });
    const missing = await fetch(
      `${git.url}/nobody/nothing.git/info/refs?service=git-upload-pack`,
    );
    expect(missing.status).toBe(404);
  });
});

/**
 * The raw-file contract Backstage's FetchUrlReader (catalog `url` locations, `catalog:register`) relies on:
 * anonymous GET of `<repo>/raw/<branch>/<path>`, 200 with the blob's bytes and an ETag, 304 for a matching
 * `If-None-Match`, 404 (plain text) for anything missing, never a redirect.
 */
describe('git server raw files', () => {
  let git: TestGit;
  let seededSha: string;
  beforeAll(async () => {
    git = await startTestGit();
    const dir = path.join(git.dir, 'raw-seed');
    await runGit(['init', '-q', '-b', 'main', dir]);
    await fs.mkdir(path.join(dir, 'docs'));
    await fs.writeFile(
      path.join(dir, 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: payments\n',
    );
    await fs.writeFile(
      path.join(dir, 'docs', 'index.html'),
      '<script>alert(1)</script>\n',
    );
    await fs.writeFile(
      path.join(dir, 'logo.bin'),
      Buffer.from([0, 1, 2, 255, 0]),
    );
    await fs.writeFile(path.join(dir, '.dockerignore'), 'node_modules\n');
    await runGit(['add', '.'], { cwd: dir });
    await runGit(['commit', '-qm', 'init'], { cwd: dir });
    seededSha = (
      await runGit(['rev-parse', 'HEAD'], { cwd: dir })
    ).stdout.trim();
    await runGit(
      [
        'push',
        '-q',
        `${git.url.replace(
          'http://',
          'http://platform:sandbox-git-token@',
        )}/team-a/payments.git`,
        'main',
      ],
      { cwd: dir },
    );
  });
  afterAll(() => git.close());

  /** A request with the path sent exactly as given (fetch would normalise `..` and `%2e%2e`). */
  const rawRequest = (
    rawPath: string,
    method = 'GET',
    headers: Record<string, string> = {},
  ) =>
    new Promise<{
      status: number;
      headers: http.IncomingHttpHeaders;
      body: Buffer;
    }>((resolve, reject) => {
      const u = new URL(git.url);
      const req = http.request(
        { host: u.hostname, port: u.port, path: rawPath, method, headers },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });

  it('serves a file on a branch anonymously, with and without .git, as YAML with the blob sha as ETag', async () => {
    for (const repo of ['team-a/payments', 'team-a/payments.git']) {
      const r = await fetch(`${git.url}/${repo}/raw/main/catalog-info.yaml`, {
        redirect: 'manual',
      });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe(
        'application/yaml; charset=utf-8',
      );
      expect(r.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await r.text()).toContain('name: payments');
    }
    const blob = (
      await runGit(['rev-parse', 'main:catalog-info.yaml'], {
        cwd: git.repos.dirOf({ owner: 'team-a', name: 'payments' }),
      })
    ).stdout.trim();
    const again = await fetch(
      `${git.url}/team-a/payments/raw/main/catalog-info.yaml`,
      { headers: { 'If-None-Match': `"${blob}"` } },
    );
    expect(again.status).toBe(304);
    const head = await rawRequest(
      '/team-a/payments/raw/main/catalog-info.yaml',
      'HEAD',
    );
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  });

  it('serves nested paths, dotfiles, commits by sha, the seeded msa_deploy, and binary/HTML as inert types', async () => {
    const seeded = await fetch(`${git.deployUrl}/raw/main/apps/msa-nginx.yaml`);
    expect(seeded.status).toBe(200);
    expect(await seeded.text()).toContain('kind: Application');
    const bySha = await fetch(
      `${git.url}/team-a/payments/raw/${seededSha}/.dockerignore`,
    );
    expect(bySha.status).toBe(200);
    expect(bySha.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await bySha.text()).toBe('node_modules\n');
    const html = await fetch(
      `${git.url}/team-a/payments/raw/main/docs/index.html`,
    );
    expect(html.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const bin = await fetch(`${git.url}/team-a/payments/raw/main/logo.bin`);
    expect(bin.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await bin.arrayBuffer())).toEqual(
      Buffer.from([0, 1, 2, 255, 0]),
    );
  });

  it("serves Gitea's spellings: raw/branch, raw/commit, src/branch and the contents API GiteaUrlReader calls", async () => {
    for (const p of [
      'raw/branch/main',
      `raw/commit/${seededSha}`,
      'src/branch/main',
    ]) {
      const r = await fetch(
        `${git.url}/team-a/payments/${p}/catalog-info.yaml`,
      );
      expect([p, r.status, r.headers.get('content-type')]).toEqual([
        p,
        200,
        'application/yaml; charset=utf-8',
      ]);
      expect(await r.text()).toContain('name: payments');
    }
    const contents = await fetch(
      `${git.url}/api/v1/repos/team-a/payments/contents/catalog-info.yaml?ref=main`,
    );
    expect(contents.status).toBe(200);
    expect(contents.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await contents.json();
    expect(body).toMatchObject({
      name: 'catalog-info.yaml',
      path: 'catalog-info.yaml',
      type: 'file',
      encoding: 'base64',
    });
    expect(Buffer.from(body.content, 'base64').toString('utf8')).toContain(
      'name: payments',
    );
    const nested = await (
      await fetch(
        `${git.url}/api/v1/repos/team-a/payments/contents/docs/index.html`,
      )
    ).json();
    expect(Buffer.from(nested.content, 'base64').toString('utf8')).toBe(
      '<script>alert(1)</script>\n',
    );
    for (const p of [
      '/api/v1/repos/team-a/payments/contents/nope.yaml?ref=main',
      '/api/v1/repos/team-a/payments/contents/catalog-info.yaml?ref=develop',
      '/api/v1/repos/team-a/payments/contents/catalog-info.yaml?ref=..%2Fmain',
      '/api/v1/repos/team-a/payments/contents/docs',
      '/api/v1/repos/team-a/nothing/contents/catalog-info.yaml',
      '/api/v1/repos/team-a/payments/contents/%2e%2e%2fx',
    ]) {
      const r = await rawRequest(p);
      expect([p, r.status]).toEqual([p, 404]);
    }
  });

  it('answers 404 plain text for a missing file, branch, repository or a directory', async () => {
    for (const p of [
      '/team-a/payments/raw/main/nope.yaml',
      '/team-a/payments/raw/develop/catalog-info.yaml',
      '/team-a/nothing/raw/main/catalog-info.yaml',
      '/team-a/payments/raw/main/docs',
      `/team-a/payments/raw/${'0'.repeat(40)}/catalog-info.yaml`,
    ]) {
      const r = await fetch(`${git.url}${p}`, { redirect: 'manual' });
      expect([p, r.status, r.headers.get('content-type')]).toEqual([
        p,
        404,
        'text/plain; charset=utf-8',
      ]);
    }
  });

  it('rejects traversal, malformed segments and other methods without running git on them', async () => {
    for (const p of [
      '/team-a/payments/raw/main/../../msa_deploy/raw/main/README.md',
      '/team-a/payments/raw/main/%2e%2e/catalog-info.yaml',
      '/team-a/payments/raw/main/docs%2Findex.html',
      '/team-a/payments/raw/..%2Fmain/catalog-info.yaml',
      '/team-a/payments/raw/-main/catalog-info.yaml',
      '/team-a/payments/raw/main:catalog-info.yaml/x',
      '/team-a/payments/raw/main.lock/catalog-info.yaml',
      '/team-a/payments/raw/main/catalog-info.yaml%00',
      '/team-a/payments/raw/main/a%20b',
      '/team-a/payments/raw/main',
      '/team-a/payments/raw/HEAD@%7B1%7D/catalog-info.yaml',
      '/team-a/payments/raw/main/%2e%2e%2fcatalog-info.yaml',
      '/team-a/..%2Fpayments/raw/main/catalog-info.yaml',
    ]) {
      const r = await rawRequest(p);
      expect([p, r.status]).toEqual([p, 404]);
    }
    expect(
      (await rawRequest('/team-a/payments/raw/main/catalog-info.yaml', 'POST'))
        .status,
    ).toBe(405);
    expect(
      (
        await rawRequest('/team-a/payments/raw/main/catalog-info.yaml', 'GET', {
          Authorization: basic('platform', 'nope'),
        })
      ).status,
    ).toBe(401);
    expect(parseRawTarget(['main', 'a', 'b.yaml'])).toEqual({
      rev: 'refs/heads/main',
      path: 'a/b.yaml',
    });
    expect(parseRawTarget(['main', '..'])).toBeUndefined();
    expect(parseRawTarget(['main'])).toBeUndefined();
    expect(parseRawTarget(['branch', 'main', 'a.yaml'])).toEqual({
      rev: 'refs/heads/main',
      path: 'a.yaml',
    });
    expect(parseRawTarget(['commit', 'main', 'a.yaml'])).toBeUndefined();
  });
});
