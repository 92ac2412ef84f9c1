import { ConfigReader } from '@backstage/config';
import { readPlatformConfig } from './readPlatformConfig';
import { SCOPE_DEFAULTS } from './scope';

const read = (scope: unknown) =>
  readPlatformConfig(new ConfigReader({ platform: { scope } as any }));

describe('readPlatformConfig: namespace bound', () => {
  it('is open (undefined) when unset', () => {
    const { scope } = read({});
    expect(scope.allowedNamespaces).toBeUndefined();
    expect(scope.namespacesByOwner).toBeUndefined();
    expect(readPlatformConfig(new ConfigReader({})).scope).toEqual(
      SCOPE_DEFAULTS,
    );
  });

  it('reads names and globs, and owner refs normalised like the catalog resolves spec.owner', () => {
    const { scope } = read({
      allowedNamespaces: ['msa', 'svc-*'],
      namespacesByOwner: {
        'group:default/team-a': ['team-a', 'team-a-*'],
        'Platform-Team': ['msa'],
        'user:ops/jane': ['*'],
      },
    });
    expect(scope.allowedNamespaces).toEqual(['msa', 'svc-*']);
    expect(scope.namespacesByOwner).toEqual({
      'group:default/team-a': ['team-a', 'team-a-*'],
      'group:default/platform-team': ['msa'],
      'user:ops/jane': ['*'],
    });
  });

  it.each([
    [
      { allowedNamespaces: [] },
      /platform\.scope\.allowedNamespaces': expected a non-empty list/,
    ],
    [
      { allowedNamespaces: 'msa' },
      /platform\.scope\.allowedNamespaces': expected a non-empty list/,
    ],
    [
      { allowedNamespaces: ['msa', 'Team_B'] },
      /platform\.scope\.allowedNamespaces\[1\]': 'Team_B' is neither a Kubernetes namespace name nor a simple glob/,
    ],
    [{ allowedNamespaces: ['svc-.*'] }, /allowedNamespaces\[0\]'.*simple glob/],
    [
      { allowedNamespaces: [42] },
      /allowedNamespaces\[0\]': expected a namespace name or glob, got number/,
    ],
    [
      { namespacesByOwner: ['team-a'] },
      /platform\.scope\.namespacesByOwner': expected a map of owner entity ref/,
    ],
    [{ namespacesByOwner: {} }, /namespacesByOwner': list at least one owner/],
    [
      { namespacesByOwner: { 'group:default/team a': ['x'] } },
      /'group:default\/team a' is not an entity ref/,
    ],
    [
      {
        namespacesByOwner: {
          'team-a': ['team-a'],
          'group:default/team-a': ['x'],
        },
      },
      /names the owner group:default\/team-a twice/,
    ],
    [
      { namespacesByOwner: { 'team-a': [] } },
      /namespacesByOwner\["team-a"\]': expected a non-empty list/,
    ],
    [
      { namespacesByOwner: { 'team-a': ['team-a', 'a/b'] } },
      /namespacesByOwner\["team-a"\]\[1\]': 'a\/b'/,
    ],
  ])('refuses %j at start-up, naming the key', (scope, message) => {
    expect(() => read(scope)).toThrow(message);
  });
});

describe('readPlatformConfig: Loki and Tempo tenants', () => {
  const source = (name: 'loki' | 'tempo', settings: Record<string, unknown>) =>
    readPlatformConfig(
      new ConfigReader({
        platform: { [name]: { url: `http://${name}.test`, ...settings } },
      }),
    )[name]!;

  it.each(['loki', 'tempo'] as const)(
    '%s: tenant alone is the default and the only allowed tenant',
    name => {
      const parsed = source(name, { tenant: 'team-a' });
      expect(parsed.tenant).toBe('team-a');
      expect(parsed.tenants).toEqual(['team-a']);
      expect(parsed.headers).toEqual({ 'X-Scope-OrgID': 'team-a' });
    },
  );

  it.each(['loki', 'tempo'] as const)(
    '%s: no tenant at all sends no X-Scope-OrgID and allows none',
    name => {
      const parsed = source(name, {});
      expect(parsed.tenant).toBeUndefined();
      expect(parsed.tenants).toEqual([]);
      expect(parsed.headers).toEqual({});
    },
  );

  it.each(['loki', 'tempo'] as const)(
    '%s: tenants adds allowed tenants; tenant stays the default (listed or not)',
    name => {
      expect(
        source(name, { tenant: 'team-a', tenants: ['team-b', "c!-_.*'()|d"] }),
      ).toMatchObject({
        tenant: 'team-a',
        tenants: ['team-a', 'team-b', "c!-_.*'()|d"],
        headers: { 'X-Scope-OrgID': 'team-a' },
      });
      expect(
        source(name, { tenant: 'team-b', tenants: ['team-a', 'team-b'] }),
      ).toMatchObject({
        tenant: 'team-b',
        tenants: ['team-b', 'team-a'],
      });
    },
  );

  it('without tenant, the first of tenants is the default', () => {
    expect(source('loki', { tenants: ['team-b', 'team-a'] })).toMatchObject({
      tenant: 'team-b',
      tenants: ['team-b', 'team-a'],
      headers: { 'X-Scope-OrgID': 'team-b' },
    });
  });

  it.each([
    [
      { tenant: 'team a' },
      /'platform\.loki\.tenant': a tenant id is 1-150 of .*, got 'team a'/,
    ],
    [{ tenant: 'x'.repeat(151) }, /'platform\.loki\.tenant': a tenant id/],
    [
      { tenant: 'team-a\r\nX-Evil: 1' },
      /'platform\.loki\.tenant': a tenant id/,
    ],
    [
      { tenants: [] },
      /'platform\.loki\.tenants': expected a non-empty list of tenant ids/,
    ],
    [
      { tenants: 'team-a' },
      /'platform\.loki\.tenants': expected a non-empty list of tenant ids/,
    ],
    [
      { tenants: ['team-a', 'team/b'] },
      /'platform\.loki\.tenants\[1\]': a tenant id is .*, got 'team\/b'/,
    ],
    [
      { tenants: ['team-a', ''] },
      /'platform\.loki\.tenants\[1\]': a tenant id/,
    ],
    [
      { tenants: ['team-a', 42] },
      /'platform\.loki\.tenants\[1\]': a tenant id .*, got number/,
    ],
    [
      { tenants: ['team-a', 'ms\u0430'] },
      /'platform\.loki\.tenants\[1\]': a tenant id/,
    ],
    [
      { tenants: ['team-a', 'team-b', 'team-a'] },
      /'platform\.loki\.tenants\[2\]': tenant 'team-a' is listed twice/,
    ],
  ])('refuses %j at start-up, naming the key', (settings, message) => {
    expect(() => source('loki', settings)).toThrow(message);
  });

  it('validates platform.tempo.tenants the same way', () => {
    expect(() => source('tempo', { tenants: ['a', 'a'] })).toThrow(
      /'platform\.tempo\.tenants\[1\]': tenant 'a' is listed twice/,
    );
    expect(() => source('tempo', { tenant: 'a b' })).toThrow(
      /'platform\.tempo\.tenant': a tenant id/,
    );
  });
});

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

describe('readPlatformConfig: Grafana datasource per tenant', () => {
  const grafana = (
    settings: Record<string, unknown>,
    tenants: string[] = ['team-b', 'team-c'],
  ) =>
    readPlatformConfig(
      new ConfigReader({
        platform: {
          loki: { url: 'http://loki.test', tenant: 'team-a', tenants },
          tempo: {
            url: 'http://tempo.test',
            tenant: 'tracing',
            tenants: ['team-b'],
          },
          grafana: { url: 'https://grafana.test', ...settings },
        },
      }),
    ).grafana!;

  it('is unset unless configured', () => {
    expect(grafana({ lokiDatasourceUid: 'loki' })).toMatchObject({
      lokiDatasourceUid: 'loki',
      lokiDatasourceUids: undefined,
      tempoDatasourceUids: undefined,
    });
  });

  it('reads tenant -> uid maps, keys being tenant ids that are not config key segments', () => {
    const parsed = grafana(
      {
        lokiDatasourceUids: { 'team-b': 'loki-team-b', "c.(d)'": 'loki_c' },
        tempoDatasourceUids: { tracing: 'tempo-default' },
      },
      ['team-b', "c.(d)'"],
    );
    expect(parsed.lokiDatasourceUids).toEqual({
      'team-b': 'loki-team-b',
      "c.(d)'": 'loki_c',
    });
    expect(parsed.tempoDatasourceUids).toEqual({ tracing: 'tempo-default' });
  });

  it.each([
    [
      { lokiDatasourceUids: ['loki'] },
      /'platform\.grafana\.lokiDatasourceUids': expected a map of tenant id to Grafana datasource uid/,
    ],
    [
      { lokiDatasourceUids: { 'team-z': 'x' } },
      /'platform\.grafana\.lokiDatasourceUids\["team-z"\]': 'team-z' is not one of platform\.loki\.tenants \(team-a, team-b, team-c\)/,
    ],
    [
      { tempoDatasourceUids: { 'team-c': 'x' } },
      /'platform\.grafana\.tempoDatasourceUids\["team-c"\]': 'team-c' is not one of platform\.tempo\.tenants \(tracing, team-b\)/,
    ],
    [
      { lokiDatasourceUids: { 'team-b': 'has space' } },
      /lokiDatasourceUids\["team-b"\]': a Grafana datasource uid is 1-40 of .*, got 'has space'/,
    ],
    [
      { lokiDatasourceUids: { 'team-b': 'x'.repeat(41) } },
      /lokiDatasourceUids\["team-b"\]': a Grafana datasource uid/,
    ],
    [
      { lokiDatasourceUids: { 'team-b': 7 } },
      /lokiDatasourceUids\["team-b"\]': a Grafana datasource uid .*, got number/,
    ],
  ])('refuses %j at start-up, naming the key', (settings, message) => {
    expect(() => grafana(settings)).toThrow(message);
  });

  it('refuses per-tenant uids for a source that is not configured', () => {
    expect(() =>
      readPlatformConfig(
        new ConfigReader({
          platform: {
            grafana: {
              url: 'https://grafana.test',
              tempoDatasourceUids: { a: 'b' },
            },
          },
        }),
      ),
    ).toThrow(
      /'platform\.grafana\.tempoDatasourceUids\["a"\]': 'a' is not one of platform\.tempo\.tenants \(none configured\)/,
    );
  });
});

describe('readPlatformConfig: scope labels', () => {
  it('defaults every scope key: Loki and alerts `namespace`, Tempo the OpenTelemetry k8s.namespace.name', () => {
    const { scope } = read({});
    expect(scope.lokiNamespaceLabel).toBe('namespace');
    expect(scope.alertNamespaceLabel).toBe('namespace');
    expect(scope.tempoNamespaceAttribute).toBe('k8s.namespace.name');
  });

  it('takes a configured name', () => {
    const { scope } = read({
      lokiNamespaceLabel: 'k8s_ns',
      alertNamespaceLabel: 'ns',
      tempoNamespaceAttribute: 'service.namespace',
    });
    expect(scope).toMatchObject({
      lokiNamespaceLabel: 'k8s_ns',
      alertNamespaceLabel: 'ns',
      tempoNamespaceAttribute: 'service.namespace',
    });
  });

  it('is switched off only by an explicit false', () => {
    const { scope } = read({
      lokiNamespaceLabel: false,
      alertNamespaceLabel: false,
      tempoNamespaceAttribute: false,
    });
    expect(scope.lokiNamespaceLabel).toBeUndefined();
    expect(scope.alertNamespaceLabel).toBeUndefined();
    expect(scope.tempoNamespaceAttribute).toBeUndefined();
  });

  it.each([
    'lokiNamespaceLabel',
    'alertNamespaceLabel',
    'tempoNamespaceAttribute',
  ])(
    '%s: an empty string (e.g. an unset ${VAR}), true or a bad name stops start-up naming the key and how to switch off',
    key => {
      for (const value of ['', true, 'a" || true', 42]) {
        expect(() => read({ [key]: value })).toThrow(
          `Invalid config at 'platform.scope.${key}'`,
        );
      }
      expect(() => read({ [key]: '' })).toThrow(
        /or false to switch the namespace scope off, got ""/,
      );
    },
  );
});

describe('platform.prometheus.redSource', () => {
  it.each(['istio', 'spanmetrics', 'linkerd'])('accepts %s', redSource => {
    const config = readPlatformConfig(
      new ConfigReader({
        platform: { prometheus: { url: 'http://prom.test', redSource } },
      }),
    );
    expect(config.prometheus?.redSource).toBe(redSource);
  });

  it('refuses another value, naming what is allowed', () => {
    expect(() =>
      readPlatformConfig(
        new ConfigReader({
          platform: {
            prometheus: { url: 'http://prom.test', redSource: 'kuma' },
          },
        }),
      ),
    ).toThrow(/platform\.prometheus\.redSource.*istio.*spanmetrics.*linkerd/);
  });
});

describe('readPlatformConfig: Kiali', () => {
  const kiali = (settings: Record<string, string> | undefined) =>
    readPlatformConfig(
      new ConfigReader({ platform: settings ? { kiali: settings } : {} }),
    ).kiali;

  it('is off unless configured, and keeps the web root without a trailing slash', () => {
    expect(kiali(undefined)).toBeUndefined();
    expect(kiali({ url: 'https://kiali.example.com/kiali/' })).toEqual({
      url: 'https://kiali.example.com/kiali',
    });
  });

  it.each([
    [{}, /'platform\.kiali\.url'/],
    [
      { url: 'kiali.example.com' },
      /'platform\.kiali\.url': expected an absolute http\(s\) URL/,
    ],
    [
      { url: 'javascript:alert(1)' },
      /'platform\.kiali\.url': expected an http or https URL/,
    ],
    [
      { url: 'https://admin:pw@kiali.example.com' },
      /'platform\.kiali\.url': credentials must not be part of the URL/,
    ],
  ])('refuses %j at start-up, naming the key', (settings, message) => {
    expect(() => kiali(settings)).toThrow(message);
  });
});
