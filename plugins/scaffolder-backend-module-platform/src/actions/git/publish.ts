import { ConflictError, InputError } from '@backstage/errors';
import {
  GitRepository,
  ScaffolderConfig,
} from '@paved-road/backstage-plugin-platform-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  branchSchema,
  oneLineTextSchema,
  repoRelativePathSchema,
} from '../../schemas/fields';
import { createPlatformAction } from '../createPlatformAction';
import { parseRepoLocation } from './repoLocation';
import { auditUrl } from '../../audit/auditMeta';
import { examples } from './publish.examples';
import { marksFromCatalogInfo } from '../../ownership/ownerMarks';
import {
  WriteAccessOptions,
  authorizeWrite,
  ownerInputSchema,
} from '../../ownership/writeAccess';

const ACTION_ID = 'platform:git:publish';

const inputSchema = z.object({
  repoUrl: z
    .string()
    .max(300)
    .describe(
      'Repository location as the RepoUrlPicker writes it: host?owner=<owner>&repo=<repo>',
    ),
  owner: ownerInputSchema,
  defaultBranch: branchSchema.default('main').describe('Branch to create'),
  sourcePath: repoRelativePathSchema
    .optional()
    .describe('Sub-folder of the workspace to publish'),
  gitCommitMessage: oneLineTextSchema
    .regex(/\S/, 'must not be blank')
    .default('Initial commit')
    .describe('Commit message'),
});

const outputSchema = z.object({
  remoteUrl: z.string().describe('Clone URL of the repository'),
  repoContentsUrl: z
    .string()
    .describe('Base URL of the files on the default branch'),
  catalogInfoUrl: z
    .string()
    .describe('URL of catalog-info.yaml in the repository'),
  commitHash: z.string().describe('Commit on the default branch'),
  created: z
    .boolean()
    .describe(
      'False when the repository already existed (same content, or owned by the same owner: left as it is)',
    ),
});

/** Options of {@link createGitPublishAction}. @public */
export interface GitPublishActionOptions extends WriteAccessOptions {
  config: ScaffolderConfig;
}

/** The remote head when its tree equals HEAD's, '' when it differs, undefined when the branch does not exist. */
async function sameTree(
  repo: GitRepository,
  branch: string,
): Promise<string | undefined> {
  const local = (await repo.git(['rev-parse', 'HEAD^{tree}'])).trim();
  try {
    await repo.fetchBranch(branch);
  } catch {
    return undefined;
  }
  const remote = (
    await repo.git(['rev-parse', `refs/remotes/origin/${branch}^{tree}`])
  ).trim();
  return local === remote
    ? (await repo.git(['rev-parse', `refs/remotes/origin/${branch}`])).trim()
    : '';
}

/**
 * `platform:git:publish`: pushes the workspace as the first commit of a repository on a git smart-HTTP host
 * listed in `platform.scaffolder.allowedGitHosts` (hosts that create repositories on first push, such as the
 * sandbox). Re-running with the same content is a no-op; a repository with other content is never touched.
 *
 * @public
 */
export function createGitPublishAction(options: GitPublishActionOptions) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      'Publishes the workspace to a new repository on an allowed git smart-HTTP host (push-to-create)',
    examples,
    input: inputSchema,
    output: outputSchema,
    audit: {
      auditor: options.auditor,
      eventId: 'platform-git-repository',
      subject: input => ({ owner: input.owner }),
    },
    async handler(ctx, input, audit) {
      const target = parseRepoLocation(input.repoUrl, options.config);
      audit.target(
        {
          repository: auditUrl(target.remoteUrl),
          branch: input.defaultBranch,
        },
        target.repo,
      );
      const owner = await authorizeWrite(ctx, options.ownership, input);
      const branch = input.defaultBranch;
      // Gitea's URL shape (the sandbox git host serves it, and Backstage's gitea integration and
      // FetchUrlReader both read catalog-info.yaml from it): <web>/src/branch/<branch>/<path>.
      const repoContentsUrl = `${target.webUrl}/src/branch/${branch}`;
      ctx.output('remoteUrl', target.remoteUrl);
      ctx.output('repoContentsUrl', repoContentsUrl);
      ctx.output('catalogInfoUrl', `${repoContentsUrl}/catalog-info.yaml`);
      const source = input.sourcePath
        ? path.resolve(ctx.workspacePath, input.sourcePath)
        : ctx.workspacePath;
      if (!source.startsWith(path.resolve(ctx.workspacePath))) {
        throw new InputError('sourcePath leaves the workspace');
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would publish ${source} to ${target.remoteUrl} (${branch})`,
        );
        ctx.output('commitHash', '');
        ctx.output('created', true);
        return;
      }
      const result = await ctx.checkpoint({
        key: `git.publish.${target.remoteUrl}.${branch}`,
        fn: async () => {
          const dir = await ctx.createTemporaryDirectory();
          await fs.cp(source, dir, {
            recursive: true,
            filter: file => path.basename(file) !== '.git',
          });
          const repo = await GitRepository.init({
            dir,
            remoteUrl: target.remoteUrl,
            branch,
            credentials: options.config.git,
          });
          await repo.stage();
          const sha = await repo.commit(input.gitCommitMessage, {
            name: 'Backstage Scaffolder',
            email: 'scaffolder@backstage.local',
          });
          if (!sha) {
            throw new InputError('Nothing to publish: the workspace is empty');
          }
          let existing = await sameTree(repo, branch);
          if (existing === undefined) {
            const pushed = await repo.push(branch);
            if (pushed.ok) {
              return { commitHash: sha, created: true };
            }
            // A concurrent run may have created it first: judge what is there now like any existing repository.
            existing = await sameTree(repo, branch);
            if (existing === undefined) {
              throw new Error(
                `Publishing to ${target.remoteUrl} failed: ${pushed.message}`,
              );
            }
          }
          if (existing) {
            return { commitHash: existing, created: false };
          }
          // Another content: the repository is the owner's to evolve; it is never overwritten, only left as it is
          // when it belongs to the same owner and component.
          const remoteCatalogInfo = await repo
            .git(['show', `refs/remotes/origin/${branch}:catalog-info.yaml`])
            .catch(() => undefined);
          const localCatalogInfo = await repo.readFile('catalog-info.yaml');
          const marks = remoteCatalogInfo
            ? marksFromCatalogInfo(remoteCatalogInfo)
            : {};
          const wanted = localCatalogInfo
            ? marksFromCatalogInfo(localCatalogInfo).entityRef
            : undefined;
          const verdict = await options.ownership.checkClaim(
            `Repository ${target.remoteUrl}`,
            marks,
            {
              owner,
              entityRef: wanted,
            },
          );
          if (!verdict.ok) {
            throw new ConflictError(
              `${verdict.message} (its '${branch}' branch has other content and is never overwritten)`,
            );
          }
          const head = (
            await repo.git(['rev-parse', `refs/remotes/origin/${branch}`])
          ).trim();
          return { commitHash: head, created: false };
        },
      });
      ctx.logger.info(
        result.created
          ? `Published ${target.remoteUrl} (${branch}) at ${result.commitHash}`
          : `${target.remoteUrl} already exists for ${owner} at ${result.commitHash}; left as it is`,
      );
      ctx.output('commitHash', result.commitHash);
      ctx.output('created', result.created);
      audit.outcome(result.created ? 'created' : 'unchanged', {
        commit: result.commitHash,
      });
    },
  });
}
