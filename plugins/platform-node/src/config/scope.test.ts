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
