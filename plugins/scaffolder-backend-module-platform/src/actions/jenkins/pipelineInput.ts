import { InputError } from '@backstage/errors';
import { ScaffolderConfig } from '@paved-road/backstage-plugin-platform-node';
import { z } from 'zod';
import {
  branchSchema,
  entityRefSchema,
  gitUrlSchema,
  registryProjectSchema,
  repoRelativePathSchema,
  serviceNameSchema,
  slackChannelSchema,
} from '../../schemas/fields';
import { PipelineModel } from '../../render/pipelineModel';
import { deployEntryPath } from '../../render/deployPaths';
import { checkAllowedGitUrl, requireConfig } from '../guards';

/** Inputs that shape the Jenkinsfile; shared by render-jenkinsfile and create-pipeline. */
export const pipelineInputShape = {
  serviceName: serviceNameSchema,
  entityRef: entityRefSchema,
  registryProject: registryProjectSchema,
  sourceRepoUrl: gitUrlSchema
    .optional()
    .describe(
      'Clone URL of the service repository (host in platform.scaffolder.allowedGitHosts); required for create-pipeline and inline definitions',
    ),
  sourceBranch: branchSchema
    .default('main')
    .describe('Branch the pipeline builds'),
  definition: z
    .enum(['scm', 'inline'])
    .default('scm')
    .describe(
      'scm: Pipeline from SCM reading scriptPath from the repo; inline: script stored in the job',
    ),
  scriptPath: repoRelativePathSchema
    .default('Jenkinsfile')
    .describe('Jenkinsfile path in the repo (scm)'),
  dockerfile: repoRelativePathSchema
    .default('Dockerfile')
    .describe('Dockerfile path in the repo'),
  buildContext: z
    .union([z.literal('.'), repoRelativePathSchema])
    .default('.')
    .describe('Kaniko build context, relative to the repo root'),
  // The wizard sends '' for an empty optional field.
  slackChannel: z
    .union([z.literal(''), slackChannelSchema])
    .optional()
    .transform(value => value || undefined)
    .describe(
      'Slack channel notified at start, success and failure (optional)',
    ),
};

const pipelineInputSchema = z.object(pipelineInputShape);

/** Parsed pipeline input. */
export type PipelineInput = z.output<typeof pipelineInputSchema>;

/** Combines template input with backend config (registry, msa_deploy, credential ids, images). */
export function buildPipelineModel(
  input: PipelineInput,
  config: ScaffolderConfig,
  action: string,
): PipelineModel {
  const registry = requireConfig(
    config.registry,
    'platform.scaffolder.registry',
    action,
  );
  const msaDeploy = requireConfig(
    config.msaDeploy,
    'platform.scaffolder.msaDeploy',
    action,
  );
  const jenkins = requireConfig(
    config.jenkins,
    'platform.scaffolder.jenkins',
    action,
  );
  if (input.sourceRepoUrl) {
    checkAllowedGitUrl(input.sourceRepoUrl, config, 'sourceRepoUrl');
  } else if (input.definition === 'inline') {
    throw new InputError(
      'sourceRepoUrl is required for an inline pipeline definition',
    );
  }
  return {
    serviceName: input.serviceName,
    entityRef: input.entityRef,
    imageRepository: `${registry.host}/${input.registryProject}/${input.serviceName}`,
    checkout:
      input.definition === 'scm'
        ? { type: 'scm' }
        : {
            type: 'git',
            repoUrl: input.sourceRepoUrl!,
            branch: input.sourceBranch,
            credentialsId: jenkins.credentialIds.git,
          },
    dockerfile: input.dockerfile,
    context: input.buildContext,
    deploy: {
      repoUrl: msaDeploy.repoUrl,
      branch: msaDeploy.branch,
      file: deployEntryPath(msaDeploy.layout, input.serviceName),
      layout: msaDeploy.layout,
      credentialsId: jenkins.credentialIds.git,
      authorName: 'Jenkins',
      authorEmail: 'jenkins@paved-road.local',
    },
    slack: input.slackChannel
      ? {
          channel: input.slackChannel,
          credentialId: jenkins.credentialIds.slack,
        }
      : undefined,
    images: {
      kaniko: jenkins.kanikoImage,
      git: jenkins.gitImage,
      yq: jenkins.yqImage,
    },
    registrySecretName: registry.secretName,
  };
}
