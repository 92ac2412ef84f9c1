import { JenkinsClient } from '@paved-road/backstage-plugin-platform-node';
import { createServicePreflightAction } from './preflight';
import { examples } from './preflight.examples';
import { exampleInputs } from '../../testing/examples';
import { mockContext } from '../../testing/context';
import { testConfig } from '../../testing/config';
import { testActionsDeps } from '../../testing/ownership';
import { useFakeJenkins } from '../../testing/fakeJenkins';

describe('platform:service:preflight', () => {
  const jenkins = useFakeJenkins();
  // No msa_deploy, Kubernetes or Argo CD configured: only the catalog, the bound and Jenkins are read.
  const make = (jenkinsUrl: string, namespaceBound = {}) => {
    const config = {
      ...testConfig({ gitHost: '127.0.0.1:17080', jenkinsUrl }),
      msaDeploy: undefined,
      kubernetes: undefined,
      namespaceBound,
    };
    return createServicePreflightAction({
      ...testActionsDeps(),
      config,
      jenkins: new JenkinsClient(config.jenkins!.instance),
    });
  };
  const [[, input]] = exampleInputs(examples);
  // A host outside allowedGitHosts: refused as a problem, so no repository is read here.
  const local = (value: Record<string, unknown>) => ({
    ...value,
    repoUrl: 'evil.example?owner=a&repo=b',
  });

  it('refuses bad input naming the field, before reading anything', async () => {
    await expect(
      make(jenkins().url).handler(
        mockContext({ ...local(input), serviceName: 'Orders!' }) as any,
      ),
    ).rejects.toThrow(/serviceName/);
    await expect(
      make(jenkins().url).handler(
        mockContext({ ...local(input), namespace: 'a/b' }) as any,
      ),
    ).rejects.toThrow(/namespace/);
    expect(jenkins().requests).toHaveLength(0);
  });

  it('lists every problem at once and says nothing was written', async () => {
    const ctx = mockContext({
      ...local(input),
      owner: 'group:default/other-team',
      namespace: 'kube-system',
    });
    await expect(
      make(jenkins().url, { allowedNamespaces: ['svc-*'] }).handler(ctx as any),
    ).rejects.toThrow(
      /^Cannot create or update 'orders'; nothing was written:\n- user:default\/mock may not act for group:default\/other-team.*\n- namespace: 'kube-system' is a system namespace.*\n- repoUrl: host 'evil.example' is not in platform.scaffolder.allowedGitHosts/s,
    );
  });

  it('says which upstream it could not read when Jenkins is down', async () => {
    await expect(
      make('http://127.0.0.1:1').handler(mockContext(local(input)) as any),
    ).rejects.toThrow(
      /Could not check the existing resources: jenkins: .*cannot connect/,
    );
  });
});
