import { ConflictError } from '@backstage/errors';
import {
  GitRepository,
  ScaffolderConfig,
} from '@paved-road/backstage-plugin-platform-node';
import { stringify } from 'yaml';
import { z } from 'zod';
import {
  entityRefSchema,
  imageTagSchema,
  namespaceSchema,
  portSchema,
  registryProjectSchema,
  replicasSchema,
  serviceNameSchema,
} from '../../schemas/fields';
import { serviceApplication } from '../../render/serviceApplication';
import {
  currentTag,
  renderManifestEntry,
  renderValuesChart,
  renderValuesEntry,
} from '../../render/deployEntry';
import {
  applicationManifestPath,
  deployEntryPath,
} from '../../render/deployPaths';
import { createPlatformAction } from '../createPlatformAction';
import { componentWriteAudit } from '../../audit/writeAudit';
import { requireConfig } from '../guards';
import { examples } from './addService.examples';
import { CommitBatcher } from './commitBatcher';
import { WriteOutcome, auditUrl } from '../../audit/auditMeta';
import { marksFromDeployFile } from '../../ownership/ownerMarks';
import {
  WriteAccessOptions,
  assertNamespaceWritable,
  authorizeWrite,
  ownerInputSchema,
} from '../../ownership/writeAccess';

const ACTION_ID = 'platform:msa-deploy:add-service';

const inputSchema = z.object({
  serviceName: serviceNameSchema,
  entityRef: entityRefSchema,
  owner: ownerInputSchema,
  namespace: namespaceSchema.describe('Namespace the service is deployed to'),
  registryProject: registryProjectSchema,
  port: portSchema.default(80),
  replicas: replicasSchema.default(1),
  istioSidecar: z
    .boolean()
    .default(true)
    .describe('Inject the Istio sidecar into the pods'),
  imageTag: imageTagSchema
    .default('latest')
    .describe(
      'Initial image tag (the pipeline replaces it with the build number; an existing tag is kept)',
    ),
  maxAttempts: z
    .number()
    .int()
    .min(1)
    .max(20)
    .default(10)
    .describe(
      'Push attempts when another commit lands first (non-fast-forward)',
    ),
});

const outputSchema = z.object({
  commitSha: z
    .string()
    .describe(
      'msa_deploy commit holding the entry (HEAD when nothing changed)',
    ),
  changed: z.boolean().describe('Whether a new commit was pushed'),
  paths: z
    .array(z.string())
    .describe('Files written, relative to the repo root'),
  applicationPath: z
    .string()
    .describe('Path of the Argo CD Application manifest'),
  commitUrl: z.string().describe('Repository URL and commit, for links'),
  diff: z.string().optional().describe('Unified diff (dry run)'),
});

/** Options of {@link createMsaDeployAddServiceAction}. @public */
export interface MsaDeployActionOptions extends WriteAccessOptions {
  config: ScaffolderConfig;
  /**
   * Batch runs of this action instance that target the same repository and branch (default true): runs that
   * arrive while a push is under way commit one after another on one checkout and push together. Other
   * writers (other replicas, the pipeline) are still handled by the non-fast-forward retry.
   */
  serializeInProcess?: boolean;
}

/** Pause before re-trying a push that lost a race, spread so concurrent runs do not collide again. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random());
  return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * `platform:msa-deploy:add-service`: commits the service's deployment entry and its Argo CD Application
 * to msa_deploy over git, retrying on non-fast-forward; identical content makes no commit, and another
 * entity's entry is never replaced.
 *
 * @public
 */
export function createMsaDeployAddServiceAction(
  options: MsaDeployActionOptions,
) {
  const batcher = new CommitBatcher();
  const serialize = options.serializeInProcess ?? true;
  return createPlatformAction({
    id: ACTION_ID,
    description:
      'Adds the service to the msa_deploy GitOps repository (manifest or values entry + Argo CD Application) and pushes',
    examples,
    input: inputSchema,
    output: outputSchema,
    audit: componentWriteAudit(options.auditor, 'platform-msa-deploy-entry'),
    async handler(ctx, input, audit) {
      const config = options.config;
      const msaDeploy = requireConfig(
        config.msaDeploy,
        'platform.scaffolder.msaDeploy',
        ACTION_ID,
      );
      const registry = requireConfig(
        config.registry,
        'platform.scaffolder.registry',
        ACTION_ID,
      );
      const owner = await authorizeWrite(ctx, options.ownership, input);
      assertNamespaceWritable(config, { namespace: input.namespace, owner });
      const imageRepository = `${registry.host}/${input.registryProject}/${input.serviceName}`;
      const entryPath = deployEntryPath(msaDeploy.layout, input.serviceName);
      const appPath = applicationManifestPath(
        msaDeploy.appsPath,
        input.serviceName,
      );
      audit.target({
        repository: auditUrl(msaDeploy.repoUrl),
        branch: msaDeploy.branch,
        path: entryPath,
        applicationPath: appPath,
      });
      /** Whether the entry or its Application was there before the last apply (created vs updated). */
      let existedBefore = false;

      /** Writes the entry onto the current checkout; returns the paths it owns. */
      const apply = async (repo: GitRepository): Promise<string[]> => {
        const existingEntry = await repo.readFile(entryPath);
        const existingApp = await repo.readFile(appPath);
        existedBefore =
          existingEntry !== undefined || existingApp !== undefined;
        for (const [file, content] of [
          [entryPath, existingEntry],
          [appPath, existingApp],
        ] as const) {
          if (content === undefined) {
            continue;
          }
          const marks = marksFromDeployFile(content);
          await options.ownership.assertClaim(
            `msa_deploy file '${file}'`,
            marks,
            {
              owner,
              entityRef: input.entityRef,
            },
          );
          if (marks.namespace && marks.namespace !== input.namespace) {
            throw new ConflictError(
              `msa_deploy file '${file}' deploys ${input.serviceName} to namespace '${marks.namespace}'; refusing to move it to '${input.namespace}'`,
            );
          }
        }
        const tag =
          (existingEntry &&
            currentTag(existingEntry, msaDeploy.layout, imageRepository)) ||
          input.imageTag;
        const entryModel = {
          serviceName: input.serviceName,
          entityRef: input.entityRef,
          owner,
          namespace: input.namespace,
          imageRepository,
          imageTag: tag,
          port: input.port,
          replicas: input.replicas,
          pullSecretName: registry.secretName,
          istioSidecar: input.istioSidecar,
        };
        const files: Record<string, string> = {};
        if (msaDeploy.layout === 'manifest') {
          files[entryPath] = renderManifestEntry(entryModel);
        } else {
          files[entryPath] = renderValuesEntry(entryModel);
          for (const [name, content] of Object.entries(
            renderValuesChart(input.serviceName),
          )) {
            files[`services/${input.serviceName}/${name}`] = content;
          }
        }
        files[appPath] = stringify(
          serviceApplication(config, msaDeploy, { ...input, owner }),
          { lineWidth: 0 },
        );
        for (const [file, content] of Object.entries(files)) {
          await repo.writeFile(file, content);
        }
        return Object.keys(files).sort();
      };

      const clone = async () =>
        GitRepository.clone({
          remoteUrl: msaDeploy.repoUrl,
          dir: await ctx.createTemporaryDirectory(),
          branch: msaDeploy.branch,
          credentials: config.git,
          depth: 1,
        });

      const repoWebUrl = msaDeploy.repoUrl.replace(/\.git$/, '');
      ctx.output('applicationPath', appPath);

      if (ctx.isDryRun) {
        const repo = await clone();
        const paths = await apply(repo);
        const diff = await repo.stage(paths);
        ctx.output('paths', paths);
        ctx.output('diff', diff);
        ctx.output('changed', diff.length > 0);
        ctx.output('commitSha', (await repo.head()) ?? '');
        ctx.output('commitUrl', repoWebUrl);
        ctx.logger.info(
          diff
            ? `Dry run: would commit\n${diff}`
            : 'Dry run: msa_deploy already up to date',
        );
        return;
      }

      const message = `Add ${input.serviceName} (${input.entityRef}) to msa_deploy\n\nImage ${imageRepository}, namespace ${input.namespace}.\nWritten by Backstage ${ACTION_ID}.`;
      const author = {
        name: msaDeploy.authorName,
        email: msaDeploy.authorEmail,
      };
      /**
       * Applies and commits onto the checkout at `base` (no push); `changed` is whether it made a commit. Four git
       * calls at most (add, and the commit's three): every run of a batch makes them one after another.
       */
      const commitEntry = async (
        repo: GitRepository,
        base: string | undefined,
      ) => {
        const paths = await apply(repo);
        await repo.git(['add', '--all', '--', ...paths]);
        const sha = await repo.commit(message, author);
        const value = {
          commitSha: sha ?? base ?? '',
          changed: sha !== undefined,
          existed: sha === undefined || existedBefore,
          paths,
        };
        return { value, head: sha ?? base };
      };
      const onRetry = (attempt: number) =>
        ctx.logger.info(
          `msa_deploy moved while committing (attempt ${attempt}); re-applying onto the new head`,
        );

      const result = await ctx.checkpoint({
        key: `msa-deploy.add.${input.serviceName}.${input.entityRef}`,
        fn: () =>
          serialize
            ? batcher.run(`${msaDeploy.repoUrl}#${msaDeploy.branch}`, {
                branch: msaDeploy.branch,
                open: clone,
                step: commitEntry,
                maxAttempts: input.maxAttempts,
                onRetry,
              })
            : write(),
      });
      /** Alone, without the batcher: clone, commit, push, and re-apply on non-fast-forward. */
      async function write() {
        const repo = await clone();
        for (let attempt = 1; ; attempt++) {
          const { value: committed } = await commitEntry(
            repo,
            await repo.head(),
          );
          if (!committed.changed) {
            return committed;
          }
          const pushed = await repo.push(msaDeploy.branch);
          if (pushed.ok) {
            return committed;
          }
          if (
            pushed.reason !== 'non-fast-forward' ||
            attempt >= input.maxAttempts
          ) {
            throw new Error(
              `Pushing to msa_deploy failed after ${attempt} attempt(s): ${pushed.message}`,
            );
          }
          onRetry(attempt);
          await backoff(attempt);
          await repo.resetToRemote(msaDeploy.branch, 1);
        }
      }
      ctx.logger.info(
        result.changed
          ? `Committed ${result.commitSha} to msa_deploy: ${result.paths.join(
              ', ',
            )}`
          : `msa_deploy already holds ${input.serviceName}; no commit`,
      );
      ctx.output('commitSha', result.commitSha);
      ctx.output('changed', result.changed);
      ctx.output('paths', result.paths);
      ctx.output('commitUrl', `${repoWebUrl}/commit/${result.commitSha}`);
      let outcome: WriteOutcome = 'unchanged';
      if (result.changed) {
        outcome = result.existed ? 'updated' : 'created';
      }
      audit.outcome(outcome, { commit: result.commitSha });
    },
  });
}
