import { testWriteAccess } from '../../testing/ownership';
import { createKubernetesEnsureNamespaceAction } from './ensureNamespace';
import {
  FakeKubernetes,
  startFakeKubernetes,
} from '../../testing/fakeKubernetes';
import { mockContext, outputsOf } from '../../testing/context';
import {
  KUBE_TOKEN,
  REGISTRY_PASSWORD,
  testConfig,
} from '../../testing/config';

describe('platform:kubernetes:ensure-namespace', () => {
  let kube: FakeKubernetes;
  const make = () =>
    createKubernetesEnsureNamespaceAction({
      ...testWriteAccess(),
      config: testConfig({ gitHost: 'git.test', kubernetesUrl: kube.url }),
    });

  beforeEach(async () => {
    kube = await startFakeKubernetes(KUBE_TOKEN);
  });
  afterEach(() => kube.close());

  it('audits each write with the namespace and its Secret, and a namespace outside the bound as a failure', async () => {
    const access = testWriteAccess();
    const action = createKubernetesEnsureNamespaceAction({
      ...access,
      config: testConfig({ gitHost: 'git.test', kubernetesUrl: kube.url }),
    });
    const entityRef = 'component:default/orders';
    await action.handler(mockContext({ namespace: 'msa', entityRef }) as any);
    await action.handler(
      mockContext({ namespace: 'msa', entityRef, istioInjection: true }) as any,
    );
    await expect(
      action.handler(
        mockContext({ namespace: 'kube-system', entityRef }) as any,
      ),
    ).rejects.toThrow(/kube-system/);
    const subject = {
      action: 'platform:kubernetes:ensure-namespace',
      taskId: 'mock-task-id',
      initiator: 'user:default/mock',
      service: entityRef,
      owner: 'group:default/platform-team',
    };
    const secret = (outcome: string) => ({
      registrySecret: { name: 'docker-config-secret', outcome },
    });
    expect(access.audited.ended().map(event => event.meta)).toEqual([
      {
        ...subject,
        target: { namespace: 'msa' },
        outcome: 'created',
        ...secret('created'),
      },
      {
        ...subject,
        target: { namespace: 'msa' },
        outcome: 'updated',
        ...secret('unchanged'),
      },
      { ...subject, target: { namespace: 'kube-system' } },
    ]);
    expect(access.audited.ended().map(event => event.status)).toEqual([
      'succeeded',
      'succeeded',
      'failed',
    ]);
    const text = JSON.stringify(access.audited.events);
    expect(text).not.toContain(REGISTRY_PASSWORD);
    expect(text).not.toContain(KUBE_TOKEN);
  });

  it('creates the namespace with istio-injection and the dockerconfigjson Secret from config', async () => {
    const ctx = mockContext({
      namespace: 'msa',
      istioInjection: true,
      entityRef: 'component:default/orders',
    });
    await make().handler(ctx as any);
    expect(outputsOf(ctx)).toMatchObject({
      namespaceResult: 'created',
      secretResult: 'created',
      secretName: 'docker-config-secret',
    });
    expect(kube.store.get('namespaces//msa')?.metadata.labels).toMatchObject({
      'istio-injection': 'enabled',
    });
    const secret = kube.store.get('secrets/msa/docker-config-secret')!;
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    const config = JSON.parse(
      Buffer.from(secret.data['.dockerconfigjson'], 'base64').toString(),
    );
    expect(config.auths['harbor.sandbox.local']).toEqual({
      username: 'robot$msa',
      password: REGISTRY_PASSWORD,
      auth: Buffer.from(`robot$msa:${REGISTRY_PASSWORD}`).toString('base64'),
    });
    const logged = JSON.stringify((ctx.output as jest.Mock).mock.calls);
    expect(logged).not.toContain(REGISTRY_PASSWORD);
  });

  it('is idempotent and adds a missing label to an existing namespace (409 -> get + patch)', async () => {
    await make().handler(mockContext({ namespace: 'msa' }) as any);
    const again = mockContext({ namespace: 'msa' });
    await make().handler(again as any);
    expect(outputsOf(again)).toMatchObject({
      namespaceResult: 'unchanged',
      secretResult: 'unchanged',
    });
    const withIstio = mockContext({ namespace: 'msa', istioInjection: true });
    await make().handler(withIstio as any);
    expect(outputsOf(withIstio).namespaceResult).toBe('updated');
    expect(kube.requests.filter(r => r.method === 'POST')).toHaveLength(2);
  });

  it('treats a 409 on create (a concurrent creator) as existing', async () => {
    let raced = false;
    kube.failNext = (method, path) => {
      if (!raced && method === 'POST' && path === '/api/v1/namespaces') {
        raced = true;
        kube.store.set('namespaces//msa', {
          metadata: {
            name: 'msa',
            labels: { 'app.kubernetes.io/managed-by': 'backstage' },
            annotations: {
              'platform.paved-road.dev/owner': 'group:default/platform-team',
            },
          },
        });
        return { code: 409, reason: 'AlreadyExists' };
      }
      return undefined;
    };
    const ctx = mockContext({ namespace: 'msa', istioInjection: true });
    await make().handler(ctx as any);
    expect(outputsOf(ctx).namespaceResult).toBe('updated');
  });

  it('fails on a 422 mid-way and a re-run completes without duplicates', async () => {
    kube.failNext = (method, path) =>
      method === 'POST' && path.endsWith('/secrets')
        ? { code: 422, reason: 'Invalid' }
        : undefined;
    await expect(
      make().handler(mockContext({ namespace: 'msa' }) as any),
    ).rejects.toThrow(
      /kubernetes: CREATE secret msa\/docker-config-secret answered 422: Invalid/,
    );
    kube.failNext = undefined;
    const ctx = mockContext({ namespace: 'msa' });
    await make().handler(ctx as any);
    expect(outputsOf(ctx)).toMatchObject({
      namespaceResult: 'unchanged',
      secretResult: 'created',
    });
  });

  it('refuses to replace a Secret of another type or with foreign credentials', async () => {
    kube.store.set('secrets/msa/docker-config-secret', {
      metadata: { name: 'docker-config-secret' },
      type: 'Opaque',
      data: {},
    });
    await expect(
      make().handler(mockContext({ namespace: 'msa' }) as any),
    ).rejects.toThrow(/type is immutable/);
    kube.store.set('secrets/msa/docker-config-secret', {
      metadata: { name: 'docker-config-secret' },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': 'e30=' },
    });
    await expect(
      make().handler(mockContext({ namespace: 'msa' }) as any),
    ).rejects.toThrow(/not managed by Backstage/);
  });

  it('dry run touches nothing; bad names are rejected', async () => {
    await make().handler(
      mockContext({ namespace: 'msa' }, { isDryRun: true }) as any,
    );
    expect(kube.requests.filter(r => r.method !== 'GET')).toHaveLength(0);
    for (const namespace of [
      'MSA',
      'a/b',
      '-x',
      'x'.repeat(64),
      'msa\nlabels: {}',
    ]) {
      await expect(
        make().handler(mockContext({ namespace }) as any),
      ).rejects.toThrow(/Invalid input: namespace/);
    }
    await expect(
      make().handler(
        mockContext({ namespace: 'msa', dockerConfigJson: 'x' } as any) as any,
      ),
    ).resolves.toBeUndefined();
    expect(
      JSON.stringify(kube.store.get('secrets/msa/docker-config-secret')),
    ).not.toContain('"x"');
  });
});
