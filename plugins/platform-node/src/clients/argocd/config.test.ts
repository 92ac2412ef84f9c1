import { ConfigReader } from '@backstage/config';
import { readPlatformConfig } from '../../config/readPlatformConfig';

describe('readPlatformConfig: Argo CD app namespaces', () => {
  const argocd = (settings: Record<string, unknown>) =>
    readPlatformConfig(
      new ConfigReader({
        platform: {
          argocd: {
            instances: [
              { name: 'main', url: 'http://argocd.test', token: 't' },
            ],
            ...settings,
          },
        },
      }),
    ).argocd!;

  it('allows only the Argo CD namespace when allowedAppNamespaces is unset', () => {
    expect(argocd({})).toMatchObject({
      kubernetesNamespace: 'argocd',
      allowedAppNamespaces: ['argocd'],
    });
    expect(argocd({ kubernetesNamespace: 'gitops' })).toMatchObject({
      kubernetesNamespace: 'gitops',
      allowedAppNamespaces: ['gitops'],
    });
  });

  it('reads names and globs as given (the Argo CD namespace is not added)', () => {
    expect(
      argocd({ allowedAppNamespaces: ['team-*-apps', 'payments'] })
        .allowedAppNamespaces,
    ).toEqual(['team-*-apps', 'payments']);
  });

  it.each([
    [
      { allowedAppNamespaces: [] },
      /'platform\.argocd\.allowedAppNamespaces': expected a non-empty list .*leave the key out to allow only platform\.argocd\.kubernetesNamespace \('argocd'\)/,
    ],
    [
      { allowedAppNamespaces: 'argocd' },
      /'platform\.argocd\.allowedAppNamespaces': expected a non-empty list/,
    ],
    [
      { allowedAppNamespaces: ['argocd', 'team.*'] },
      /'platform\.argocd\.allowedAppNamespaces\[1\]': 'team\.\*' is neither a Kubernetes namespace name nor a simple glob/,
    ],
    [
      { kubernetesNamespace: 'Argo_CD' },
      /'platform\.argocd\.kubernetesNamespace': 'Argo_CD' is not a Kubernetes namespace name/,
    ],
  ])('refuses %j at start-up, naming the key', (settings, message) => {
    expect(() => argocd(settings)).toThrow(message);
  });
});
