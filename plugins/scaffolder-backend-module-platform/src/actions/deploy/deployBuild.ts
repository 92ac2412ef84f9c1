import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  DeployResponse,
  entitySourcePath,
} from '@paved-road/backstage-plugin-platform-common';
import { z } from 'zod';
import { entityRefSchema } from '../../schemas/fields';
import { createPlatformAction } from '../createPlatformAction';
import { examples } from './deployBuild.examples';

const ACTION_ID = 'platform:deploy:build';

const inputSchema = z.object({
  entityRef: entityRefSchema.describe(
    'Full entity reference of the component to deploy (kind:namespace/name)',
  ),
  build: z
    .number()
    .int()
    .min(1)
    .max(999_999_999)
    .describe(
      "Jenkins build number of the component's job; the image tag the pipeline pushed",
    ),
});

const outputSchema = z.object({
  path: z.string().describe('msa_deploy file whose image tag changed'),
  previousTag: z.string().describe('Image tag deployed before'),
  tag: z.string().describe('Image tag deployed now'),
  diff: z.string().describe('Unified diff of the commit'),
  commitSha: z
    .string()
    .optional()
    .describe('The msa_deploy commit (absent on a dry run)'),
  commitUrl: z.string().optional().describe('Link to the commit'),
});

/** Options of {@link createDeployBuildAction}. @public */
export interface DeployBuildActionOptions {
  auth: AuthService;
  discovery: DiscoveryService;
}

/**
 * `platform:deploy:build`: deploys a build of a component through the platform backend's
 * `POST .../deploy`, on behalf of the user running the template, so the same permission
 * (`platform.deploy.write`), build and ownership checks and audit event apply as in the portal. A dry run of
 * the template previews the commit.
 *
 * @public
 */
export function createDeployBuildAction(options: DeployBuildActionOptions) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      "Deploys (rolls back or forward) a component's build: commits its image tag to msa_deploy through the platform backend",
    examples,
    input: inputSchema,
    output: outputSchema,
    async handler(ctx, input) {
      const { token } = await options.auth.getPluginRequestToken({
        onBehalfOf: await ctx.getInitiatorCredentials(),
        targetPluginId: 'platform',
      });
      const baseUrl = await options.discovery.getBaseUrl('platform');
      const url = `${baseUrl}${entitySourcePath(
        parseEntityRef(input.entityRef),
        'deploy',
      )}`;
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ build: input.build, dryRun: ctx.isDryRun }),
      });
      const text = await response.text();
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (!response.ok) {
        const message =
          typeof body?.error?.message === 'string'
            ? body.error.message
            : `the platform backend answered ${response.status}`;
        throw new Error(
          `Deploying build #${input.build} of ${input.entityRef} was refused (${response.status}): ${message}`,
        );
      }
      const result = body as DeployResponse;
      ctx.logger.info(
        result.commitSha
          ? `Deployed build #${result.build} of ${input.entityRef}: ${result.path} ${result.previousTag} -> ${result.tag}, commit ${result.commitSha}`
          : `Dry run: would change ${result.path} ${result.previousTag} -> ${result.tag}\n${result.diff}`,
      );
      ctx.output('path', result.path);
      ctx.output('previousTag', result.previousTag);
      ctx.output('tag', result.tag);
      ctx.output('diff', result.diff);
      if (result.commitSha) ctx.output('commitSha', result.commitSha);
      if (result.commitUrl) ctx.output('commitUrl', result.commitUrl);
    },
  });
}
