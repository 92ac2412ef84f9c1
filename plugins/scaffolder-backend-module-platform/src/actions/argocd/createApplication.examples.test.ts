import { createArgoCdCreateApplicationAction } from './createApplication';
import { examples } from './createApplication.examples';
import { exampleInputs } from '../../testing/examples';
import { FakeKubernetes, startFakeKubernetes } from '../../testing/fakeKubernetes';
import { mockContext } from '../../testing/context';
import { KUBE_TOKEN, examplesConfig } from '../../testing/config';

describe('platform:argocd:create-application examples', () => {
  let kube: FakeKubernetes;
  beforeEach(async () => {
    kube = await startFakeKubernetes(KUBE_TOKEN);
  });
  afterEach(() => kube.close());

  it.each(exampleInputs(examples))('%s', async (_description, input) => {
    const config = examplesConfig({ kubernetes: { url: kube.url, token: KUBE_TOKEN, skipTLSVerify: false, timeoutMs: 5000 } });
    await createArgoCdCreateApplicationAction({ config }).handler(mockContext(input) as any);
    expect(kube.store.has(`applications/argocd/${input.serviceName}`)).toBe(true);
  });
});
