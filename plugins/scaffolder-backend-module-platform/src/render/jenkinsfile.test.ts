import { renderJenkinsfile } from './jenkinsfile';
import { PipelineModel } from './pipelineModel';
import { groovyMultiline, groovyString } from './groovy';

const model: PipelineModel = {
  serviceName: 'msa-nginx',
  entityRef: 'component:default/msa-nginx',
  imageRepository: 'harbor.sandbox.local/msa/msa-nginx',
  checkout: { type: 'scm' },
  dockerfile: 'Dockerfile',
  context: '.',
  deploy: {
    repoUrl: 'http://127.0.0.1:17080/platform/msa_deploy.git',
    branch: 'main',
    file: 'msa-nginx.yaml',
    layout: 'manifest',
    credentialsId: 'msa-deploy-git',
    authorName: 'Jenkins',
    authorEmail: 'jenkins@paved-road.local',
  },
  slack: { channel: '#devops', credentialId: 'slack-token' },
  images: {
    kaniko: 'gcr.io/kaniko-project/executor:v1.23.2-debug',
    git: 'alpine/git:2.47.2',
    yq: 'mikefarah/yq:4.45.1',
  },
  registrySecretName: 'docker-config-secret',
};

/** The contract's header, read the way the Jenkins simulator reads it. */
function environmentOf(jenkinsfile: string): Record<string, string> {
  const block = /environment \{\n([\s\S]*?)\n {2}\}/.exec(jenkinsfile)![1];
  return Object.fromEntries(
    block.split('\n').map(line => {
      const m = /^\s+([A-Z_]+) = '((?:[^'\\]|\\.)*)'$/.exec(line)!;
      return [m[1], m[2].replace(/\\(.)/g, '$1')];
    }),
  );
}

describe('renderJenkinsfile', () => {
  it('carries the integration contract header as single-quoted strings', () => {
    expect(environmentOf(renderJenkinsfile(model))).toMatchObject({
      SERVICE_NAME: 'msa-nginx',
      IMAGE_REPOSITORY: 'harbor.sandbox.local/msa/msa-nginx',
      DEPLOY_REPO_URL: 'http://127.0.0.1:17080/platform/msa_deploy.git',
      DEPLOY_BRANCH: 'main',
      DEPLOY_FILE: 'msa-nginx.yaml',
      DEPLOY_LAYOUT: 'manifest',
      SLACK_CHANNEL: '#devops',
    });
  });

  it('builds with Kaniko, mounts the docker config secret, and pushes with a Jenkins credential', () => {
    const text = renderJenkinsfile(model);
    expect(text).toContain('mountPath: /kaniko/.docker');
    expect(text).toContain('secretName: docker-config-secret');
    expect(text).toContain('--destination="$IMAGE_REPOSITORY:$BUILD_NUMBER"');
    expect(text).toContain(
      "usernamePassword(credentialsId: 'msa-deploy-git', usernameVariable: 'GIT_USERNAME', passwordVariable: 'GIT_PASSWORD')",
    );
    expect(text).toContain(
      'git commit -m "updated the image tag to $BUILD_NUMBER"',
    );
    expect(text).toContain("tokenCredentialId: 'slack-token'");
    expect(text).not.toMatch(/https?:\/\/[^\s'"]*@/);
    expect(text).toContain('sed -i');
  });

  it('bumps values.yaml with yq in the values layout and omits Slack when not asked', () => {
    const text = renderJenkinsfile({
      ...model,
      slack: undefined,
      deploy: {
        ...model.deploy,
        layout: 'values',
        file: 'services/msa-nginx/values.yaml',
      },
    });
    expect(text).toContain('.image.tag = strenv(BUILD_NUMBER)');
    expect(text).toContain("container('yq')");
    expect(text).not.toContain('slackSend');
  });

  it('refuses a model whose values escaped validation', () => {
    expect(() =>
      renderJenkinsfile({ ...model, serviceName: "x'; sh 'id" }),
    ).toThrow();
    expect(() =>
      renderJenkinsfile({
        ...model,
        deploy: { ...model.deploy, file: '../x' },
      }),
    ).toThrow();
    expect(() =>
      renderJenkinsfile({ ...model, slack: { channel: "#a'\n" } }),
    ).toThrow();
  });

  it('escapes quotes and backslashes in Groovy literals', () => {
    expect(groovyString("a'b\\c$d")).toBe("'a\\'b\\\\c$d'");
    expect(groovyString('line\nbreak')).toBe("'line\\nbreak'");
    expect(groovyMultiline("x'''y")).toBe("'''x\\'\\'\\'y'''");
    expect(() => groovyString('bad\u0000')).toThrow(/control characters/);
  });
});
