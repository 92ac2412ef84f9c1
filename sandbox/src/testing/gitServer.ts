/** A git server on an ephemeral port with a seeded msa_deploy, for tests. */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { MSA_DEPLOY, seedMsaDeploy } from '../git/msaDeploy.ts';
import { RepoRoot } from '../git/repos.ts';
import { createGitHandler } from '../git/server.ts';
import { mount, tempDir, type Mounted } from './helpers.ts';

export interface TestGit {
  url: string;
  deployUrl: string;
  repos: RepoRoot;
  events: EventEmitter;
  dir: string;
  server: Mounted;
  close: () => Promise<void>;
}

export async function startTestGit(): Promise<TestGit> {
  const { dir, cleanup } = tempDir('sandbox-git-test-');
  const repos = new RepoRoot(path.join(dir, 'repos'));
  const events = new EventEmitter();
  const server = await mount(
    createGitHandler({
      repos,
      username: 'platform',
      password: 'sandbox-git-token',
      events,
    }),
  );
  const deployUrl = `${server.url}/${MSA_DEPLOY.owner}/${MSA_DEPLOY.name}.git`;
  await seedMsaDeploy(repos, deployUrl);
  return {
    url: server.url,
    deployUrl,
    repos,
    events,
    dir,
    server,
    close: async () => {
      await server.close();
      cleanup();
    },
  };
}
