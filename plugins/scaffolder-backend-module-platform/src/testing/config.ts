import { ScaffolderConfig } from '@paved-road/backstage-plugin-platform-node';

export const GIT_USER = 'platform';
export const GIT_TOKEN = 'test-git-token-5ecret';
export const REGISTRY_PASSWORD = 'registry-pa55word';
export const JENKINS_TOKEN = 'jenkins-api-t0ken';
export const KUBE_TOKEN = 'kube-t0ken';

/** Credentials of the servers a test config points at (the in-test fakes' by default). */
export interface TestCredentials {
  git: { username: string; token: string };
  jenkins: { username: string; apiToken: string };
  kubernetesToken: string;
}

const FAKE_CREDENTIALS: TestCredentials = {
  git: { username: GIT_USER, token: GIT_TOKEN },
  jenkins: { username: 'platform', apiToken: JENKINS_TOKEN },
  kubernetesToken: KUBE_TOKEN,
};

/** A complete ScaffolderConfig pointing at in-test servers (or the sandbox, given its credentials). */
export function testConfig(options: {
  gitHost: string;
  msaDeployUrl?: string;
  jenkinsUrl?: string;
  kubernetesUrl?: string;
  layout?: 'manifest' | 'values';
  credentials?: TestCredentials;
}): ScaffolderConfig {
  const credentials = options.credentials ?? FAKE_CREDENTIALS;
  return {
    allowedGitHosts: [options.gitHost],
    plainHttpGitHosts: [options.gitHost],
    git: credentials.git,
    namespaceBound: {},
    msaDeploy: {
      repoUrl:
        options.msaDeployUrl ??
        `http://${options.gitHost}/platform/msa_deploy.git`,
      branch: 'main',
      layout: options.layout ?? 'manifest',
      appsPath: 'apps',
      authorName: 'Backstage Scaffolder',
      authorEmail: 'scaffolder@backstage.local',
    },
    registry: {
      host: 'harbor.sandbox.local',
      username: 'robot$msa',
      password: REGISTRY_PASSWORD,
      secretName: 'docker-config-secret',
    },
    jenkins: {
      instance: {
        name: 'default',
        url: options.jenkinsUrl ?? 'http://127.0.0.1:1',
        auth: {
          type: 'basic',
          username: credentials.jenkins.username,
          password: credentials.jenkins.apiToken,
        },
        timeoutMs: 5000,
        headers: {},
      },
      credentialIds: { git: 'msa-deploy-git', slack: 'slack-token' },
      kanikoImage: 'gcr.io/kaniko-project/executor:v1.23.2-debug',
      gitImage: 'alpine/git:2.47.2',
      yqImage: 'mikefarah/yq:4.45.1',
    },
    argocd: {
      via: 'kubernetes',
      namespace: 'argocd',
      project: 'default',
      destinationServer: 'https://kubernetes.default.svc',
    },
    kubernetes: options.kubernetesUrl
      ? {
          url: options.kubernetesUrl,
          token: credentials.kubernetesToken,
          skipTLSVerify: false,
          timeoutMs: 5000,
        }
      : undefined,
  };
}

/** Config accepting the hosts the documented examples use (git.example.com over https, the sandbox over http). */
export function examplesConfig(
  overrides: Partial<ScaffolderConfig> = {},
): ScaffolderConfig {
  const base = testConfig({ gitHost: '127.0.0.1:17080' });
  return {
    ...base,
    allowedGitHosts: ['git.example.com', '127.0.0.1:17080'],
    plainHttpGitHosts: ['127.0.0.1:17080'],
    ...overrides,
  };
}
