import { InputError } from '@backstage/errors';
import {
  JenkinsClient,
  ScaffolderConfig,
} from '@paved-road/backstage-plugin-platform-node';
import { z } from 'zod';
import { jenkinsJobFullNameSchema } from '../../schemas/fields';
import { createPlatformAction } from '../createPlatformAction';
import { componentWriteAudit } from '../../audit/writeAudit';
import { renderJenkinsfile } from '../../render/jenkinsfile';
import {
  jobSpecMarker,
  renderFolderConfigXml,
  renderJobConfigXml,
} from '../../render/jobConfigXml';
import { readJenkinsItems } from '../../ownership/serviceResources';
import {
  WriteAccessOptions,
  authorizeWrite,
  ownerInputSchema,
} from '../../ownership/writeAccess';
import { requireConfig } from '../guards';
import { buildPipelineModel, pipelineInputShape } from './pipelineInput';
import { examples } from './createPipeline.examples';

const ACTION_ID = 'platform:jenkins:create-pipeline';

const inputSchema = z.object({
  jobFullName: jenkinsJobFullNameSchema,
  owner: ownerInputSchema,
  ...pipelineInputShape,
  githubPushTrigger: z
    .boolean()
    .default(false)
    .describe(
      'Add the "GitHub hook trigger for GITScm polling" trigger (GitHub-hosted repos)',
    ),
  overwrite: z
    .boolean()
    .default(false)
    .describe(
      'Replace an existing job whose configuration differs (otherwise the step fails)',
    ),
  triggerBuild: z
    .boolean()
    .default(false)
    .describe(
      'Queue a build and wait for its number, when the job was created or its configuration changed',
    ),
  waitForBuildSeconds: z
    .number()
    .int()
    .min(1)
    .max(600)
    .default(60)
    .describe('How long to wait for the queued build to start'),
});

const outputSchema = z.object({
  jobUrl: z.string().describe('Browser URL of the Jenkins job'),
  jobFullName: z.string().describe('Full name of the job'),
  result: z
    .enum(['created', 'updated', 'unchanged'])
    .describe('What happened to the job'),
  buildNumber: z
    .number()
    .optional()
    .describe('Number of the first build, when triggered'),
  jenkinsfile: z
    .string()
    .optional()
    .describe('The rendered Jenkinsfile (dry run only)'),
  configXml: z
    .string()
    .optional()
    .describe('The rendered job config.xml (dry run only)'),
});

/** Options of {@link createJenkinsCreatePipelineAction}. @public */
export interface JenkinsActionOptions extends WriteAccessOptions {
  config: ScaffolderConfig;
  /** Overrides the client built from config (tests). */
  client?: JenkinsClient;
  /** Queue polling interval (tests shorten it). */
  pollIntervalMs?: number;
}

/**
 * `platform:jenkins:create-pipeline`: creates or updates the service's Pipeline job (folders first), from
 * SCM or with the rendered Jenkinsfile inline; optionally queues a first build.
 *
 * @public
 */
export function createJenkinsCreatePipelineAction(
  options: JenkinsActionOptions,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      'Creates or updates a Jenkins Pipeline job building the service with Kaniko and bumping its tag in msa_deploy',
    examples,
    input: inputSchema,
    output: outputSchema,
    audit: componentWriteAudit(options.auditor, 'platform-jenkins-job'),
    async handler(ctx, input, audit) {
      audit.target({ job: input.jobFullName });
      const jenkins = requireConfig(
        options.config.jenkins,
        'platform.scaffolder.jenkins',
        ACTION_ID,
      );
      const owner = await authorizeWrite(ctx, options.ownership, input);
      const model = buildPipelineModel(input, options.config, ACTION_ID);
      const jenkinsfile = renderJenkinsfile(model);
      const sourceRepoUrl = input.sourceRepoUrl;
      if (!sourceRepoUrl) {
        throw new InputError(
          'Invalid input: sourceRepoUrl is required to create a pipeline',
        );
      }
      const jobModel = {
        entityRef: input.entityRef,
        owner,
        githubPushTrigger: input.githubPushTrigger,
        definition:
          input.definition === 'scm'
            ? {
                type: 'scm' as const,
                repoUrl: sourceRepoUrl,
                branch: input.sourceBranch,
                credentialsId: jenkins.credentialIds.git,
                scriptPath: input.scriptPath,
              }
            : { type: 'inline' as const, script: jenkinsfile },
      };
      const configXml = renderJobConfigXml(jobModel);
      const client = options.client ?? new JenkinsClient(jenkins.instance);
      const jobUrl = client.jobUrl(input.jobFullName);
      ctx.output('jobUrl', jobUrl);
      ctx.output('jobFullName', input.jobFullName);

      /** Every existing folder on the way and the job itself must belong to the owner (folders: any of its services). */
      const checkExisting = async () => {
        for (const item of await readJenkinsItems(client, input.jobFullName)) {
          await options.ownership.assertClaim(item.resource, item.marks, {
            owner,
            entityRef: item.shared ? undefined : input.entityRef,
          });
        }
      };

      if (ctx.isDryRun) {
        await checkExisting();
        ctx.logger.info(
          `Dry run: would create or update Jenkins job ${input.jobFullName}`,
        );
        ctx.output('result', 'unchanged');
        ctx.output('jenkinsfile', jenkinsfile);
        ctx.output('configXml', configXml);
        return;
      }

      const marker = jobSpecMarker(jobModel);
      const result = await ctx.checkpoint({
        key: `jenkins.job.${input.jobFullName}.${marker.slice(-16)}`,
        fn: async () => {
          await checkExisting();
          return client.upsertJob(input.jobFullName, configXml, {
            isSame: existing => existing.includes(marker),
            mayReplace: () => input.overwrite,
            folderConfigXml: renderFolderConfigXml(owner),
          });
        },
      });
      ctx.logger.info(
        `Jenkins job ${input.jobFullName}: ${result} (${jobUrl})`,
      );
      ctx.output('result', result);
      audit.outcome(result);

      if (input.triggerBuild && result === 'unchanged') {
        ctx.logger.info(
          `Job ${input.jobFullName} is unchanged; no build queued (re-running the template is not a redeploy)`,
        );
      }
      if (input.triggerBuild && result !== 'unchanged') {
        // Two checkpoints: a task taken over by another replica while waiting for the build number waits for
        // the queue item it already has, instead of queueing a second build.
        const queueId = await ctx.checkpoint({
          key: `jenkins.queue.${input.jobFullName}.${marker.slice(-16)}`,
          fn: () => client.triggerBuild(input.jobFullName),
        });
        const buildNumber = await ctx.checkpoint({
          key: `jenkins.build.${input.jobFullName}.${marker.slice(-16)}`,
          fn: () =>
            client.waitForBuildNumber(queueId, {
              timeoutMs: input.waitForBuildSeconds * 1000,
              intervalMs: options.pollIntervalMs,
              signal: ctx.signal,
            }),
        });
        ctx.logger.info(
          `Started build #${buildNumber} of ${input.jobFullName}`,
        );
        ctx.output('buildNumber', buildNumber);
        audit.outcome(result, { buildNumber });
      }
    },
  });
}
