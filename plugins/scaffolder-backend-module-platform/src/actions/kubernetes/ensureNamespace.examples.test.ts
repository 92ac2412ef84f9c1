import { testWriteAccess } from '../../testing/ownership';
import { createKubernetesEnsureNamespaceAction } from './ensureNamespace';
import { examples } from './ensureNamespace.examples';
import { exampleInputs } from '../../testing/examples';
import { fakeKubernetesPerTest } from '../../testing/fakeKubernetesPerTest';
import { mockContext, outputsOf } from '../../testing/context';

describe('platform:kubernetes:ensure-namespace examples', () => {
  const fake = fakeKubernetesPerTest();

  it.each(exampleInputs(examples))('%s', async (_description, input) => {
    const ctx = mockContext(input);
    await createKubernetesEnsureNamespaceAction({
      ...testWriteAccess(),
      config: fake.config(),
    }).handler(ctx as any);
    expect(outputsOf(ctx).namespaceResult).toBe('created');
  });
});
