// The sandbox's Kubernetes simulator answers an apply conflict as kube-apiserver does (409 Conflict with one
// FieldManagerConflict cause per field); the fake used by the other tests does not model field managers.
/* eslint-disable @backstage/no-relative-monorepo-imports */
import { createKubernetesHandler } from '../../../../../sandbox/src/kubernetes/server';
import { NAMESPACES } from '../../../../../sandbox/src/kubernetes/resources';
import { KubeStore } from '../../../../../sandbox/src/kubernetes/store';
import {
  mount,
  type Mounted,
} from '../../../../../sandbox/src/testing/helpers';
/* eslint-enable @backstage/no-relative-monorepo-imports */
import { testOwnership } from '../../testing/ownership';
import { mockContext } from '../../testing/context';
import { KUBE_TOKEN, testConfig } from '../../testing/config';
import { createArgoCdCreateApplicationAction } from './createApplication';

const APP = '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/orders';
const input = {
  serviceName: 'orders',
  entityRef: 'component:default/orders',
  namespace: 'msa',
};

describe('platform:argocd:create-application: server-side apply conflicts', () => {
  let m: Mounted;
  const make = () =>
    createArgoCdCreateApplicationAction({
      ownership: testOwnership(),
      config: testConfig({ gitHost: 'git.test', kubernetesUrl: m.url }),
    });
  const kubectl = (body: unknown, query: string) =>
    fetch(`${m.url}${APP}${query}`, {
      method: 'PATCH',
      headers: {
        Authorization: `Bearer ${KUBE_TOKEN}`,
        'Content-Type': 'application/merge-patch+json',
      },
      body: JSON.stringify(body),
    }).then(r => r.json());
  const read = () =>
    fetch(`${m.url}${APP}`, {
      headers: { Authorization: `Bearer ${KUBE_TOKEN}` },
    }).then(r => r.json());

  beforeEach(async () => {
    const store = new KubeStore();
    store.create(
      NAMESPACES,
      undefined,
      { metadata: { name: 'argocd' } },
      { manager: 'sandbox' },
    );
    m = await mount(createKubernetesHandler({ store, token: KUBE_TOKEN }));
    // the platform applies the Application, then someone edits two of its fields by hand
    await make().handler(mockContext(input) as any);
    const edited = await kubectl(
      { spec: { project: 'hotfix', source: { targetRevision: 'release-1' } } },
      '?fieldManager=kubectl-edit',
    );
    if (edited.spec?.source?.targetRevision !== 'release-1') {
      throw new Error(`the hand edit did not land: ${JSON.stringify(edited)}`);
    }
  });
  afterEach(() => m.close());

  it('fails the run naming the fields, the manager and what to do, and changes nothing', async () => {
    const ctx = mockContext(input);
    const error = await make()
      .handler(ctx as any)
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toBe(
      `Argo CD Application 'argocd/orders': server-side apply conflicts with another field manager, who changed 2 fields this template sets: "kubectl-edit" (using argoproj.io/v1alpha1): .spec.project, .spec.source.targetRevision. ` +
        `Nothing was changed. Either undo that change (or hand the fields back, e.g. apply them with 'kubectl apply --server-side --field-manager=backstage-platform') and run the template again, or, if the template's values must win, run it again with the input forceConflicts: true, which overwrites those fields (unsafe: the other manager's change is lost, and a controller that owns them may change them back).`,
    );
    const app = await read();
    expect(app.spec).toMatchObject({
      project: 'hotfix',
      source: { targetRevision: 'release-1' },
    });
  });

  it('with forceConflicts: true re-applies with force, logs it loudly, and takes the fields over', async () => {
    const ctx = mockContext({ ...input, forceConflicts: true });
    const warn = jest.spyOn(ctx.logger, 'warn');
    await make().handler(ctx as any);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^AUDIT forceConflicts: .+ forced the server-side apply of Argo CD Application 'argocd\/orders', taking over fields from other field managers: "kubectl-edit" \(using argoproj\.io\/v1alpha1\): \.spec\.project, \.spec\.source\.targetRevision$/,
      ),
    );
    const app = await read();
    expect(app.spec).toMatchObject({
      project: 'default',
      source: { targetRevision: 'main' },
    });
    const owners = (
      app.metadata.managedFields as Array<{
        manager: string;
        fieldsV1: { 'f:spec'?: Record<string, unknown> };
      }>
    ).filter(e => e.fieldsV1['f:spec']);
    expect(owners.map(e => e.manager)).toEqual(['backstage-platform']);
  });

  it('forceConflicts changes nothing when there is no conflict (no force sent, no warning)', async () => {
    await kubectl(
      { spec: { project: 'default', source: { targetRevision: 'main' } } },
      '?fieldManager=kubectl-edit',
    );
    const ctx = mockContext({ ...input, forceConflicts: true });
    const warn = jest.spyOn(ctx.logger, 'warn');
    await make().handler(ctx as any);
    expect(warn).not.toHaveBeenCalled();
  });
});
