import { createKubernetesEnsureNamespaceAction } from './ensureNamespace';
import { examples } from './ensureNamespace.examples';
import { exampleInputs } from '../../testing/examples';
import { FakeKubernetes, startFakeKubernetes } from '../../testing/fakeKubernetes';
import { mockContext, outputsOf } from '../../testing/context';
import { KUBE_TOKEN, examplesConfig } from '../../testing/config';

describe('platform:kubernetes:ensure-namespace examples', () => {
  let kube: FakeKubernetes;
  beforeEach(async () => {
    kube = await startFakeKubernetes(KUBE_TOKEN);
  });
  afterEach(() => kube.close());

  it.each(exampleInputs(examples))('%s', async (_description, input) => {
    const config = examplesConfig({ kubernetes: { url: kube.url, token: KUBE_TOKEN, skipTLSVerify: false, timeoutMs: 5000 } });
    const ctx = mockContext(input);
    await createKubernetesEnsureNamespaceAction({ config }).handler(ctx as any);
    expect(outputsOf(ctx).namespaceResult).toBe('created');
  });
});
