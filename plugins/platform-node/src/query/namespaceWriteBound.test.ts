import {
  checkNamespaceWritable,
  isSystemNamespace,
} from './namespaceWriteBound';

describe('checkNamespaceWritable', () => {
  const owner = 'group:default/team-a';

  it.each([
    'kube-system',
    'kube-public',
    'kube-node-lease',
    'default',
    'istio-system',
    'openshift-monitoring',
    'argocd',
  ])(
    'refuses the system namespace %s even when a glob allows everything',
    namespace => {
      const verdict = checkNamespaceWritable(
        { allowedNamespaces: ['*'] },
        { namespace, owner, argocdNamespace: 'argocd' },
      );
      expect(verdict).toEqual({
        ok: false,
        message: expect.stringContaining(
          `'${namespace}' is a system namespace`,
        ),
      });
    },
  );

  it('allows a system namespace the operator names exactly (globally or for the owner)', () => {
    expect(
      checkNamespaceWritable(
        { allowedNamespaces: ['monitoring'] },
        { namespace: 'monitoring', owner },
      ),
    ).toEqual({ ok: true });
    expect(
      checkNamespaceWritable(
        { namespacesByOwner: { [owner]: ['default'] } },
        { namespace: 'default', owner: 'team-a' },
      ),
    ).toEqual({ ok: true });
    expect(
      checkNamespaceWritable(
        { namespacesByOwner: { [owner]: ['default'] } },
        { namespace: 'default', owner: 'group:default/team-b' },
      ).ok,
    ).toBe(false);
  });

  it('applies the read bound: allowedNamespaces and namespacesByOwner', () => {
    const bound = {
      allowedNamespaces: ['svc-*'],
      namespacesByOwner: { [owner]: ['svc-a-*'] },
    };
    expect(
      checkNamespaceWritable(bound, { namespace: 'svc-a-1', owner }),
    ).toEqual({ ok: true });
    expect(
      checkNamespaceWritable(bound, { namespace: 'svc-b-1', owner }),
    ).toEqual({
      ok: false,
      message: expect.stringContaining(
        "not allowed for the owner 'group:default/team-a'",
      ),
    });
    expect(
      checkNamespaceWritable(bound, { namespace: 'payments', owner }),
    ).toEqual({
      ok: false,
      message: expect.stringContaining(
        'platform.scope.allowedNamespaces allows svc-*',
      ),
    });
  });

  it('allows any other namespace when no bound is configured (the module warns at start-up)', () => {
    expect(checkNamespaceWritable({}, { namespace: 'team-a', owner })).toEqual({
      ok: true,
    });
    expect(isSystemNamespace('team-a')).toBe(false);
  });
});
