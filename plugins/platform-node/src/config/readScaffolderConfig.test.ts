import { ConfigReader } from '@backstage/config';
import { readScaffolderConfig } from './readScaffolderConfig';

const base = {
  platform: {
    jenkins: {
      instances: [
        {
          name: 'main',
          url: 'http://127.0.0.1:17082',
          username: 'platform',
          apiToken: 't',
        },
      ],
    },
    kubernetes: { url: 'http://127.0.0.1:17443', token: 'k' },
    scaffolder: {
      allowedGitHosts: ['127.0.0.1:17080', 'github.com'],
      git: {
        username: 'platform',
        token: 'g',
        plainHttpHosts: ['127.0.0.1:17080'],
      },
      msaDeploy: { repoUrl: 'http://127.0.0.1:17080/platform/msa_deploy.git' },
      registry: {
        host: 'harbor.sandbox.local',
        username: 'robot',
        password: 'p',
      },
      jenkins: { credentialIds: { git: 'msa-deploy-git' } },
    },
  },
};

function withScaffolder(patch: Record<string, unknown>) {
  return new ConfigReader({
    platform: {
      ...base.platform,
      scaffolder: { ...base.platform.scaffolder, ...patch },
    },
  });
}

describe('readScaffolderConfig', () => {
  it('parses the section with defaults', () => {
    const config = readScaffolderConfig(new ConfigReader(base));
    expect(config).toMatchObject({
      allowedGitHosts: ['127.0.0.1:17080', 'github.com'],
      plainHttpGitHosts: ['127.0.0.1:17080'],
      msaDeploy: { branch: 'main', layout: 'manifest', appsPath: 'apps' },
      registry: { secretName: 'docker-config-secret' },
      jenkins: {
        instance: { name: 'main' },
        credentialIds: { git: 'msa-deploy-git' },
      },
      argocd: { via: 'kubernetes', namespace: 'argocd', project: 'default' },
    });
  });

  it.each([
    [
      { allowedGitHosts: ['https://github.com'] },
      'platform.scaffolder.allowedGitHosts[0]',
    ],
    [
      { msaDeploy: { repoUrl: 'http://other.host/x.git' } },
      'platform.scaffolder.msaDeploy.repoUrl',
    ],
    [
      { msaDeploy: { repoUrl: 'http://u:p@127.0.0.1:17080/x.git' } },
      'platform.scaffolder.msaDeploy.repoUrl',
    ],
    [
      {
        msaDeploy: { repoUrl: 'http://127.0.0.1:17080/x.git', layout: 'helm' },
      },
      'platform.scaffolder.msaDeploy.layout',
    ],
    [
      { registry: { host: 'harbor/x', username: 'u', password: 'p' } },
      'platform.scaffolder.registry.host',
    ],
    [{ jenkins: { instance: 'nope' } }, 'platform.scaffolder.jenkins.instance'],
    [
      { jenkins: { credentialIds: { git: "x' + y" } } },
      'platform.scaffolder.jenkins.credentialIds.git',
    ],
    [{ argocd: { via: 'api' } }, 'platform.scaffolder.argocd.via'],
    [
      { git: { username: 'u', token: 't', plainHttpHosts: ['evil.host'] } },
      'platform.scaffolder.git.plainHttpHosts',
    ],
  ])('fails fast naming the key for %j', (patch, key) => {
    expect(() => readScaffolderConfig(withScaffolder(patch))).toThrow(
      `Invalid config at '${key}`,
    );
  });
});
