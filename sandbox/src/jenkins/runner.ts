/**
 * "Runs" a pipeline the way docs/integration-contract.md describes: read the Jenkinsfile (inline or from
 * the job's SCM), take its environment header, clone the deploy repo, set the image tag to the build
 * number, commit `updated the image tag to <n>` and push with the sandbox git credentials.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runGit } from '../git/gitCli.ts';
import { bumpManifest, bumpValues } from './bump.ts';
import { readPipelineHeader } from './jenkinsfile.ts';
import type { Result } from './model.ts';
import { child, find, parseXml } from './xml.ts';

export interface RunContext {
  buildNumber: number;
  /** origin of the sandbox git server; credentials are only sent there */
  gitBaseUrl: string;
  gitUsername: string;
  gitPassword: string;
  log: (line: string) => void;
}

export type PipelineDefinition =
  | { kind: 'inline'; script: string }
  | { kind: 'scm'; url: string; branch: string; scriptPath: string }
  | { kind: 'none' };

/** What a job's config.xml says about where its pipeline comes from. */
export function pipelineDefinition(configXml: string): PipelineDefinition {
  const root = parseXml(configXml);
  if (root.name !== 'flow-definition') return { kind: 'none' };
  const def = child(root, 'definition');
  if (!def) return { kind: 'none' };
  const cls = def.attrs.class ?? '';
  if (cls.endsWith('CpsFlowDefinition'))
    return { kind: 'inline', script: child(def, 'script')?.text ?? '' };
  if (cls.endsWith('CpsScmFlowDefinition')) {
    const urlEl = find(def, 'url');
    const branchEl = find(def, 'branches');
    const name = branchEl ? find(branchEl, 'name')?.text.trim() : undefined;
    return {
      kind: 'scm',
      url: urlEl?.text.trim() ?? '',
      branch:
        (name ?? '*/main').replace(/^\*\//, '').replace(/^refs\/heads\//, '') ||
        'main',
      scriptPath: child(def, 'scriptPath')?.text.trim() || 'Jenkinsfile',
    };
  }
  return { kind: 'none' };
}

function authArgs(ctx: RunContext, url: string): string[] {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(ctx.gitBaseUrl);
  } catch {
    return [];
  }
  if (target.origin !== base.origin) return [];
  const token = Buffer.from(`${ctx.gitUsername}:${ctx.gitPassword}`).toString(
    'base64',
  );
  return ['-c', `http.extraHeader=Authorization: Basic ${token}`];
}

const GIT_NET_ENV = { GIT_ALLOW_PROTOCOL: 'http:https' };
/** push attempts of the generated Jenkinsfile's deploy step, and its random wait between them */
const PUSH_ATTEMPTS = 8;
const pushBackoffMs = (attempt: number) =>
  attempt * (200 + Math.random() * 1500);

function checkUrl(url: string): void {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new Error(`unsupported SCM URL ${url}`);
}

async function loadScript(
  def: PipelineDefinition,
  ctx: RunContext,
  work: string,
): Promise<string> {
  if (def.kind === 'inline') return def.script;
  if (def.kind === 'scm') {
    checkUrl(def.url);
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(def.branch))
      throw new Error(`invalid branch ${def.branch}`);
    if (
      def.scriptPath.split('/').some(s => s === '..') ||
      def.scriptPath.startsWith('/')
    )
      throw new Error(`invalid scriptPath ${def.scriptPath}`);
    const dir = path.join(work, 'scm');
    ctx.log(`Obtained ${def.scriptPath} from git ${def.url}`);
    await runGit(
      [
        ...authArgs(ctx, def.url),
        'clone',
        '--quiet',
        '--depth',
        '1',
        '--branch',
        def.branch,
        '--',
        def.url,
        dir,
      ],
      { env: GIT_NET_ENV },
    );
    return fs.readFile(path.join(dir, def.scriptPath), 'utf8');
  }
  throw new Error('this job has no pipeline definition');
}

export async function runPipeline(
  configXml: string,
  ctx: RunContext,
): Promise<{ result: Result; deployCommit?: string }> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'sandbox-jenkins-'));
  try {
    const def = pipelineDefinition(configXml);
    if (def.kind === 'none') {
      ctx.log('[Pipeline] nothing to run');
      return { result: 'SUCCESS' };
    }
    const script = await loadScript(def, ctx, work);
    const h = readPipelineHeader(script);
    ctx.log(
      `[Pipeline] { (Build) } kaniko --destination=${h.IMAGE_REPOSITORY}:${ctx.buildNumber}`,
    );
    ctx.log(
      `[Pipeline] { (Deploy) } git clone ${h.DEPLOY_REPO_URL} (branch ${h.DEPLOY_BRANCH})`,
    );
    const dir = path.join(work, 'deploy');
    const auth = authArgs(ctx, h.DEPLOY_REPO_URL);
    await runGit(
      [
        ...auth,
        'clone',
        '--quiet',
        '--branch',
        h.DEPLOY_BRANCH,
        '--',
        h.DEPLOY_REPO_URL,
        dir,
      ],
      { env: GIT_NET_ENV },
    );
    const file = path.join(dir, h.DEPLOY_FILE);
    if (!file.startsWith(dir + path.sep))
      throw new Error('DEPLOY_FILE escapes the repository');
    const before = await fs.readFile(file, 'utf8');
    const tag = String(ctx.buildNumber);
    const after =
      h.DEPLOY_LAYOUT === 'manifest'
        ? bumpManifest(before, h.IMAGE_REPOSITORY, tag)
        : bumpValues(before, h.IMAGE_REPOSITORY, tag);
    ctx.log(`+ set ${h.IMAGE_REPOSITORY} tag to ${tag} in ${h.DEPLOY_FILE}`);
    if (after === before) {
      ctx.log('nothing to commit, working tree clean');
      return { result: 'SUCCESS' };
    }
    await fs.writeFile(file, after);
    await runGit(['add', '--', h.DEPLOY_FILE], { cwd: dir });
    await runGit(
      ['commit', '--quiet', '-m', `updated the image tag to ${tag}`],
      {
        cwd: dir,
        env: {
          GIT_AUTHOR_NAME: 'Jenkins',
          GIT_AUTHOR_EMAIL: 'jenkins@sandbox.local',
          GIT_COMMITTER_NAME: 'Jenkins',
          GIT_COMMITTER_EMAIL: 'jenkins@sandbox.local',
        },
      },
    );
    ctx.log(
      `[main ${(await runGit(['rev-parse', 'HEAD'], { cwd: dir })).stdout
        .trim()
        .slice(0, 7)}] updated the image tag to ${tag}`,
    );
    // As the generated Jenkinsfile's push step: up to 8 pushes, a random wait and `git pull --rebase` after
    // each rejection (another build or the scaffolder committed to msa_deploy meanwhile).
    const committer = {
      GIT_COMMITTER_NAME: 'Jenkins',
      GIT_COMMITTER_EMAIL: 'jenkins@sandbox.local',
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await runGit(
          [
            ...auth,
            'push',
            '--quiet',
            'origin',
            `HEAD:refs/heads/${h.DEPLOY_BRANCH}`,
          ],
          { cwd: dir, env: GIT_NET_ENV },
        );
        break;
      } catch (error) {
        if (attempt >= PUSH_ATTEMPTS) throw error;
        ctx.log(
          `push rejected (attempt ${attempt}/${PUSH_ATTEMPTS}); git pull --rebase origin ${h.DEPLOY_BRANCH}`,
        );
        await new Promise(resolve =>
          setTimeout(resolve, pushBackoffMs(attempt)),
        );
        await runGit(
          [...auth, 'pull', '--quiet', '--rebase', 'origin', h.DEPLOY_BRANCH],
          { cwd: dir, env: { ...GIT_NET_ENV, ...committer } },
        );
      }
    }
    const sha = (
      await runGit(['rev-parse', 'HEAD'], { cwd: dir })
    ).stdout.trim();
    ctx.log(
      `To ${h.DEPLOY_REPO_URL}\n   ${h.DEPLOY_BRANCH} -> ${h.DEPLOY_BRANCH}`,
    );
    return { result: 'SUCCESS', deployCommit: sha };
  } catch (e) {
    ctx.log(`ERROR: ${(e as Error).message}`);
    return { result: 'FAILURE' };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
