import { ScaffolderConfig } from '@paved-road/backstage-plugin-platform-node';
import { KUBE_TOKEN, examplesConfig } from './config';
import { FakeKubernetes, startFakeKubernetes } from './fakeKubernetes';

/**
 * Starts a fake Kubernetes API before each test of the enclosing `describe` and closes it after;
 * `config()` is the examples config with `kubernetes` pointing at it.
 */
export function fakeKubernetesPerTest(): {
  kube(): FakeKubernetes;
  config(): ScaffolderConfig;
} {
  let kube: FakeKubernetes | undefined;
  beforeEach(async () => {
    kube = await startFakeKubernetes(KUBE_TOKEN);
  });
  afterEach(() => kube?.close());
  const current = () => {
    if (!kube) throw new Error('fakeKubernetesPerTest: used outside a test');
    return kube;
  };
  return {
    kube: current,
    config: () =>
      examplesConfig({
        kubernetes: {
          url: current().url,
          token: KUBE_TOKEN,
          skipTLSVerify: false,
          timeoutMs: 5000,
        },
      }),
  };
}
