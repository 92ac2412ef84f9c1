import { testWriteAccess } from '../../testing/ownership';
import { createArgoCdCreateApplicationAction } from './createApplication';
import {
  FakeKubernetes,
  startFakeKubernetes,
} from '../../testing/fakeKubernetes';
import { mockContext, outputsOf } from '../../testing/context';
import { KUBE_TOKEN, testConfig } from '../../testing/config';

const input = {
  serviceName: 'orders',
  entityRef: 'component:default/orders',
  namespace: 'msa',
};

describe('platform:argocd:create-application (via kubernetes)', () => {
  let kube: FakeKubernetes;
  const make = () =>
    createArgoCdCreateApplicationAction({
      ...testWriteAccess(),
      config: testConfig({ gitHost: 'git.test', kubernetesUrl: kube.url }),
    });

  beforeEach(async () => {
    kube = await startFakeKubernetes(KUBE_TOKEN);
  });
  afterEach(() => kube.close());

  it('audits created, updated (spec drifted) and unchanged, and a refused owner as a failure', async () => {
    const access = testWriteAccess();
    const action = (writeAccess = access) =>
      createArgoCdCreateApplicationAction({
        ...writeAccess,
        config: testConfig({ gitHost: 'git.test', kubernetesUrl: kube.url }),
      });
    await action().handler(mockContext({ ...input, sync: true }) as any);
    kube.store.get('applications/argocd/orders')!.spec.source.targetRevision =
      'drifted';
    await action().handler(mockContext(input) as any);
    await action().handler(mockContext(input) as any);
    const subject = {
      action: 'platform:argocd:create-application',
      taskId: 'mock-task-id',
      initiator: 'user:default/mock',
      service: 'component:default/orders',
      owner: 'group:default/platform-team',
      target: {
        application: 'orders',
        argocdNamespace: 'argocd',
        via: 'kubernetes',
      },
    };
    expect(access.audited.ended().map(event => event.meta)).toEqual([
      { ...subject, outcome: 'created', syncRequested: true },
      { ...subject, outcome: 'updated', syncRequested: false },
      { ...subject, outcome: 'unchanged', syncRequested: false },
    ]);

    const otherTeam = testWriteAccess({
      memberOf: ['group:default/other-team'],
    });
    await expect(
      action(otherTeam).handler(mockContext(input) as any),
    ).rejects.toThrow();
    expect(otherTeam.audited.ended()).toEqual([
      expect.objectContaining({
        eventId: 'platform-argocd-application',
        status: 'failed',
        meta: subject,
      }),
    ]);

    await action().handler(mockContext(input, { isDryRun: true }) as any);
    expect(access.audited.ended()).toHaveLength(3);
  });

  it('server-side applies the Application with field manager backstage-platform', async () => {
    const ctx = mockContext({ ...input, sync: true });
    await make().handler(ctx as any);
    expect(outputsOf(ctx)).toMatchObject({
      name: 'orders',
      argocdNamespace: 'argocd',
      via: 'kubernetes',
    });
    const apply = kube.requests.find(
      r =>
        r.method === 'PATCH' &&
        r.contentType === 'application/apply-patch+yaml',
    )!;
    expect(apply.path).toBe(
      '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/orders',
    );
    expect(apply.query).toContain('fieldManager=backstage-platform');
    const app = kube.store.get('applications/argocd/orders')!;
    expect(app).toMatchObject({
      metadata: {
        annotations: { 'backstage.io/entity-ref': 'component:default/orders' },
        labels: { 'backstage.io/kubernetes-id': 'orders' },
      },
      spec: {
        project: 'default',
        source: {
          repoURL: 'http://git.test/platform/msa_deploy.git',
          path: '.',
          directory: { include: 'orders.yaml' },
          targetRevision: 'main',
        },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: 'msa',
        },
      },
      operation: {
        initiatedBy: { username: 'backstage' },
        sync: { syncStrategy: { hook: {} } },
      },
    });
    const sync = kube.requests.find(
      r => r.contentType === 'application/merge-patch+json',
    )!;
    expect(sync.body).toEqual({
      operation: {
        initiatedBy: { username: 'backstage' },
        sync: { syncStrategy: { hook: {} } },
      },
    });
  });

  it('is idempotent: running twice leaves one Application with the same spec', async () => {
    await make().handler(mockContext(input) as any);
    const first = kube.store.get('applications/argocd/orders')!.spec;
    await make().handler(mockContext(input) as any);
    expect(kube.store.get('applications/argocd/orders')!.spec).toEqual(first);
    expect(
      [...kube.store.keys()].filter(k => k.startsWith('applications/')),
    ).toHaveLength(1);
  });

  it("refuses to take over another entity's Application", async () => {
    kube.store.set('applications/argocd/orders', {
      metadata: {
        name: 'orders',
        annotations: { 'backstage.io/entity-ref': 'component:team-b/orders' },
      },
      spec: {},
    });
    await expect(make().handler(mockContext(input) as any)).rejects.toThrow(
      /Application 'argocd\/orders' exists and records no owner/,
    );
    kube.store.set('applications/argocd/orders', {
      metadata: {
        name: 'orders',
        annotations: {
          'backstage.io/entity-ref': 'component:default/orders',
          'platform.paved-road.dev/owner': 'group:default/other-team',
        },
      },
      spec: {},
    });
    await expect(make().handler(mockContext(input) as any)).rejects.toThrow(
      /is owned by group:default\/other-team; refusing to change it for group:default\/platform-team/,
    );
  });

  it('surfaces a 409 field manager conflict with its reason, and a re-run succeeds', async () => {
    let once = true;
    kube.failNext = method => {
      if (once && method === 'PATCH') {
        once = false;
        return { code: 409, reason: 'Conflict' };
      }
      return undefined;
    };
    await expect(make().handler(mockContext(input) as any)).rejects.toThrow(
      /APPLY application argocd\/orders answered 409: Conflict/,
    );
    await make().handler(mockContext(input) as any);
    expect(kube.store.has('applications/argocd/orders')).toBe(true);
  });

  it('dry run returns the manifest and touches nothing', async () => {
    const ctx = mockContext(input, { isDryRun: true });
    await make().handler(ctx as any);
    expect(JSON.parse(outputsOf(ctx).manifest).kind).toBe('Application');
    expect(kube.requests.filter(r => r.method !== 'GET')).toHaveLength(0);
  });
});
