import {
  checkNamespaceAllowed,
  checkNamespaceBound,
  isNamespaceName,
  namespaceMatches,
  namespacePatternProblem,
  normaliseOwnerRef,
} from './namespaceBound';

const from = 'from the backstage.io/kubernetes-namespace annotation';

describe('namespace patterns', () => {
  it.each(['msa', 'svc-*', '*', 'team-*-prod', 'a', '*-web', 'x'.repeat(63)])(
    'accepts %p',
    pattern => {
      expect(namespacePatternProblem(pattern)).toBeUndefined();
    },
  );

  it.each([
    '',
    'MSA',
    'team_a',
    '-msa',
    'msa-',
    'svc-?',
    'svc-[ab]',
    'a.b',
    'ns/x',
    ' msa',
    'ünï',
    'x'.repeat(64),
    '**-',
    '.*',
  ])('refuses %p', pattern => {
    expect(namespacePatternProblem(pattern)).toEqual(expect.any(String));
  });

  it('matches exact names and globs over [a-z0-9-] only', () => {
    expect(namespaceMatches('msa', 'msa')).toBe(true);
    expect(namespaceMatches('msa', 'msa2')).toBe(false);
    expect(namespaceMatches('svc-*', 'svc-abc123')).toBe(true);
    expect(namespaceMatches('svc-*', 'svc-')).toBe(true); // never a valid name anyway: checked before matching
    expect(namespaceMatches('svc-*', 'xsvc-a')).toBe(false);
    expect(namespaceMatches('team-*-prod', 'team-a-prod')).toBe(true);
    expect(namespaceMatches('team-*-prod', 'team-a-prod-2')).toBe(false);
    expect(namespaceMatches('*', 'anything-1')).toBe(true);
    expect(namespaceMatches('svc-*', 'svc-a\nteam-b')).toBe(false);
  });

  it('knows Kubernetes namespace names', () => {
    expect(isNamespaceName('svc-abc')).toBe(true);
    expect(isNamespaceName('')).toBe(false);
    expect(isNamespaceName('svc-*')).toBe(false);
    expect(isNamespaceName('ms\u0430')).toBe(false);
    expect(isNamespaceName('a'.repeat(64))).toBe(false);
  });
});

describe('normaliseOwnerRef', () => {
  it.each([
    ['team-a', 'default', 'group:default/team-a'],
    ['team-a', 'ops', 'group:ops/team-a'],
    ['Group:Default/Team-A', 'default', 'group:default/team-a'],
    ['user:jane.doe', 'default', 'user:default/jane.doe'],
    ['infra/team-b', 'default', 'group:infra/team-b'],
  ])('%p in %p -> %p', (ref, ns, expected) => {
    expect(normaliseOwnerRef(ref, ns)).toBe(expected);
  });

  it.each([
    '',
    'group:',
    ':x',
    'group:default/',
    'a/b/c',
    'group:default/team a',
    'gr*up:team',
  ])('refuses %p', ref => {
    expect(normaliseOwnerRef(ref)).toBeUndefined();
  });
});

describe('checkNamespaceBound', () => {
  const allowed = { allowedNamespaces: ['msa', 'svc-*'] };

  it('allows everything when no bound is set', () => {
    expect(checkNamespaceBound({}, { namespace: 'team-b', from })).toEqual({
      ok: true,
    });
    expect(checkNamespaceBound({}, { namespace: '*', from })).toEqual({
      ok: true,
    });
  });

  it('allows listed names and glob matches', () => {
    expect(checkNamespaceBound(allowed, { namespace: 'msa', from })).toEqual({
      ok: true,
    });
    expect(
      checkNamespaceBound(allowed, { namespace: 'svc-l2x9abc', from }),
    ).toEqual({ ok: true });
  });

  it.each([
    [
      'another namespace',
      'team-b',
      /'team-b'.*platform\.scope\.allowedNamespaces allows msa, svc-\*/,
    ],
    ['a glob as the value', 'svc-*', /not a Kubernetes namespace name/],
    ['a bare star', '*', /not a Kubernetes namespace name/],
    ['a prefix star', 'msa*', /not a Kubernetes namespace name/],
    [
      'a Cyrillic look-alike',
      'ms\u0430',
      /'ms\\u\{430\}' .*not a Kubernetes namespace name/,
    ],
    ['a zero-width space', 'msa\u200b', /'msa\\u\{200b\}'/],
    ['an emoji', 'svc-🚀', /'svc-\\u\{1f680\}'/],
    ['upper case', 'MSA', /not a Kubernetes namespace name/],
    ['empty', '', /'' .*not a Kubernetes namespace name/],
    ['a comma list', 'msa,team-b', /not a Kubernetes namespace name/],
    [
      'a query breaker',
      'msa"} or {namespace="team-b',
      /not a Kubernetes namespace name/,
    ],
    ['a newline', 'svc-a\nteam-b', /'svc-a\\u\{a\}team-b'/],
    [
      'a name too long for Kubernetes',
      `svc-${'a'.repeat(60)}`,
      /not a Kubernetes namespace name/,
    ],
    ['a quote', "msa'", /'msa\\u\{27\}'/],
  ])('refuses %s', (_what, namespace, message) => {
    const result = checkNamespaceBound(allowed, { namespace, from });
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(message),
    });
  });

  it('cuts very long values in the message', () => {
    const result = checkNamespaceBound(allowed, {
      namespace: 'x'.repeat(10_000),
      from,
    });
    expect(!result.ok && result.message.length).toBeLessThan(400);
  });

  describe('by owner', () => {
    const byOwner = {
      namespacesByOwner: {
        'group:default/team-a': ['team-a', 'team-a-*'],
        'group:default/platform-team': ['msa', 'svc-*'],
      },
    };

    it('lets an owner select its own namespaces, with the owner ref resolved like the catalog does', () => {
      expect(
        checkNamespaceBound(byOwner, {
          namespace: 'team-a-web',
          from,
          owner: 'team-a',
        }),
      ).toEqual({ ok: true });
      expect(
        checkNamespaceBound(byOwner, {
          namespace: 'team-a',
          from,
          owner: 'Group:default/Team-A',
        }),
      ).toEqual({ ok: true });
      expect(
        checkNamespaceBound(byOwner, {
          namespace: 'svc-x',
          from,
          owner: 'group:default/platform-team',
        }),
      ).toEqual({ ok: true });
    });

    it("refuses another owner's namespace, naming the owner's key", () => {
      expect(
        checkNamespaceBound(byOwner, {
          namespace: 'msa',
          from,
          owner: 'team-a',
        }),
      ).toEqual({
        ok: false,
        message: expect.stringContaining(
          `platform.scope.namespacesByOwner["group:default/team-a"] allows team-a, team-a-*`,
        ),
      });
    });

    it('refuses unlisted, missing and malformed owners, and a default namespace that changes the owner', () => {
      expect(
        checkNamespaceBound(byOwner, {
          namespace: 'team-a',
          from,
          owner: 'team-b',
        }),
      ).toEqual({
        ok: false,
        message: expect.stringContaining(
          `the owner 'group:default/team-b' is not listed in platform.scope.namespacesByOwner`,
        ),
      });
      expect(
        checkNamespaceBound(byOwner, { namespace: 'team-a', from }),
      ).toEqual({
        ok: false,
        message: expect.stringContaining('no valid spec.owner'),
      });
      expect(
        checkNamespaceBound(byOwner, {
          namespace: 'team-a',
          from,
          owner: 'group:default/team a',
        }),
      ).toMatchObject({ ok: false });
      // A short owner ref resolves in the entity's catalog namespace: `team-a` in namespace `other` is someone else.
      expect(
        checkNamespaceBound(byOwner, {
          namespace: 'team-a',
          from,
          owner: 'team-a',
          entityNamespace: 'other',
        }),
      ).toEqual({
        ok: false,
        message: expect.stringContaining(`'group:other/team-a' is not listed`),
      });
    });

    it('applies allowedNamespaces as well when both are set', () => {
      const both = { ...byOwner, allowedNamespaces: ['team-a'] };
      expect(
        checkNamespaceBound(both, {
          namespace: 'team-a',
          from,
          owner: 'team-a',
        }),
      ).toEqual({ ok: true });
      expect(
        checkNamespaceBound(both, {
          namespace: 'team-a-web',
          from,
          owner: 'team-a',
        }),
      ).toEqual({
        ok: false,
        message: expect.stringContaining(
          'platform.scope.allowedNamespaces allows team-a',
        ),
      });
    });
  });
});

describe('checkNamespaceAllowed', () => {
  const input = (namespace: string) => ({
    namespace,
    from: 'from the argocd/app-namespace annotation',
    configKey: 'platform.argocd.allowedAppNamespaces',
  });

  it('allows exact names and glob matches of its own list', () => {
    expect(
      checkNamespaceAllowed(['argocd', 'team-*-apps'], input('argocd')),
    ).toEqual({ ok: true });
    expect(
      checkNamespaceAllowed(['argocd', 'team-*-apps'], input('team-a-apps')),
    ).toEqual({ ok: true });
  });

  it('names the value, where it came from, the key and what it allows', () => {
    expect(checkNamespaceAllowed(['argocd'], input('team-apps'))).toEqual({
      ok: false,
      message:
        "Namespace 'team-apps' (from the argocd/app-namespace annotation) is not allowed: platform.argocd.allowedAppNamespaces allows argocd",
    });
  });

  it.each([
    '*',
    'team-*-apps',
    'ARGOCD',
    'argocd\u200b',
    'argocd/../x',
    '',
    'a'.repeat(64),
  ])(
    'never matches %p, which is not a namespace name, even against a bare star',
    namespace => {
      expect(checkNamespaceAllowed(['*'], input(namespace))).toEqual({
        ok: false,
        message: expect.stringContaining('is not a Kubernetes namespace name'),
      });
    },
  );
});
