import { promises as fs } from 'node:fs';
import path from 'node:path';
import { runGit } from '../git/gitCli.ts';
import { NAMESPACES } from '../kubernetes/resources.ts';
import { KubeStore } from '../kubernetes/store.ts';
import { mount, waitFor, type Mounted } from '../testing/helpers.ts';
import { escapeHtml } from './pages.ts';
import { startTestGit, type TestGit } from '../testing/gitServer.ts';
import { Reconciler } from './reconciler.ts';
import { createArgoCdHandler } from './server.ts';

const TOKEN = 'sandbox-argocd-token';

describe('Argo CD API simulator', () => {
  let git: TestGit;
  let store: KubeStore;
  let reconciler: Reconciler;
  let m: Mounted;
  const api = (p: string, init: RequestInit = {}) =>
    fetch(`${m.url}${p}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${TOKEN}`,
        'Content-Type': 'application/json',
        ...(init.headers as Record<string, string>),
      },
    });

  beforeAll(async () => {
    git = await startTestGit();
    store = new KubeStore();
    for (const ns of ['argocd', 'msa'])
      store.create(
        NAMESPACES,
        undefined,
        { metadata: { name: ns } },
        { manager: 'test' },
      );
    reconciler = new Reconciler({
      store,
      repos: git.repos,
      gitBaseUrl: git.url,
      gitEvents: git.events,
      syncDelayMs: 300,
    });
    await reconciler.start();
    m = await mount(
      createArgoCdHandler({
        store,
        reconciler,
        token: TOKEN,
        username: 'admin',
        password: 'sandbox-argocd-password',
      }),
    );
  });
  afterAll(async () => {
    reconciler.stop();
    await m.close();
    await git.close();
  });

  it('logs in with admin/password and rejects missing or bad sessions with grpc-gateway errors', async () => {
    const bad = await fetch(`${m.url}/api/v1/session`, {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password: 'x' }),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({
      error: 'Invalid username or password',
      code: 16,
      message: 'Invalid username or password',
    });
    const ok = await fetch(`${m.url}/api/v1/session`, {
      method: 'POST',
      body: JSON.stringify({
        username: 'admin',
        password: 'sandbox-argocd-password',
      }),
    });
    const { token } = await ok.json();
    expect(typeof token).toBe('string');
    expect(
      (
        await fetch(`${m.url}/api/v1/applications`, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await fetch(`${m.url}/api/v1/applications`, {
          headers: { Cookie: `argocd.token=${token}` },
        })
      ).status,
    ).toBe(200);
    const none = await fetch(`${m.url}/api/v1/applications`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      error: 'no session information',
      code: 16,
      message: 'no session information',
    });
    expect(
      (
        await fetch(`${m.url}/api/v1/applications`, {
          headers: { Authorization: 'Bearer a.b.c' },
        })
      ).status,
    ).toBe(401);
  });

  it('lists the app-of-apps children Synced/Healthy, sorted, with fields/selector/projects/name semantics', async () => {
    const list = await (await api('/api/v1/applications')).json();
    expect(list.items.map((a: any) => a.metadata.name)).toEqual([
      'login-js',
      'msa-nginx',
    ]);
    const app = list.items[1];
    expect(app.metadata.labels).toMatchObject({
      'app.kubernetes.io/part-of': 'msa',
      'backstage.io/kubernetes-id': 'msa-nginx',
    });
    expect(app.metadata.annotations['backstage.io/entity-ref']).toBe(
      'component:default/msa-nginx',
    );
    expect(app.spec.source).toMatchObject({
      repoURL: git.deployUrl,
      targetRevision: 'main',
      path: '.',
      directory: { include: 'msa-nginx.yaml' },
    });
    expect(app.status.sync.status).toBe('Synced');
    expect(app.status.health.status).toBe('Healthy');
    expect(app.status.summary.images).toEqual([
      'harbor.sandbox.local/msa/msa-nginx:1',
    ]);
    expect(app.status.history).toHaveLength(1);
    const fields = await (
      await api(
        '/api/v1/applications?fields=items.metadata.name,items.status.sync.status',
      )
    ).json();
    expect(fields).toEqual({
      items: [
        {
          metadata: { name: 'login-js' },
          status: { sync: { status: 'Synced' } },
        },
        {
          metadata: { name: 'msa-nginx' },
          status: { sync: { status: 'Synced' } },
        },
      ],
    });
    expect(
      await (
        await api('/api/v1/applications?fields=items.metadata.name&name=none')
      ).json(),
    ).toEqual({ items: null });
    expect(
      (await (await api('/api/v1/applications?name=none')).json()).items,
    ).toEqual([]);
    const sel = await (
      await api(
        `/api/v1/applications?selector=${encodeURIComponent(
          'backstage.io/kubernetes-id=login-js',
        )}`,
      )
    ).json();
    expect(sel.items.map((a: any) => a.metadata.name)).toEqual(['login-js']);
    expect(
      (await (await api('/api/v1/applications?projects=other')).json()).items,
    ).toEqual([]);
    expect(
      (
        await (
          await api('/api/v1/applications?projects=default&projects=other')
        ).json()
      ).items,
    ).toHaveLength(2);
    expect((await api('/api/v1/applications?selector=a%20in%20(')).status).toBe(
      400,
    );
  });

  it('shows a browser a readable page at the application URL the portal links to, values escaped', async () => {
    const html = { Accept: 'text/html' };
    for (const p of [
      '/applications/argocd/msa-nginx',
      '/applications/msa-nginx',
    ]) {
      const page = await fetch(`${m.url}${p}`, { headers: html });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const text = await page.text();
      expect(text).toContain('<h1>msa-nginx</h1>');
      expect(text).toMatch(/<strong>(Synced|OutOfSync|Unknown)<\/strong>/);
    }
    expect(
      (await fetch(`${m.url}/applications/argocd/nope`, { headers: html }))
        .status,
    ).toBe(404);
    expect(
      (await fetch(`${m.url}/applications/other/msa-nginx`, { headers: html }))
        .status,
    ).toBe(404);
    // Not a browser: unchanged.
    expect((await fetch(`${m.url}/applications/msa-nginx`)).status).toBe(404);
    expect(escapeHtml('<a href="x">&\'</a>')).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;',
    );
  });

  it('hides missing apps (403 permission denied) unless project= is given (404)', async () => {
    const hidden = await api('/api/v1/applications/ghost');
    expect(hidden.status).toBe(403);
    expect(await hidden.json()).toEqual({
      error: 'permission denied',
      code: 7,
      message: 'permission denied',
    });
    const nf = await api('/api/v1/applications/ghost?project=default');
    expect(nf.status).toBe(404);
    expect((await nf.json()).code).toBe(5);
    expect(
      (await api('/api/v1/applications/msa-nginx?project=default')).status,
    ).toBe(200);
  });

  it('returns a resource tree with Deployment -> ReplicaSet -> Pod and images', async () => {
    const tree = await (
      await api('/api/v1/applications/msa-nginx/resource-tree')
    ).json();
    expect(Object.keys(tree).sort()).toEqual([
      'hosts',
      'nodes',
      'orphanedNodes',
    ]);
    const kinds = tree.nodes.map((n: any) => n.kind).sort();
    expect(kinds).toEqual(['Deployment', 'Pod', 'ReplicaSet', 'Service']);
    const pod = tree.nodes.find((n: any) => n.kind === 'Pod');
    expect(pod).toMatchObject({
      version: 'v1',
      namespace: 'msa',
      images: ['harbor.sandbox.local/msa/msa-nginx:1'],
      health: { status: 'Healthy' },
    });
    expect(pod.parentRefs[0].kind).toBe('ReplicaSet');
    for (const n of tree.nodes)
      for (const k of [
        'version',
        'kind',
        'namespace',
        'name',
        'uid',
        'createdAt',
      ])
        expect(n).toHaveProperty(k);
  });

  it('syncs: Running, 400 while in progress, then Synced with a history entry', async () => {
    const r = await api('/api/v1/applications/login-js/sync', {
      method: 'POST',
      body: JSON.stringify({ name: 'login-js', prune: true }),
    });
    expect(r.status).toBe(200);
    const started = await r.json();
    expect(started.status.operationState.phase).toBe('Running');
    const again = await api('/api/v1/applications/login-js/sync', {
      method: 'POST',
      body: '{}',
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      error: 'another operation is already in progress',
      code: 9,
      message: 'another operation is already in progress',
    });
    const done = await waitFor(async () => {
      const a = await (await api('/api/v1/applications/login-js')).json();
      return a.status.operationState.phase === 'Succeeded' ? a : undefined;
    }, 5000);
    expect(done.status.history).toHaveLength(2);
    expect(
      (
        await api('/api/v1/applications/ghost/sync', {
          method: 'POST',
          body: '{}',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api('/api/v1/applications/login-js/sync', {
          method: 'POST',
          body: '{"revision":"no-such-branch"}',
        })
      ).status,
    ).toBe(500);
  });

  it('goes OutOfSync then Synced with the commit SHA and new images after a push to msa_deploy', async () => {
    const dir = path.join(git.dir, 'bump');
    await runGit(['clone', '-q', git.deployUrl, dir]);
    const file = path.join(dir, 'msa-nginx.yaml');
    await fs.writeFile(
      file,
      (await fs.readFile(file, 'utf8')).replace('msa-nginx:1', 'msa-nginx:7'),
    );
    await runGit(['commit', '-qam', 'updated the image tag to 7'], {
      cwd: dir,
    });
    const sha = (
      await runGit(['rev-parse', 'HEAD'], { cwd: dir })
    ).stdout.trim();
    await runGit(
      [
        'push',
        '-q',
        git.deployUrl.replace('http://', 'http://platform:sandbox-git-token@'),
        'main',
      ],
      { cwd: dir },
    );
    const out = await waitFor(
      async () => {
        const a = await (await api('/api/v1/applications/msa-nginx')).json();
        return a.status.sync.status === 'OutOfSync' ? a : undefined;
      },
      3000,
      10,
    );
    expect(out.status.health.status).toBe('Progressing');
    expect(out.status.operationState.phase).toBe('Running');
    const synced = await waitFor(async () => {
      const a = await (await api('/api/v1/applications/msa-nginx')).json();
      return a.status.sync.status === 'Synced' ? a : undefined;
    }, 5000);
    expect(synced.status.sync.revision).toBe(sha);
    expect(
      synced.status.history[synced.status.history.length - 1].revision,
    ).toBe(sha);
    expect(synced.status.summary.images).toEqual([
      'harbor.sandbox.local/msa/msa-nginx:7',
    ]);
    const other = await (await api('/api/v1/applications/login-js')).json();
    expect(other.status.sync.revision).not.toBe(sha);
  });

  it('holds an application Degraded through the sandbox health switch (and a sync), then releases it', async () => {
    const health = async () => {
      const app = (await (
        await api('/api/v1/applications/msa-nginx')
      ).json()) as any;
      return {
        app: app.status.health,
        deployment: app.status.resources.find(
          (r: any) => r.kind === 'Deployment',
        )?.health,
      };
    };
    const put = (name: string, body: unknown, method = 'PUT') =>
      api(`/api/sandbox/applications/${name}/health`, {
        method,
        body: JSON.stringify(body),
      });
    await waitFor(
      async () => (await health()).app.status === 'Healthy',
      10_000,
    );

    let r = await put('msa-nginx', { status: 'Degraded', message: 'boom' });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      name: 'msa-nginx',
      health: { status: 'Degraded', message: 'boom' },
    });
    expect(await health()).toEqual({
      app: { status: 'Degraded', message: 'boom' },
      deployment: { status: 'Degraded', message: 'boom' },
    });

    // A sync does not clear it: the switch holds until released.
    r = await api('/api/v1/applications/msa-nginx/sync', {
      method: 'POST',
      body: JSON.stringify({ name: 'msa-nginx' }),
    });
    expect(r.status).toBe(200);
    await reconciler.idle();
    await new Promise(resolve => setTimeout(resolve, 500));
    await reconciler.idle();
    expect((await health()).app.status).toBe('Degraded');

    r = await put('msa-nginx', { status: 'Healthy' });
    expect(r.status).toBe(200);
    await waitFor(
      async () => (await health()).app.status === 'Healthy',
      10_000,
    );
    expect((await health()).deployment).toEqual({ status: 'Healthy' });

    // Default message, and refusals naming what is allowed.
    r = await put('msa-nginx', { status: 'Degraded' });
    expect(((await r.json()) as any).health.message).toMatch(
      /msa-nginx .*sandbox health switch/,
    );
    await put('msa-nginx', { status: 'Healthy' });
    r = await put('msa-nginx', { status: 'Sick' });
    expect(r.status).toBe(400);
    expect(((await r.json()) as any).message).toMatch(
      /status must be one of Degraded, Healthy/,
    );
    r = await put('msa-nginx', { status: 'Degraded', extra: 1 });
    expect(r.status).toBe(400);
    r = await put('no-such-app', { status: 'Degraded' });
    expect(r.status).toBe(404);
    r = await put('msa-nginx', { status: 'Degraded' }, 'POST');
    expect(r.status).toBe(501);
    r = await fetch(`${m.url}/api/sandbox/applications/msa-nginx/health`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'Degraded' }),
    });
    expect(r.status).toBe(401);
    expect((await health()).app.status).toBe('Healthy');
  });

  it('creates applications, refuses a different spec without upsert, updates with upsert=true', async () => {
    const body = {
      metadata: {
        name: 'payments',
        labels: { 'app.kubernetes.io/part-of': 'msa' },
      },
      spec: {
        project: 'default',
        source: {
          repoURL: git.deployUrl,
          path: 'services/payments',
          targetRevision: 'main',
        },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: 'msa',
        },
      },
    };
    const c = await api('/api/v1/applications', {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(c.status).toBe(200);
    expect((await c.json()).metadata.name).toBe('payments');
    expect(
      (
        await api('/api/v1/applications', {
          method: 'POST',
          body: JSON.stringify(body),
        })
      ).status,
    ).toBe(200);
    const changed = {
      ...body,
      spec: {
        ...body.spec,
        source: { ...body.spec.source, path: 'services/other' },
      },
    };
    const refused = await api('/api/v1/applications', {
      method: 'POST',
      body: JSON.stringify(changed),
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).code).toBe(3);
    const up = await api('/api/v1/applications?upsert=true', {
      method: 'POST',
      body: JSON.stringify(changed),
    });
    expect((await up.json()).spec.source.path).toBe('services/other');
    const noDest = await api('/api/v1/applications', {
      method: 'POST',
      body: JSON.stringify({
        metadata: { name: 'x' },
        spec: { source: { repoURL: 'r' } },
      }),
    });
    expect(noDest.status).toBe(400);
    const badProject = await api('/api/v1/applications', {
      method: 'POST',
      body: JSON.stringify({
        ...body,
        metadata: { name: 'y' },
        spec: { ...body.spec, project: 'nope' },
      }),
    });
    expect(badProject.status).toBe(400);
  });
});
