import { stringify } from 'yaml';
import { groovyMultiline, groovyString } from './groovy';
import { PipelineModel, pipelineModelSchema } from './pipelineModel';

function podYaml(model: PipelineModel): string {
  const sleeper = { command: ['sleep'], args: ['99d'] };
  const containers: object[] = [
    { name: 'git', image: model.images.git, ...sleeper },
    {
      name: 'kaniko',
      image: model.images.kaniko,
      command: ['sleep'],
      args: ['99d'],
      volumeMounts: [{ name: 'docker-config', mountPath: '/kaniko/.docker' }],
    },
  ];
  if (model.deploy.layout === 'values') {
    containers.push({ name: 'yq', image: model.images.yq, ...sleeper });
  }
  return stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    spec: {
      restartPolicy: 'Never',
      containers,
      volumes: [
        {
          name: 'docker-config',
          secret: {
            secretName: model.registrySecretName,
            items: [{ key: '.dockerconfigjson', path: 'config.json' }],
          },
        },
      ],
    },
  });
}

// Shell run by `sh` steps. Static text: every variable part comes from the environment block.
const KANIKO_SCRIPT = `/kaniko/executor \\
  --dockerfile="$WORKSPACE/$DOCKERFILE" \\
  --context="dir://$WORKSPACE/$BUILD_CONTEXT" \\
  --destination="$IMAGE_REPOSITORY:$BUILD_NUMBER" \\
  --cache=true
`;

const CLONE_SCRIPT = `set -eu
git config --global credential.helper '!f() { test "$1" = get && echo "username=$GIT_USERNAME" && echo "password=$GIT_PASSWORD"; }; f'
rm -rf msa_deploy
git clone --depth 1 --branch "$DEPLOY_BRANCH" "$DEPLOY_REPO_URL" msa_deploy
`;

const SED_BUMP_SCRIPT = `set -eu
cd msa_deploy
repo_re=$(printf '%s' "$IMAGE_REPOSITORY" | sed 's/[.]/\\\\./g')
sed -i "s#image: $repo_re:.*#image: $IMAGE_REPOSITORY:$BUILD_NUMBER#" "$DEPLOY_FILE"
`;

const YQ_BUMP_SCRIPT = `set -eu
cd msa_deploy
yq -i '.image.tag = strenv(BUILD_NUMBER)' "$DEPLOY_FILE"
`;

const PUSH_SCRIPT = `set -eu
cd msa_deploy
git config user.name "$GIT_AUTHOR_NAME"
git config user.email "$GIT_AUTHOR_EMAIL"
git add -- "$DEPLOY_FILE"
if git diff --cached --quiet; then echo "tag already $BUILD_NUMBER"; exit 0; fi
git commit -m "updated the image tag to $BUILD_NUMBER"
for attempt in 1 2 3 4 5 6 7 8; do
  if git push origin "HEAD:$DEPLOY_BRANCH"; then exit 0; fi
  # Other builds push to msa_deploy at the same moment: wait attempt x (0.2-1.7 s at random) so they spread out.
  sleep "$(od -An -N1 -tu1 /dev/urandom | awk -v a="$attempt" '{ printf "%.1f", a * (0.2 + $1 / 170) }')"
  git pull --rebase origin "$DEPLOY_BRANCH"
done
exit 1
`;

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map(line => (line ? pad + line : line))
    .join('\n');
}

function withGitCredentials(
  credentialsId: string | undefined,
  body: string,
): string {
  if (!credentialsId) {
    return `withEnv(['GIT_USERNAME=', 'GIT_PASSWORD=']) {\n${indent(
      body,
      2,
    )}\n}`;
  }
  return `withCredentials([usernamePassword(credentialsId: ${groovyString(
    credentialsId,
  )}, usernameVariable: 'GIT_USERNAME', passwordVariable: 'GIT_PASSWORD')]) {\n${indent(
    body,
    2,
  )}\n}`;
}

function slackStep(
  model: PipelineModel,
  color: string,
  message: string,
): string {
  if (!model.slack) {
    return '';
  }
  const token = model.slack.credentialId
    ? `, tokenCredentialId: ${groovyString(model.slack.credentialId)}`
    : '';
  // Double-quoted so Jenkins fills in its own JOB_NAME / BUILD_NUMBER / BUILD_URL; no template value here.
  return `slackSend(channel: env.SLACK_CHANNEL, color: ${groovyString(
    color,
  )}${token}, message: "${message} \${env.JOB_NAME} #\${env.BUILD_NUMBER} (\${env.BUILD_URL})")`;
}

/**
 * Renders the service's Jenkinsfile: the seeds' Kaniko + GitOps pipeline as a declarative pipeline on a
 * Kubernetes pod agent. The `environment {}` header is the machine-readable contract
 * (docs/integration-contract.md); every value in it is validated and single-quoted.
 */
export function renderJenkinsfile(input: PipelineModel): string {
  const model = pipelineModelSchema.parse(input);
  const environment: Array<[string, string]> = [
    ['SERVICE_NAME', model.serviceName],
    ['IMAGE_REPOSITORY', model.imageRepository],
    ['DEPLOY_REPO_URL', model.deploy.repoUrl],
    ['DEPLOY_BRANCH', model.deploy.branch],
    ['DEPLOY_FILE', model.deploy.file],
    ['DEPLOY_LAYOUT', model.deploy.layout],
    ['DOCKERFILE', model.dockerfile],
    ['BUILD_CONTEXT', model.context],
    ['GIT_AUTHOR_NAME', model.deploy.authorName],
    ['GIT_AUTHOR_EMAIL', model.deploy.authorEmail],
  ];
  if (model.checkout.type === 'git') {
    environment.push(
      ['SOURCE_REPO_URL', model.checkout.repoUrl],
      ['SOURCE_BRANCH', model.checkout.branch],
    );
  }
  if (model.slack) {
    environment.push([
      'SLACK_CHANNEL',
      model.slack.channel.startsWith('#')
        ? model.slack.channel
        : `#${model.slack.channel}`,
    ]);
  }
  const checkout =
    model.checkout.type === 'scm'
      ? 'checkout scm'
      : `git(url: env.SOURCE_REPO_URL, branch: env.SOURCE_BRANCH${
          model.checkout.credentialsId
            ? `, credentialsId: ${groovyString(model.checkout.credentialsId)}`
            : ''
        })`;
  const bump =
    model.deploy.layout === 'values'
      ? `container('yq') {\n  sh ${groovyMultiline(YQ_BUMP_SCRIPT)}\n}`
      : `sh ${groovyMultiline(SED_BUMP_SCRIPT)}`;
  const deploySteps = withGitCredentials(
    model.deploy.credentialsId,
    `container('git') {\n  sh ${groovyMultiline(CLONE_SCRIPT)}\n}\n${
      model.deploy.layout === 'values'
        ? bump
        : `container('git') {\n  ${bump}\n}`
    }\ncontainer('git') {\n  sh ${groovyMultiline(PUSH_SCRIPT)}\n}`,
  );
  const startSlack = slackStep(model, '#439FE0', 'Started');
  const lines = [
    `// Generated by Backstage (platform:jenkins:create-pipeline) for ${model.entityRef}.`,
    '// Re-run the template action to change it; the environment block is read by tooling.',
    'pipeline {',
    '  agent {',
    '    kubernetes {',
    `      yaml ${groovyMultiline(podYaml(model))}`,
    "      defaultContainer 'git'",
    '    }',
    '  }',
    '  options {',
    '    disableResume()',
    "    buildDiscarder(logRotator(numToKeepStr: '30'))",
    "    timeout(time: 30, unit: 'MINUTES')",
    '  }',
    '  environment {',
    ...environment.map(([key, value]) => `    ${key} = ${groovyString(value)}`),
    '  }',
    '  stages {',
    "    stage('Checkout') {",
    '      steps {',
    `        ${checkout}`,
    ...(startSlack ? [`        ${startSlack}`] : []),
    '      }',
    '    }',
    "    stage('Build and push image') {",
    '      steps {',
    "        container('kaniko') {",
    `          sh ${groovyMultiline(KANIKO_SCRIPT)}`,
    '        }',
    '      }',
    '    }',
    "    stage('Bump image tag in msa_deploy') {",
    '      steps {',
    indent(deploySteps, 8),
    '      }',
    '    }',
    '  }',
    ...(model.slack
      ? [
          '  post {',
          '    success {',
          `      ${slackStep(model, '#2C953C', 'Deployed')}`,
          '    }',
          '    failure {',
          `      ${slackStep(model, '#FF3232', 'Failed')}`,
          '    }',
          '  }',
        ]
      : []),
    '}',
    '',
  ];
  return lines.join('\n');
}
