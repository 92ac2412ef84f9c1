import { testWriteAccess } from '../../testing/ownership';
import { createArgoCdCreateApplicationAction } from './createApplication';
import { examples } from './createApplication.examples';
import { exampleInputs } from '../../testing/examples';
import { fakeKubernetesPerTest } from '../../testing/fakeKubernetesPerTest';
import { mockContext } from '../../testing/context';

describe('platform:argocd:create-application examples', () => {
  const fake = fakeKubernetesPerTest();

  it.each(exampleInputs(examples))('%s', async (_description, input) => {
    await createArgoCdCreateApplicationAction({
      ...testWriteAccess(),
      config: fake.config(),
    }).handler(mockContext(input) as any);
    expect(
      fake.kube().store.has(`applications/argocd/${input.serviceName}`),
    ).toBe(true);
  });
});
