import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { readPlatformConfig } from '@paved-road/backstage-plugin-platform-node';
import { demoEntity } from '../__testUtils__/fakePlatform';
import {
  alertTarget,
  argoTarget,
  buildTarget,
  logTarget,
  metricsTarget,
  traceTarget,
} from './entityTargets';

function config(scope: Record<string, unknown>) {
  return readPlatformConfig(
    new ConfigReader({
      platform: {
        scope: {
          lokiNamespaceLabel: 'namespace',
          alertNamespaceLabel: 'namespace',
          tempoNamespaceAttribute: 'k8s.namespace.name',
          ...scope,
        },
        argocd: {
          instances: [{ name: 'main', url: 'http://argocd.test', token: 't' }],
        },
        prometheus: { url: 'http://prometheus.test' },
        alertmanager: { url: 'http://alertmanager.test' },
        loki: { url: 'http://loki.test' },
        tempo: { url: 'http://tempo.test' },
        jenkins: {
          instances: [
            {
              name: 'ci',
              url: 'http://jenkins.test',
              username: 'u',
              apiToken: 't',
            },
          ],
        },
      },
    }),
  );
}

function withNamespace(
  value: string | undefined,
  patch: { owner?: string; catalogNamespace?: string } = {},
): Entity {
  const entity = demoEntity();
  const annotations = { ...entity.metadata.annotations };
  if (value === undefined)
    delete annotations['backstage.io/kubernetes-namespace'];
  else annotations['backstage.io/kubernetes-namespace'] = value;
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      namespace: patch.catalogNamespace ?? 'default',
      annotations,
    },
    spec: {
      ...entity.spec,
      ...('owner' in patch ? { owner: patch.owner } : {}),
    },
  };
}

const SCOPED = {
  logs: logTarget,
  alerts: alertTarget,
  metrics: metricsTarget,
  traces: traceTarget,
};

// What a catalog-info.yaml author could write to reach outside the bound.
const ADVERSARIAL: Array<[string, string]> = [
  ['another team', 'team-b'],
  ['a glob that matches the bound as text', 'svc-*'],
  ['a bare star', '*'],
  ['a regex', '.*'],
  ['an alternation', 'msa|team-b'],
  ['a trailing star', 'msa*'],
  ['a Cyrillic look-alike', 'ms\u0430'],
  ['a zero-width joiner', 'msa\u200d'],
  ['full-width letters', '\uff4d\uff53\uff41'],
  ['upper case', 'MSA'],
  ['a comma list', 'msa,team-b'],
  ['a LogQL breaker', 'msa"} or {namespace="team-b'],
  ['a PromQL breaker', 'msa"}) or up{namespace=~".+'],
  ['a TraceQL breaker', 'msa" || resource.k8s.namespace.name != "'],
  ['an embedded newline', 'svc-a\nteam-b'],
  ['a NUL byte', 'msa\u0000'],
  ['too long for Kubernetes', `svc-${'a'.repeat(60)}`],
];

describe('namespace bound in the targets', () => {
  const bounded = config({ allowedNamespaces: ['msa', 'svc-*'] });

  describe.each(Object.entries(SCOPED))('%s', (_source, target) => {
    it.each(ADVERSARIAL)(
      'refuses %s, naming the namespace and the key',
      (_what, value) => {
        const result = target(withNamespace(value), bounded);
        expect(result).toEqual({
          ok: false,
          error: {
            kind: 'forbidden',
            message: expect.stringMatching(
              /^Namespace '.*' \(from the backstage\.io\/kubernetes-namespace annotation\)/,
            ),
          },
        });
        expect(!result.ok && result.error.message).toMatch(
          /platform\.scope\.allowedNamespaces allows msa, svc-\*|not a Kubernetes namespace name/,
        );
      },
    );

    it('refuses an empty or blank annotation whose catalog namespace is outside the bound', () => {
      for (const value of ['', '   ', '\t\n']) {
        expect(target(withNamespace(value), bounded)).toEqual({
          ok: false,
          error: {
            kind: 'forbidden',
            message: `Namespace 'default' (the entity's catalog namespace; no backstage.io/kubernetes-namespace annotation) is not allowed: platform.scope.allowedNamespaces allows msa, svc-*`,
          },
        });
      }
    });

    it('allows the listed namespace, a glob match, and a catalog namespace that is allowed', () => {
      expect(target(withNamespace('msa'), bounded).ok).toBe(true);
      expect(target(withNamespace('svc-l2x9k3f'), bounded).ok).toBe(true);
      expect(
        target(withNamespace(undefined, { catalogNamespace: 'msa' }), bounded)
          .ok,
      ).toBe(true);
    });

    it("keeps today's behaviour when no bound is configured", () => {
      expect(target(withNamespace('team-b'), config({})).ok).toBe(true);
    });

    it('applies namespacesByOwner to spec.owner', () => {
      const byOwner = config({
        namespacesByOwner: {
          'group:default/team-a': ['team-a-*'],
          'group:default/team': ['msa'],
        },
      });
      expect(target(withNamespace('msa'), byOwner).ok).toBe(true); // demoEntity's owner is group:default/team
      expect(
        target(withNamespace('team-a-web', { owner: 'team-a' }), byOwner).ok,
      ).toBe(true);
      expect(target(withNamespace('team-a-web'), byOwner)).toMatchObject({
        ok: false,
        error: {
          kind: 'forbidden',
          message: expect.stringContaining(
            'platform.scope.namespacesByOwner["group:default/team"] allows msa',
          ),
        },
      });
      expect(
        target(withNamespace('msa', { owner: 'team-b' }), byOwner),
      ).toMatchObject({
        ok: false,
        error: {
          kind: 'forbidden',
          message: expect.stringContaining(
            "owner 'group:default/team-b' is not listed",
          ),
        },
      });
      expect(
        target(withNamespace('msa', { owner: undefined }), byOwner),
      ).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    });
  });

  it('pins the allowed namespace into every query target', () => {
    const entity = withNamespace('svc-abc');
    expect(logTarget(entity, bounded)).toEqual({
      ok: true,
      value: { selector: '{namespace="svc-abc", app="msa-nginx"}' },
    });
    expect(alertTarget(entity, bounded)).toMatchObject({
      ok: true,
      value: {
        matchers: [
          { name: 'namespace', value: 'svc-abc' },
          { name: 'service', value: 'msa-nginx' },
        ],
      },
    });
    expect(metricsTarget(entity, bounded)).toEqual({
      ok: true,
      value: { workload: 'msa-nginx', namespace: 'svc-abc' },
    });
    expect(traceTarget(entity, bounded)).toEqual({
      ok: true,
      value: {
        serviceName: 'msa-nginx',
        scope: { attribute: 'k8s.namespace.name', value: 'svc-abc' },
      },
    });
  });

  it('leaves Argo CD and Jenkins (not namespace-scoped) alone', () => {
    const entity = withNamespace('team-b');
    expect(argoTarget(entity, bounded).ok).toBe(true);
    expect(buildTarget(entity, bounded).ok).toBe(true);
  });

  it('says not-configured before forbidden when the source itself is off', () => {
    const off = readPlatformConfig(
      new ConfigReader({ platform: { scope: { allowedNamespaces: ['msa'] } } }),
    );
    for (const target of Object.values(SCOPED)) {
      expect(target(withNamespace('team-b'), off)).toMatchObject({
        ok: false,
        error: { kind: 'not-configured' },
      });
    }
  });
});

describe('Argo CD app namespace bound (platform.argocd.allowedAppNamespaces)', () => {
  const argo = (settings: Record<string, unknown>) =>
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
    );
  const withAppNamespace = (value: string | undefined): Entity => {
    const entity = demoEntity();
    const annotations = { ...entity.metadata.annotations };
    if (value !== undefined) annotations['argocd/app-namespace'] = value;
    return { ...entity, metadata: { ...entity.metadata, annotations } };
  };

  it('without the annotation, reads the Argo CD namespace (no appNamespace) whatever the bound', () => {
    expect(argoTarget(withAppNamespace(undefined), argo({}))).toEqual({
      ok: true,
      value: {
        instance: 'main',
        name: 'msa-nginx',
        selector: undefined,
        project: 'default',
        appNamespace: undefined,
      },
    });
    expect(
      argoTarget(
        withAppNamespace('  '),
        argo({ allowedAppNamespaces: ['team-a'] }),
      ),
    ).toMatchObject({ ok: true, value: { appNamespace: undefined } });
  });

  it('by default allows only platform.argocd.kubernetesNamespace', () => {
    expect(argoTarget(withAppNamespace('argocd'), argo({}))).toMatchObject({
      ok: true,
      value: { appNamespace: 'argocd' },
    });
    expect(
      argoTarget(
        withAppNamespace('gitops'),
        argo({ kubernetesNamespace: 'gitops' }),
      ),
    ).toMatchObject({ ok: true, value: { appNamespace: 'gitops' } });
    expect(argoTarget(withAppNamespace('team-apps'), argo({}))).toEqual({
      ok: false,
      error: {
        kind: 'forbidden',
        message:
          "Namespace 'team-apps' (from the argocd/app-namespace annotation) is not allowed: platform.argocd.allowedAppNamespaces allows argocd; " +
          'an operator lists it there to allow it (unset, only platform.argocd.kubernetesNamespace is allowed)',
      },
    });
  });

  it('allows the configured names and globs, trimmed, and nothing else', () => {
    const listed = argo({ allowedAppNamespaces: ['argocd', 'team-*-apps'] });
    expect(argoTarget(withAppNamespace(' team-a-apps '), listed)).toMatchObject(
      { ok: true, value: { appNamespace: 'team-a-apps' } },
    );
    expect(argoTarget(withAppNamespace('team-a'), listed)).toMatchObject({
      ok: false,
      error: {
        kind: 'forbidden',
        message: expect.stringContaining(
          "'team-a' (from the argocd/app-namespace annotation) is not allowed: platform.argocd.allowedAppNamespaces allows argocd, team-*-apps",
        ),
      },
    });
  });

  it.each([
    ['a bare star', '*'],
    ['a glob matching the bound as text', 'team-*-apps'],
    ['upper case', 'ARGOCD'],
    ['a Cyrillic look-alike', 'argoc\u0434'],
    ['a zero-width space', 'argocd\u200b'],
    ['a path', 'argocd/../kube-system'],
    ['a query breaker', 'argocd&appNamespace=kube-system'],
    ['an embedded newline', 'argocd\nkube-system'],
    ['too long for DNS-1123', `team-${'a'.repeat(59)}-apps`],
  ])('refuses %s even when every namespace is allowed', (_what, value) => {
    expect(
      argoTarget(
        withAppNamespace(value),
        argo({ allowedAppNamespaces: ['*'] }),
      ),
    ).toEqual({
      ok: false,
      error: {
        kind: 'forbidden',
        message: expect.stringMatching(
          /^Namespace '[\x20-\x7e]*' \(from the argocd\/app-namespace annotation\) is not a Kubernetes namespace name .*reads nothing for it$/,
        ),
      },
    });
  });
});
