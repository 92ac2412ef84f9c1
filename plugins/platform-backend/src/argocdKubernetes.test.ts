import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import http from 'node:http';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';
import { captureLogger } from './__testUtils__/captureLogger';
import { argoApplication, demoEntity } from './__testUtils__/fakePlatform';
import {
  FakeAnswer,
  SeenRequest,
  startFakeServer,
} from './__testUtils__/fakeServer';

// platform.argocd.source: kubernetes. Applications are read as argoproj.io/v1alpha1 custom resources through
// platform-node's KubernetesClient (@kubernetes/client-node), and a sync is a JSON merge patch of `operation`,
// as the Argo CD UI does. The Kubernetes API here is an in-test fake that keeps the objects and applies patches.

const KUBE_TOKEN = 'kube-SECRET-token-7';
const PREFIX = '/apis/argoproj.io/v1alpha1/namespaces/';

type Resource = Omit<ReturnType<typeof argoApplication>, 'metadata'> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  operation?: unknown;
};

function resource(
  name: string,
  namespace: string,
  labels: Record<string, string>,
  over: { project?: string } = {},
): Resource {
  const app = argoApplication();
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    ...app,
    metadata: { name, namespace, labels },
    spec: { ...app.spec, project: over.project ?? 'default' },
  };
}

const status = (code: number, reason: string, message: string): FakeAnswer => ({
  status: code,
  body: {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    reason,
    message,
    code,
  },
});

/** RFC 7386 merge patch. */
function mergePatch(target: any, patch: any): any {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out =
    target && typeof target === 'object' && !Array.isArray(target)
      ? { ...target }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** Equality-only label selectors (`a=b,c==d`), which is what the platform sends. */
function matches(
  labels: Record<string, string>,
  selector: string | null,
): boolean {
  if (!selector) return true;
  return selector.split(',').every(term => {
    const [key, value] = term.split(/==?/);
    return labels[key.trim()] === value?.trim();
  });
}

function fakeKubernetes(
  store: Map<string, Resource>,
  overrides: { patch?: FakeAnswer; all?: FakeAnswer },
) {
  return (req: SeenRequest): FakeAnswer => {
    if (overrides.all) return overrides.all;
    if (req.headers.authorization !== `Bearer ${KUBE_TOKEN}`)
      return status(401, 'Unauthorized', 'Unauthorized');
    if (!req.path.startsWith(PREFIX))
      return status(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    const [namespace, plural, name, ...rest] = req.path
      .slice(PREFIX.length)
      .split('/');
    if (plural !== 'applications' || rest.length)
      return status(404, 'NotFound', 'no such resource');
    if (namespace === 'locked')
      return status(
        403,
        'Forbidden',
        `applications.argoproj.io is forbidden: User "system:serviceaccount:backstage:platform" cannot list resource "applications" in the namespace "locked"`,
      );
    if (!name && req.method === 'GET') {
      const items = [...store.values()].filter(
        r =>
          r.metadata.namespace === namespace &&
          matches(r.metadata.labels, req.query.get('labelSelector')),
      );
      return {
        body: {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'ApplicationList',
          metadata: { resourceVersion: '1' },
          items,
        },
      };
    }
    const key = `${namespace}/${name}`;
    const existing = store.get(key);
    if (!existing)
      return status(
        404,
        'NotFound',
        `applications.argoproj.io "${name}" not found`,
      );
    if (req.method === 'GET') return { body: existing };
    if (req.method === 'PATCH') {
      if (overrides.patch) return overrides.patch;
      if (req.headers['content-type'] !== 'application/merge-patch+json')
        return status(415, 'UnsupportedMediaType', 'unsupported patch type');
      const patched = mergePatch(existing, JSON.parse(req.body));
      store.set(key, patched);
      return { body: patched };
    }
    return status(405, 'MethodNotAllowed', 'method not allowed');
  };
}

function entity(name: string, annotations: Record<string, string>): Entity {
  const base = demoEntity(name);
  const kept = Object.fromEntries(
    Object.entries(base.metadata.annotations!).filter(
      ([k]) => !k.startsWith('argocd/'),
    ),
  );
  return {
    ...base,
    metadata: { ...base.metadata, annotations: { ...kept, ...annotations } },
  };
}

describe('Argo CD through Kubernetes custom resources (platform.argocd.source: kubernetes)', () => {
  const store = new Map<string, Resource>();
  const overrides: { patch?: FakeAnswer; all?: FakeAnswer } = {};
  let kube: Awaited<ReturnType<typeof startFakeServer>>;
  let server: http.Server;
  let closedByDefault: http.Server;
  const log = captureLogger();

  const base = (name: string) =>
    `/api/platform/v1/entities/default/component/${name}`;
  const kubeRequests = () =>
    kube.requests.map(
      r => `${r.method} ${r.path}${r.query.size ? `?${r.query}` : ''}`,
    );

  beforeAll(async () => {
    kube = await startFakeServer(fakeKubernetes(store, overrides));
    const argocd = {
      source: 'kubernetes',
      instances: [
        {
          name: 'main',
          url: 'http://argocd.invalid',
          webUrl: 'https://argocd.example.com',
          token: 'unused-argocd-token',
        },
      ],
    };
    const platform = {
      timeoutMs: 1000,
      cacheTtlSeconds: 30,
      kubernetes: { url: kube.url, token: KUBE_TOKEN },
    };
    server = await startPlatformBackend({
      config: {
        platform: {
          ...platform,
          argocd: {
            ...argocd,
            allowedAppNamespaces: ['argocd', 'team-*', 'locked'],
          },
        },
      },
      entities: [
        demoEntity(),
        entity('by-selector', {
          'argocd/app-selector': 'app.kubernetes.io/part-of=msa',
        }),
        entity('other-namespace', {
          'argocd/app-name': 'payments',
          'argocd/app-namespace': 'team-apps',
        }),
        entity('wrong-project', {
          'argocd/app-name': 'msa-nginx',
          'argocd/project-name': 'secret-project',
        }),
        entity('ghost', { 'argocd/app-name': 'ghost' }),
        entity('locked', {
          'argocd/app-name': 'x',
          'argocd/app-namespace': 'locked',
        }),
        entity('no-selector-match', { 'argocd/app-selector': 'team=nobody' }),
        entity('broken', { 'argocd/app-name': 'broken' }),
        entity('sync-target', {
          'argocd/app-name': 'payments',
          'argocd/app-namespace': 'team-apps',
          'argocd/project-name': 'default',
        }),
        entity('kube-system', {
          'argocd/app-selector': 'team=payments',
          'argocd/app-namespace': 'kube-system',
        }),
        entity('glob-value', {
          'argocd/app-name': 'payments',
          'argocd/app-namespace': 'team-*',
        }),
      ],
      logger: log.logger,
    });
    closedByDefault = await startPlatformBackend({
      config: { platform: { ...platform, argocd } },
      entities: [
        demoEntity(),
        entity('other-namespace', {
          'argocd/app-name': 'payments',
          'argocd/app-namespace': 'team-apps',
        }),
      ],
    });
  });

  beforeEach(() => {
    store.clear();
    for (const r of [
      resource('msa-nginx', 'argocd', { 'app.kubernetes.io/part-of': 'msa' }),
      resource('login-js', 'argocd', { 'app.kubernetes.io/part-of': 'msa' }),
      resource('grafana', 'argocd', {
        'app.kubernetes.io/part-of': 'monitoring',
      }),
      resource('payments', 'team-apps', { team: 'payments' }),
    ]) {
      store.set(`${r.metadata.namespace}/${r.metadata.name}`, r);
    }
    kube.requests.length = 0;
    delete overrides.patch;
    delete overrides.all;
  });

  afterAll(async () => {
    await kube.close();
  });

  it('get by name: one GET of the resource in platform.argocd.kubernetesNamespace, with the service account token', async () => {
    const res = await request(server)
      .get(`${base('msa-nginx')}/argocd`)
      .expect(200);
    expect(res.body).toMatchObject({
      ok: true,
      value: {
        applications: [
          {
            name: 'msa-nginx',
            namespace: 'argocd',
            instance: 'main',
            project: 'default',
            syncStatus: 'Synced',
            healthStatus: 'Healthy',
            destinationNamespace: 'msa',
            images: ['harbor.sandbox.local/msa/msa-nginx:7'],
            webUrl: 'https://argocd.example.com/applications/argocd/msa-nginx',
          },
        ],
      },
    });
    expect(kubeRequests()).toEqual([
      `GET ${PREFIX}argocd/applications/msa-nginx`,
    ]);
    expect(kube.requests[0].headers.authorization).toBe(`Bearer ${KUBE_TOKEN}`);
  });

  it('list by selector: labelSelector passed to the API, only matching applications', async () => {
    const res = await request(server)
      .get(`${base('by-selector')}/argocd`)
      .expect(200);
    expect(res.body.value.applications.map((a: any) => a.name).sort()).toEqual([
      'login-js',
      'msa-nginx',
    ]);
    expect(kube.requests).toHaveLength(1);
    expect(kube.requests[0].path).toBe(`${PREFIX}argocd/applications`);
    expect(kube.requests[0].query.get('labelSelector')).toBe(
      'app.kubernetes.io/part-of=msa',
    );
  });

  it('argocd/app-namespace reads from that namespace', async () => {
    const res = await request(server)
      .get(`${base('other-namespace')}/argocd`)
      .expect(200);
    expect(res.body.value.applications).toMatchObject([
      { name: 'payments', namespace: 'team-apps' },
    ]);
    expect(kubeRequests()).toEqual([
      `GET ${PREFIX}team-apps/applications/payments`,
    ]);
  });

  it('missing, filtered by project, or no selector match: a not-found result', async () => {
    for (const [name, message] of [
      ['ghost', "no application named 'ghost'"],
      ['wrong-project', "no application named 'msa-nginx'"],
      [
        'no-selector-match',
        "no application matches the selector 'team=nobody'",
      ],
    ]) {
      const res = await request(server)
        .get(`${base(name)}/argocd`)
        .expect(200);
      expect(res.body).toEqual({
        ok: false,
        error: expect.objectContaining({
          kind: 'not-found',
          message: expect.stringContaining(message),
        }),
      });
    }
  });

  it('a Forbidden Status is a forbidden result with the reason, never the token', async () => {
    const res = await request(server)
      .get(`${base('locked')}/argocd`)
      .expect(200);
    expect(res.body).toEqual({
      ok: false,
      error: expect.objectContaining({
        kind: 'forbidden',
        status: 403,
        message: expect.stringContaining('Forbidden'),
      }),
    });
    expect(JSON.stringify(res.body)).not.toContain(KUBE_TOKEN);
  });

  it('a resource of the wrong shape is a bad-response result', async () => {
    store.set('argocd/broken', {
      metadata: { name: 'broken' },
      spec: 'nope',
    } as any);
    const res = await request(server)
      .get(`${base('broken')}/argocd`)
      .expect(200);
    expect(res.body).toEqual({
      ok: false,
      error: expect.objectContaining({
        kind: 'bad-response',
        message: expect.stringContaining('unexpected shape'),
      }),
    });
  });

  it('sync: a JSON merge patch of operation, then the cached read is invalidated', async () => {
    const entityBase = base('sync-target');
    await request(server).get(`${entityBase}/argocd`).expect(200);
    await request(server).get(`${entityBase}/argocd`).expect(200);
    expect(kube.requests).toHaveLength(1); // second read from the cache

    const res = await request(server)
      .post(`${entityBase}/argocd/sync`)
      .expect(200);
    expect(res.body.application).toMatchObject({
      name: 'payments',
      namespace: 'team-apps',
      instance: 'main',
    });
    const patch = kube.requests[1];
    expect(patch.method).toBe('PATCH');
    expect(patch.path).toBe(`${PREFIX}team-apps/applications/payments`);
    expect(patch.headers['content-type']).toBe('application/merge-patch+json');
    expect(JSON.parse(patch.body)).toEqual({
      operation: {
        initiatedBy: { username: 'backstage' },
        sync: { syncStrategy: { hook: {} } },
      },
    });
    expect(store.get('team-apps/payments')!.operation).toEqual({
      initiatedBy: { username: 'backstage' },
      sync: { syncStrategy: { hook: {} } },
    });
    // Everything else in the resource is untouched by the patch.
    expect(store.get('team-apps/payments')!.spec.project).toBe('default');

    await request(server).get(`${entityBase}/argocd`).expect(200);
    expect(kube.requests.map(r => r.method)).toEqual(['GET', 'PATCH', 'GET']);
  });

  it('sync: Conflict is a 409, a missing application a 404, an unreachable API a 503, a selector-only entity a 400', async () => {
    overrides.patch = status(
      409,
      'Conflict',
      'Operation cannot be fulfilled on applications.argoproj.io "msa-nginx": the object has been modified',
    );
    await request(server)
      .post(`${base('msa-nginx')}/argocd/sync`)
      .expect(409);
    delete overrides.patch;
    await request(server)
      .post(`${base('ghost')}/argocd/sync`)
      .expect(404);
    overrides.all = { destroy: true };
    const down = await request(server)
      .post(`${base('msa-nginx')}/argocd/sync`)
      .expect(503);
    expect(JSON.stringify(down.body)).not.toContain(KUBE_TOKEN);
    delete overrides.all;
    const selector = await request(server)
      .post(`${base('by-selector')}/argocd/sync`)
      .expect(400);
    expect(selector.body.error.message).toContain('argocd/app-name');
  });

  describe('platform.argocd.allowedAppNamespaces', () => {
    it('a namespace outside the list is forbidden; neither a read nor a sync reaches Kubernetes', async () => {
      const res = await request(server)
        .get(`${base('kube-system')}/argocd`)
        .expect(200);
      expect(res.body).toEqual({
        ok: false,
        error: {
          kind: 'forbidden',
          message: expect.stringMatching(
            /^Namespace 'kube-system' \(from the argocd\/app-namespace annotation\) is not allowed: platform\.argocd\.allowedAppNamespaces allows argocd, team-\*, locked; /,
          ),
        },
      });
      await request(server)
        .post(`${base('kube-system')}/argocd/sync`)
        .expect(403);
      expect(kube.requests).toEqual([]);
    });

    it('a glob as the annotation value never matches the list (not a namespace name)', async () => {
      const res = await request(server)
        .get(`${base('glob-value')}/argocd`)
        .expect(200);
      expect(res.body.error).toEqual({
        kind: 'forbidden',
        message: expect.stringContaining(
          "Namespace 'team-*' (from the argocd/app-namespace annotation) is not a Kubernetes namespace name",
        ),
      });
      expect(kube.requests).toEqual([]);
    });

    it('unset: only platform.argocd.kubernetesNamespace; the annotated namespace is refused without a request', async () => {
      await request(closedByDefault)
        .get(`${base('msa-nginx')}/argocd`)
        .expect(200, /"ok":true/);
      const res = await request(closedByDefault)
        .get(`${base('other-namespace')}/argocd`)
        .expect(200);
      expect(res.body.error).toEqual({
        kind: 'forbidden',
        message: expect.stringContaining(
          "Namespace 'team-apps' (from the argocd/app-namespace annotation) is not allowed: platform.argocd.allowedAppNamespaces allows argocd;",
        ),
      });
      await request(closedByDefault)
        .post(`${base('other-namespace')}/argocd/sync`)
        .expect(403);
      expect(kubeRequests()).toEqual([
        `GET ${PREFIX}argocd/applications/msa-nginx`,
      ]);
    });
  });

  it('never logs the service account token', () => {
    expect(log.lines.filter(l => l.includes(KUBE_TOKEN))).toEqual([]);
  });
});
