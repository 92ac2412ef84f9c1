// The sandbox is a sibling workspace package used only by this test.
/* eslint-disable @backstage/no-relative-monorepo-imports */
import { createKubernetesHandler } from '../../../../../sandbox/src/kubernetes/server';
import { KubeStore } from '../../../../../sandbox/src/kubernetes/store';
import {
  mount,
  type Mounted,
} from '../../../../../sandbox/src/testing/helpers';
/* eslint-enable @backstage/no-relative-monorepo-imports */
import { KUBERNETES_FIELD_MANAGER, KubernetesClient } from './KubernetesClient';
import { ArgoApplicationResource } from './types';

const TOKEN = 'sandbox-kube-token';

const application = (revision: string): ArgoApplicationResource => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'orders', namespace: 'argocd' },
  spec: {
    project: 'msa',
    source: {
      repoURL: 'https://git.example/msa_deploy.git',
      targetRevision: revision,
    },
    destination: { namespace: 'orders' },
  },
});

describe('KubernetesClient against the sandbox Kubernetes simulator', () => {
  let m: Mounted;
  let store: KubeStore;
  let client: KubernetesClient;

  beforeEach(async () => {
    store = new KubeStore();
    m = await mount(
      createKubernetesHandler({
        store,
        token: TOKEN,
        accounts: [
          {
            token: 'read-only',
            user: 'system:serviceaccount:backstage:backstage',
            rules: [{ verbs: ['get', 'list'], resources: ['*'] }],
          },
        ],
      }),
    );
    client = new KubernetesClient({
      url: m.url,
      token: TOKEN,
      skipTLSVerify: false,
      timeoutMs: 5000,
    });
  });
  afterEach(() => m.close());

  const managersOf = (object: { metadata: Record<string, unknown> }) =>
    (
      (object.metadata.managedFields as
        | Array<{ manager: string; operation: string }>
        | undefined) ?? []
    ).map(e => `${e.manager}/${e.operation}`);

  it('names its field manager on every create and merge patch, so managedFields do not say node-fetch', async () => {
    await client.createNamespace({
      metadata: { name: 'argocd', labels: { a: '1' } },
    });
    await client.mergePatchNamespace('argocd', {
      metadata: { labels: { b: '2' } },
    });
    await client.createSecret('argocd', {
      metadata: { name: 'pull' },
      type: 'Opaque',
      data: { k: Buffer.from('v').toString('base64') },
    });
    await client.mergePatchSecret('argocd', 'pull', {
      data: { k: Buffer.from('w').toString('base64') },
    });
    await client.createApplication('argocd', application('main'));
    await client.mergePatchApplication('argocd', 'orders', {
      operation: { initiatedBy: { username: 'backstage' } },
    });
    const expected = [`${KUBERNETES_FIELD_MANAGER}/Update`];
    expect(managersOf((await client.getNamespace('argocd'))!)).toEqual(
      expected,
    );
    expect(managersOf((await client.getSecret('argocd', 'pull'))!)).toEqual(
      expected,
    );
    expect(
      managersOf((await client.getApplication('argocd', 'orders'))!),
    ).toEqual(expected);
  });

  it('records a server-side apply under the field manager it is given', async () => {
    await client.createNamespace({ metadata: { name: 'argocd' } });
    await client.applyApplication('argocd', application('main'), {
      fieldManager: KUBERNETES_FIELD_MANAGER,
    });
    expect(
      managersOf((await client.getApplication('argocd', 'orders'))!),
    ).toEqual([`${KUBERNETES_FIELD_MANAGER}/Apply`]);
  });

  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (e: Error) => e.message,
    );
  const withToken = (token: string) =>
    new KubernetesClient({
      url: m.url,
      token,
      skipTLSVerify: false,
      timeoutMs: 5000,
    });

  it('names the refused verb, resource, scope and user of a 403, and where the RBAC rules are', async () => {
    expect(
      await failureOf(
        withToken('read-only').createNamespace({ metadata: { name: 'x' } }),
      ),
    ).toBe(
      "kubernetes: CREATE namespace x answered 403: Forbidden: the API server's RBAC does not let User \"system:serviceaccount:backstage:backstage\" 'create' on 'namespaces' (API group \"\") at the cluster scope; grant it in the backend service account's Role/ClusterRole (deploy/kubernetes/backstage-platform-rbac.yaml has every rule the platform needs)",
    );
    expect(
      await failureOf(
        withToken('read-only').mergePatchApplication('argocd', 'orders', {
          operation: {},
        }),
      ),
    ).toMatch(
      /^kubernetes: PATCH application argocd\/orders answered 403: Forbidden: .* 'patch' on 'applications' \(API group "argoproj\.io"\) in namespace "argocd";/,
    );
  });

  it('explains a 401 (whose body client-node drops) with the token key and what the call needed', async () => {
    expect(
      await failureOf(withToken('expired').getSecret('orders', 'pull')),
    ).toBe(
      'kubernetes: GET secret orders/pull answered 401: Unauthorized: the API server did not accept the bearer token of platform.kubernetes.token (expired, revoked, or for another cluster); it was needed to \'get\' on \'secrets\' (API group "") in namespace "orders"',
    );
  });
});
