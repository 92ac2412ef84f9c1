import { GitAuthor, GitRepository } from '../clients/git/GitRepository';
import { GitCredentials } from '../clients/git/runGit';
import {
  ImageTagPlan,
  ImageTagRequest,
  msaDeployEntryPath,
  planImageTag,
} from './planImageTag';

/** Where msa_deploy lives and who commits to it. @public */
export interface MsaDeployTarget {
  repoUrl: string;
  branch: string;
  credentials?: GitCredentials;
  author: GitAuthor;
}

/** Options of {@link deployImageTag}. @public */
export interface DeployImageTagOptions {
  target: MsaDeployTarget;
  request: ImageTagRequest;
  /** A fresh, empty directory for the clone; the caller removes it. */
  dir: string;
  /** Commit message (the writer adds nothing to it). */
  message: string;
  /** Only plan and return the diff; nothing is committed. */
  dryRun?: boolean;
  /** Push attempts when another commit lands first (default 8, as the pipeline's bump). */
  maxAttempts?: number;
  /** Pause between attempts (default: growing and jittered, as the pipeline's). */
  backoff?: (attempt: number) => Promise<void>;
}

/** What a deploy did (or, on a dry run, would do). @public */
export type DeployImageTagResult =
  | {
      ok: true;
      path: string;
      previousTag: string;
      tag: string;
      /** Unified diff of the commit (or of the planned commit on a dry run). */
      diff: string;
      /** The pushed commit; absent on a dry run. */
      commitSha?: string;
      attempts: number;
    }
  | Extract<ImageTagPlan, { ok: false }>;

function defaultBackoff(attempt: number): Promise<void> {
  const ms = Math.min(2000, 100 * 2 ** attempt) * (0.5 + Math.random());
  return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * Sets a service's image tag in msa_deploy and pushes one commit, the way the pipeline bumps it: on a
 * non-fast-forward push the clone is reset to the new head and the edit planned again (so a refusal that became
 * true meanwhile, e.g. the tag went live, is reported rather than overwritten).
 *
 * @public
 */
export async function deployImageTag(
  options: DeployImageTagOptions,
): Promise<DeployImageTagResult> {
  const { target, request } = options;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoff ?? defaultBackoff;
  const repo = await GitRepository.clone({
    remoteUrl: target.repoUrl,
    dir: options.dir,
    branch: target.branch,
    credentials: target.credentials,
    depth: 1,
  });
  const entryPath = msaDeployEntryPath(request.layout, request.serviceName);
  for (let attempt = 1; ; attempt++) {
    const plan = planImageTag(await repo.readFile(entryPath), request);
    if (!plan.ok) {
      return plan;
    }
    await repo.writeFile(plan.path, plan.content);
    const diff = await repo.stage([plan.path]);
    const done = {
      ok: true as const,
      path: plan.path,
      previousTag: plan.previousTag,
      tag: plan.tag,
      diff,
      attempts: attempt,
    };
    if (options.dryRun) {
      return done;
    }
    const commitSha = await repo.commit(options.message, target.author);
    const pushed = await repo.push(target.branch);
    if (pushed.ok) {
      return { ...done, commitSha };
    }
    if (pushed.reason !== 'non-fast-forward' || attempt >= maxAttempts) {
      throw new Error(
        `Pushing to msa_deploy failed after ${attempt} attempt(s): ${pushed.message}`,
      );
    }
    await backoff(attempt);
    await repo.resetToRemote(target.branch, 1);
  }
}
