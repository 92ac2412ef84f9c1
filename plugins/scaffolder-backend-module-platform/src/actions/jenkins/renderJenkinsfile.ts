import { InputError } from '@backstage/errors';
import { ScaffolderConfig } from '@paved-road/backstage-plugin-platform-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { renderJenkinsfile } from '../../render/jenkinsfile';
import { createPlatformAction } from '../createPlatformAction';
import { parseRepoLocation } from '../git/repoLocation';
import { buildPipelineModel, pipelineInputShape } from './pipelineInput';
import { examples } from './renderJenkinsfile.examples';

const ACTION_ID = 'platform:jenkins:render-jenkinsfile';

const inputSchema = z.object({
  ...pipelineInputShape,
  repoUrl: z
    .string()
    .max(300)
    .optional()
    .describe(
      'Where the service repository will be published, as the RepoUrlPicker writes it (host?owner=<owner>&repo=<repo>). ' +
        'Checked against platform.scaffolder.allowedGitHosts here, before anything is published; stands in for sourceRepoUrl when that is not given',
    ),
});

const outputSchema = z.object({
  path: z
    .string()
    .describe('Workspace-relative path of the written Jenkinsfile'),
  jenkinsfile: z.string().describe('The rendered Jenkinsfile'),
});

/**
 * `platform:jenkins:render-jenkinsfile`: writes the service's Jenkinsfile into the workspace (before publish),
 * so a Pipeline-from-SCM job created by `platform:jenkins:create-pipeline` finds it in the repository.
 * No side effect outside the workspace.
 *
 * @public
 */
export function createJenkinsRenderJenkinsfileAction(options: {
  config: ScaffolderConfig;
}) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      'Renders the Kaniko + GitOps Jenkinsfile of a service into the workspace',
    examples,
    input: inputSchema,
    output: outputSchema,
    async handler(ctx, input) {
      // The template renders before it publishes: a repository host the pipeline step would refuse later must
      // stop the run here, while nothing outside the workspace exists yet.
      const sourceRepoUrl =
        input.sourceRepoUrl ??
        (input.repoUrl
          ? parseRepoLocation(input.repoUrl, options.config).remoteUrl
          : undefined);
      const jenkinsfile = renderJenkinsfile(
        buildPipelineModel(
          { ...input, sourceRepoUrl },
          options.config,
          ACTION_ID,
        ),
      );
      const target = path.resolve(ctx.workspacePath, input.scriptPath);
      if (!target.startsWith(`${path.resolve(ctx.workspacePath)}${path.sep}`)) {
        throw new InputError('scriptPath leaves the workspace');
      }
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, jenkinsfile, 'utf8');
      ctx.output('path', input.scriptPath);
      ctx.output('jenkinsfile', jenkinsfile);
    },
  });
}
