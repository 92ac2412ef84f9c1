import { fixture, mount, shapeDiff, type Mounted } from '../testing/helpers.ts';
import { createKubernetesHandler } from './server.ts';
import { KubeStore } from './store.ts';

const TOKEN = 'sandbox-kube-token';
const APPS = '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications';

describe('Kubernetes API simulator', () => {
  let m: Mounted;
  const req = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${m.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${TOKEN}`,
        'Content-Type': 'application/json',
        ...headers,
      },
      body:
        typeof body === 'string' || body === undefined
          ? body
          : JSON.stringify(body),
    });

  beforeEach(async () => {
    m = await mount(
      createKubernetesHandler({ store: new KubeStore(), token: TOKEN }),
    );
    await req('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'argocd' },
    });
  });
  afterEach(() => m.close());

  it('answers 403 as system:anonymous without a token and 401 with a wrong one', async () => {
    const anon = await fetch(`${m.url}/api/v1/namespaces`);
    expect(anon.status).toBe(403);
    expect(anon.headers.get('content-type')).toBe('application/json');
    const body = await anon.json();
    expect(body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Forbidden',
      code: 403,
    });
    expect(body.message).toContain(
      'User "system:anonymous" cannot list resource "namespaces"',
    );
    const wrong = await fetch(`${m.url}/api/v1/namespaces`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it('answers 403 like kube-apiserver RBAC for an account without the verb, naming user, verb, resource and scope', async () => {
    m.close();
    m = await mount(
      createKubernetesHandler({
        store: new KubeStore(),
        token: TOKEN,
        accounts: [
          {
            token: 'limited',
            user: 'system:serviceaccount:backstage:backstage',
            rules: [{ verbs: ['get', 'list'], resources: ['namespaces'] }],
          },
        ],
      }),
    );
    const as = (method: string, path: string, body?: unknown) =>
      fetch(`${m.url}${path}`, {
        method,
        headers: {
          Authorization: 'Bearer limited',
          'Content-Type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await as('GET', '/api/v1/namespaces')).status).toBe(200);
    const create = await as('POST', '/api/v1/namespaces', {
      metadata: { name: 'x' },
    });
    expect(create.status).toBe(403);
    expect(await create.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'namespaces is forbidden: User "system:serviceaccount:backstage:backstage" cannot create resource "namespaces" in API group "" at the cluster scope',
      reason: 'Forbidden',
      details: { kind: 'namespaces' },
      code: 403,
    });
    const secret = await as('GET', '/api/v1/namespaces/orders/secrets/pull');
    expect((await secret.json()).message).toBe(
      'secrets "pull" is forbidden: User "system:serviceaccount:backstage:backstage" cannot get resource "secrets" in API group "" in the namespace "orders"',
    );
  });

  // kube-apiserver: DELETE of a namespace answers 200 with it marked (deletionTimestamp, phase Terminating); the
  // NamespaceLifecycle admission refuses new content in it with 403 Forbidden, cause NamespaceTerminating, until
  // the namespace controller has emptied and removed it.
  it('keeps a deleted namespace Terminating, refusing new content, then removes it', async () => {
    m.close();
    m = await mount(
      createKubernetesHandler({
        store: new KubeStore({ namespaceFinalizeMs: 300 }),
        token: TOKEN,
      }),
    );
    await req('POST', '/api/v1/namespaces', { metadata: { name: 'dying' } });
    const deleted = await req('DELETE', '/api/v1/namespaces/dying');
    expect(deleted.status).toBe(200);
    const marked = await deleted.json();
    expect(marked.status).toEqual({ phase: 'Terminating' });
    expect(marked.metadata.deletionTimestamp).toEqual(expect.any(String));
    expect(
      (await (await req('GET', '/api/v1/namespaces/dying')).json()).status
        .phase,
    ).toBe('Terminating');
    const refused = await req('POST', '/api/v1/namespaces/dying/secrets', {
      metadata: { name: 's' },
      type: 'Opaque',
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      code: 403,
      message:
        'secrets "s" is forbidden: unable to create new content in namespace dying because it is being terminated',
      details: {
        causes: [
          { reason: 'NamespaceTerminating', field: 'metadata.namespace' },
        ],
      },
    });
    await new Promise(resolve => setTimeout(resolve, 500));
    expect((await req('GET', '/api/v1/namespaces/dying')).status).toBe(404);
  });

  it('serves discovery', async () => {
    expect((await (await fetch(`${m.url}/version`)).json()).gitVersion).toMatch(
      /^v1\./,
    );
    expect((await (await req('GET', '/api')).json()).versions).toEqual(['v1']);
    const apis = await (await req('GET', '/apis')).json();
    expect(apis.groups[0].name).toBe('argoproj.io');
    const res = await (await req('GET', '/apis/argoproj.io/v1alpha1')).json();
    expect(res.resources.map((r: { name: string }) => r.name)).toContain(
      'applications',
    );
  });

  it('creates namespaces and answers a duplicate with the recorded 409 Status', async () => {
    const f = fixture('kubernetes/status-409-namespace-already-exists.json');
    const r = await req('POST', f.request.path, f.request.body);
    expect(r.status).toBe(f.response.status);
    const body = await r.json();
    expect(shapeDiff(body, f.response.body, true)).toEqual([]);
    expect(body).toEqual(f.response.body);
    const list = await (await req('GET', '/api/v1/namespaces')).json();
    expect(list.kind).toBe('NamespaceList');
    expect(list.items.map((n: any) => n.metadata.name)).toEqual(['argocd']);
    expect((await req('GET', '/api/v1/namespaces/nope')).status).toBe(404);
  });

  it('creates an Application shaped like the recorded 201 (managedFields, uid, generation)', async () => {
    const f = fixture('kubernetes/application-created.json');
    const r = await req('POST', f.request.path, f.request.body, {
      'User-Agent': 'golden-recorder/1.0',
    });
    expect(r.status).toBe(201);
    const body = await r.json();
    expect(shapeDiff(body, f.response.body, true)).toEqual([]);
    expect(body.metadata.managedFields[0].fieldsV1).toEqual(
      f.response.body.metadata.managedFields[0].fieldsV1,
    );
    expect(body.metadata.generation).toBe(1);
    const dup = await req('POST', f.request.path, f.request.body);
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({
      reason: 'AlreadyExists',
      details: {
        name: 'msa-nginx',
        group: 'argoproj.io',
        kind: 'applications',
      },
    });
  });

  it('answers 404/422/400 Status bodies for missing objects, bad names and namespace mismatches', async () => {
    const nf = await req('GET', `${APPS}/missing`);
    expect(nf.status).toBe(404);
    expect(await nf.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'applications.argoproj.io "missing" not found',
      reason: 'NotFound',
      details: { name: 'missing', group: 'argoproj.io', kind: 'applications' },
      code: 404,
    });
    const bad = await req('POST', APPS, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'Bad_Name' },
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      reason: 'Invalid',
      code: 422,
      details: { causes: [{ field: 'metadata.name' }] },
    });
    const mismatch = await req('POST', APPS, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'x', namespace: 'other' },
    });
    expect(mismatch.status).toBe(400);
    const noNs = await req(
      'POST',
      '/apis/argoproj.io/v1alpha1/namespaces/ghost/applications',
      { metadata: { name: 'x' } },
    );
    expect(noNs.status).toBe(404);
    expect((await noNs.json()).message).toBe('namespaces "ghost" not found');
    expect((await req('POST', APPS, '{not json')).status).toBe(400);
  });

  it('lists with labelSelector, merge-patches and JSON-patches', async () => {
    for (const [name, part] of [
      ['a', 'msa'],
      ['b', 'other'],
    ]) {
      await req('POST', APPS, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name, labels: { 'app.kubernetes.io/part-of': part } },
        spec: { project: 'default' },
      });
    }
    const sel = await (
      await req(
        'GET',
        `${APPS}?labelSelector=${encodeURIComponent(
          'app.kubernetes.io/part-of=msa',
        )}`,
      )
    ).json();
    expect(sel.kind).toBe('ApplicationList');
    expect(sel.items.map((i: any) => i.metadata.name)).toEqual(['a']);
    expect(sel.items[0].kind).toBe('Application');
    const notin = await (
      await req(
        'GET',
        `${APPS}?labelSelector=${encodeURIComponent(
          'app.kubernetes.io/part-of notin (msa)',
        )}`,
      )
    ).json();
    expect(notin.items.map((i: any) => i.metadata.name)).toEqual(['b']);
    expect(
      (
        await req(
          'GET',
          `${APPS}?labelSelector=${encodeURIComponent('a in (x')}`,
        )
      ).status,
    ).toBe(400);

    const mp = await req(
      'PATCH',
      `${APPS}/a`,
      {
        operation: {
          initiatedBy: { username: 'backstage' },
          sync: { syncStrategy: { hook: {} } },
        },
      },
      { 'Content-Type': 'application/merge-patch+json' },
    );
    expect(mp.status).toBe(200);
    const patched = await mp.json();
    expect(patched.operation.initiatedBy.username).toBe('backstage');
    expect(patched.metadata.generation).toBe(2);
    const jp = await req(
      'PATCH',
      `${APPS}/a`,
      [{ op: 'replace', path: '/spec/project', value: 'msa' }],
      { 'Content-Type': 'application/json-patch+json' },
    );
    expect((await jp.json()).spec.project).toBe('msa');
    const failing = await req(
      'PATCH',
      `${APPS}/a`,
      [{ op: 'replace', path: '/spec/nope', value: 1 }],
      { 'Content-Type': 'application/json-patch+json' },
    );
    expect(failing.status).toBe(422);
    const sm = await req(
      'PATCH',
      `${APPS}/a`,
      {},
      { 'Content-Type': 'application/strategic-merge-patch+json' },
    );
    expect(sm.status).toBe(415);
    expect((await sm.json()).reason).toBe('UnsupportedMediaType');
    const stale = await req('PUT', `${APPS}/a`, {
      ...patched,
      metadata: { ...patched.metadata, resourceVersion: '1' },
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).reason).toBe('Conflict');
  });

  it('server-side apply: fieldManager required (422), conflicts (409 FieldManagerConflict), force', async () => {
    const yaml = (project: string) =>
      `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ssa\n  namespace: argocd\nspec:\n  project: ${project}\n`;
    const apply = (project: string, q: string) =>
      req('PATCH', `${APPS}/ssa${q}`, yaml(project), {
        'Content-Type': 'application/apply-patch+yaml',
      });
    const noManager = await apply('default', '');
    expect(noManager.status).toBe(422);
    expect(await noManager.json()).toMatchObject({
      reason: 'Invalid',
      details: { causes: [{ field: 'fieldManager' }] },
    });
    const created = await apply('default', '?fieldManager=alice');
    expect(created.status).toBe(201);
    const createdBody = await created.json();
    expect(createdBody.metadata.managedFields[0]).toMatchObject({
      manager: 'alice',
      operation: 'Apply',
    });
    expect((await apply('default', '?fieldManager=bob')).status).toBe(200);
    const conflict = await apply('other', '?fieldManager=bob');
    expect(conflict.status).toBe(409);
    const cb = await conflict.json();
    expect(cb).toMatchObject({
      kind: 'Status',
      reason: 'Conflict',
      code: 409,
      details: {
        causes: [{ reason: 'FieldManagerConflict', field: '.spec.project' }],
      },
    });
    expect(cb.message).toContain('conflict with "alice"');
    const forced = await apply('other', '?fieldManager=bob&force=true');
    expect(forced.status).toBe(200);
    expect((await forced.json()).spec.project).toBe('other');
    expect(
      (
        await req(
          'PATCH',
          `${APPS}/ssa?force=true`,
          { spec: {} },
          { 'Content-Type': 'application/merge-patch+json' },
        )
      ).status,
    ).toBe(422);
  });

  // kube-apiserver records a write's `fieldManager` as an `Update` entry of managedFields; without one it takes
  // the User-Agent's product (what @kubernetes/client-node's node-fetch sends: `node-fetch`).
  it('records the fieldManager of creates and merge patches in managedFields, else the User-Agent product', async () => {
    const managers = async (r: Response) =>
      ((await r.json()).metadata.managedFields ?? []).map(
        (e: { manager: string; operation: string }) =>
          `${e.manager}/${e.operation}`,
      );
    const named = await req(
      'POST',
      '/api/v1/namespaces?fieldManager=backstage-platform',
      { metadata: { name: 'named', labels: { a: '1' } } },
      { 'User-Agent': 'node-fetch' },
    );
    expect(named.status).toBe(201);
    expect(await managers(named)).toEqual(['backstage-platform/Update']);
    const patched = await req(
      'PATCH',
      '/api/v1/namespaces/named?fieldManager=backstage-platform',
      { metadata: { labels: { b: '2' } } },
      { 'Content-Type': 'application/merge-patch+json' },
    );
    expect(await managers(patched)).toEqual(['backstage-platform/Update']);
    const anonymous = await req(
      'POST',
      '/api/v1/namespaces',
      { metadata: { name: 'unnamed', labels: { a: '1' } } },
      { 'User-Agent': 'node-fetch' },
    );
    expect(await managers(anonymous)).toEqual(['node-fetch/Update']);
  });

  // apimachinery NewConflictError: no details name/kind, one FieldManagerConflict cause per field; an `Update`
  // manager is printed with its apiVersion, several conflicts are grouped by manager with `- .path` lines.
  it('answers a server-side apply conflict with an Update manager like kube-apiserver', async () => {
    const yaml = (project: string, revision: string) =>
      `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: drift\n  namespace: argocd\nspec:\n  project: ${project}\n  source:\n    repoURL: https://git.example/msa_deploy.git\n    targetRevision: ${revision}\n  destination:\n    namespace: orders\n`;
    const apply = (q: string) =>
      req('PATCH', `${APPS}/drift${q}`, yaml('msa', 'main'), {
        'Content-Type': 'application/apply-patch+yaml',
      });
    expect((await apply('?fieldManager=backstage-platform')).status).toBe(201);
    const edit = await req(
      'PATCH',
      `${APPS}/drift?fieldManager=kubectl-edit`,
      { spec: { project: 'default', source: { targetRevision: 'hotfix' } } },
      { 'Content-Type': 'application/merge-patch+json' },
    );
    expect(edit.status).toBe(200);
    const conflict = await apply('?fieldManager=backstage-platform');
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Apply failed with 2 conflicts: conflicts with "kubectl-edit" using argoproj.io/v1alpha1:\n- .spec.project\n- .spec.source.targetRevision',
      reason: 'Conflict',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kubectl-edit" using argoproj.io/v1alpha1',
            field: '.spec.project',
          },
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kubectl-edit" using argoproj.io/v1alpha1',
            field: '.spec.source.targetRevision',
          },
        ],
      },
      code: 409,
    });
    const forced = await apply('?fieldManager=backstage-platform&force=true');
    expect(forced.status).toBe(200);
    expect((await forced.json()).spec).toMatchObject({
      project: 'msa',
      source: { targetRevision: 'main' },
    });
  });

  it('secrets: create, get, replace, and the type is immutable (422)', async () => {
    const cfg = Buffer.from(
      JSON.stringify({
        auths: {
          'harbor.sandbox.local': {
            username: 'u',
            password: 'p',
            auth: Buffer.from('u:p').toString('base64'),
          },
        },
      }),
    ).toString('base64');
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'docker-config-secret' },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': cfg },
    };
    const c = await req('POST', '/api/v1/namespaces/argocd/secrets', secret);
    expect(c.status).toBe(201);
    const got = await (
      await req('GET', '/api/v1/namespaces/argocd/secrets/docker-config-secret')
    ).json();
    expect(got.type).toBe('kubernetes.io/dockerconfigjson');
    const put = await req(
      'PUT',
      '/api/v1/namespaces/argocd/secrets/docker-config-secret',
      { ...secret, type: 'Opaque' },
    );
    expect(put.status).toBe(422);
    const body = await put.json();
    expect(body).toMatchObject({
      reason: 'Invalid',
      details: { kind: 'Secret', causes: [{ field: 'type' }] },
    });
    expect(body.message).toContain('field is immutable');
    const replaced = await req(
      'PUT',
      '/api/v1/namespaces/argocd/secrets/docker-config-secret',
      {
        ...secret,
        data: {
          '.dockerconfigjson': Buffer.from('{"auths":{}}').toString('base64'),
        },
      },
    );
    expect(replaced.status).toBe(200);
    const broken = await req('POST', '/api/v1/namespaces/argocd/secrets', {
      ...secret,
      metadata: { name: 'broken' },
      data: { '.dockerconfigjson': '!!!' },
    });
    expect(broken.status).toBe(422);
  });
});
