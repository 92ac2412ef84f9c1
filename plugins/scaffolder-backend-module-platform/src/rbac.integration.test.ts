// The shipped RBAC manifest, enforced by the sandbox's Kubernetes simulator, against the real actions.
/* eslint-disable @backstage/no-relative-monorepo-imports */
import { createKubernetesHandler } from '../../../sandbox/src/kubernetes/server';
import { rulesForServiceAccount } from '../../../sandbox/src/kubernetes/rbac';
import { NAMESPACES } from '../../../sandbox/src/kubernetes/resources';
import { KubeStore } from '../../../sandbox/src/kubernetes/store';
import { mount, type Mounted } from '../../../sandbox/src/testing/helpers';
/* eslint-enable @backstage/no-relative-monorepo-imports */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KubernetesClient } from '@paved-road/backstage-plugin-platform-node';
import { createArgoCdCreateApplicationAction } from './actions/argocd/createApplication';
import { createKubernetesEnsureNamespaceAction } from './actions/kubernetes/ensureNamespace';
import { mockContext, outputsOf } from './testing/context';
import { testConfig } from './testing/config';
import { testOwnership } from './testing/ownership';

const MANIFEST = readFileSync(
  path.resolve(
    __dirname,
    '../../../deploy/kubernetes/backstage-platform-rbac.yaml',
  ),
  'utf8',
);
const SA = { namespace: 'backstage', name: 'backstage' };
const SA_TOKEN = 'backstage-sa-token';

describe('deploy/kubernetes/backstage-platform-rbac.yaml', () => {
  let m: Mounted;
  const start = async (manifest: string) => {
    const store = new KubeStore();
    store.create(
      NAMESPACES,
      undefined,
      { metadata: { name: 'argocd' } },
      { manager: 'admin' },
    );
    m = await mount(
      createKubernetesHandler({
        store,
        token: 'cluster-admin',
        accounts: [
          {
            token: SA_TOKEN,
            user: `system:serviceaccount:${SA.namespace}:${SA.name}`,
            rules: rulesForServiceAccount(manifest, SA),
          },
        ],
      }),
    );
  };
  afterEach(() => m?.close());

  const config = (registryPassword = 'p1') => {
    const base = testConfig({
      gitHost: 'git.test',
      kubernetesUrl: m.url,
      credentials: {
        git: { username: 'u', token: 't' },
        jenkins: { username: 'u', apiToken: 't' },
        kubernetesToken: SA_TOKEN,
      },
    });
    return {
      ...base,
      registry: { ...base.registry!, password: registryPassword },
    };
  };
  const run = async (
    action: 'namespace' | 'application',
    input: Record<string, unknown>,
    registryPassword?: string,
  ) => {
    const options = {
      ownership: testOwnership(),
      config: config(registryPassword),
    };
    const made =
      action === 'namespace'
        ? createKubernetesEnsureNamespaceAction(options)
        : createArgoCdCreateApplicationAction(options);
    const ctx = mockContext({
      entityRef: 'component:default/orders',
      ...input,
    });
    await made.handler(ctx as any);
    return outputsOf(ctx);
  };

  it('grants every call the actions and the Argo CD card make, and nothing is refused', async () => {
    await start(MANIFEST);
    expect(await run('namespace', { namespace: 'orders' })).toMatchObject({
      namespaceResult: 'created',
      secretResult: 'created',
    });
    // new registry credentials: the Secret is read and merge-patched
    expect(await run('namespace', { namespace: 'orders' }, 'p2')).toMatchObject(
      { namespaceResult: 'unchanged', secretResult: 'updated' },
    );
    // server-side apply that creates the Application, then the sync request (merge patch)
    expect(
      await run('application', {
        serviceName: 'orders',
        namespace: 'orders',
        sync: true,
      }),
    ).toMatchObject({ result: 'applied' });
    const client = new KubernetesClient(config().kubernetes!);
    expect(
      (await client.listApplications('argocd')).map(a => a.metadata.name),
    ).toEqual(['orders']);
  });

  it('is needed as written: without create on applications the creating apply is refused, naming create', async () => {
    await start(
      MANIFEST.replace(
        'verbs: [get, list, create, patch]',
        'verbs: [get, list, patch]',
      ),
    );
    await expect(
      run('application', { serviceName: 'orders', namespace: 'orders' }),
    ).rejects.toThrow(
      /APPLY application argocd\/orders answered 403: Forbidden, without a reason: .*needs 'create' on 'applications' \(API group "argoproj\.io"\) as well as 'patch'/,
    );
  });

  it('lets no other Secret be read', async () => {
    await start(MANIFEST);
    const client = new KubernetesClient(config().kubernetes!);
    await expect(
      client.getSecret('kube-system', 'admin-token'),
    ).rejects.toThrow(
      `GET secret kube-system/admin-token answered 403: Forbidden: the API server's RBAC does not let User "system:serviceaccount:backstage:backstage" 'get' on 'secrets' (API group "") in namespace "kube-system"`,
    );
  });
});
