import { testOwnership } from '../../testing/ownership';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync } from 'node:fs';
import { createGitPublishAction } from './publish';
import {
  GitHttpServer,
  readBareFile,
  startGitHttpServer,
} from '../../testing/gitHttpServer';
import { cleanupContexts, mockContext, outputsOf } from '../../testing/context';
import { GIT_TOKEN, GIT_USER, testConfig } from '../../testing/config';
import { gitUrlSchema } from '../../schemas/fields';

describe('platform:git:publish', () => {
  let git: GitHttpServer;
  let workspace: string;

  beforeEach(async () => {
    git = await startGitHttpServer({ username: GIT_USER, token: GIT_TOKEN });
    workspace = mkdtempSync(path.join(os.tmpdir(), 'ws-'));
    writeFileSync(
      path.join(workspace, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    mkdirSync(path.join(workspace, 'src'));
    writeFileSync(path.join(workspace, 'src', 'index.html'), '<h1>hi</h1>\n');
  });
  afterEach(async () => {
    await git.close();
    rmSync(git.root, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
    cleanupContexts();
  });

  const run = (input: Record<string, unknown>, options = {}) => {
    const ctx = mockContext(input, { workspacePath: workspace, ...options });
    return createGitPublishAction({
      ownership: testOwnership(),
      config: testConfig({ gitHost: git.host }),
    })
      .handler(ctx as any)
      .then(() => outputsOf(ctx));
  };

  it('creates the repository on first push and outputs its URLs', async () => {
    const out = await run({
      repoUrl: `${git.host}?owner=platform&repo=orders`,
    });
    expect(out).toMatchObject({
      remoteUrl: `${git.baseUrl}/platform/orders.git`,
      repoContentsUrl: `${git.baseUrl}/platform/orders/src/branch/main`,
      catalogInfoUrl: `${git.baseUrl}/platform/orders/src/branch/main/catalog-info.yaml`,
      created: true,
    });
    expect(
      readBareFile(
        path.join(git.root, 'platform/orders.git'),
        'src/index.html',
      ),
    ).toBe('<h1>hi</h1>\n');
    expect(git.requests.every(r => !r.url.includes(GIT_TOKEN))).toBe(true);
  });

  it('is a no-op when the same content is published again, and refuses other content', async () => {
    const first = await run({
      repoUrl: `${git.host}?owner=platform&repo=orders`,
    });
    const second = await run({
      repoUrl: `${git.host}?owner=platform&repo=orders`,
    });
    expect(second).toMatchObject({
      created: false,
      commitHash: first.commitHash,
    });
    writeFileSync(path.join(workspace, 'catalog-info.yaml'), 'kind: Other\n');
    // The repository records no owner (no catalog-info.yaml owner was published first): never overwritten.
    await expect(
      run({ repoUrl: `${git.host}?owner=platform&repo=orders` }),
    ).rejects.toThrow(
      /orders.git exists and records no owner .*never overwritten/,
    );
  });

  it.each([
    [
      'evil.example?owner=a&repo=b',
      /not in platform.scaffolder.allowedGitHosts/,
    ],
    ['HOST?owner=../x&repo=b', /./],
    [
      '127.0.0.1:1?owner=a&repo=b',
      /not in platform.scaffolder.allowedGitHosts/,
    ],
  ])('rejects repoUrl %s', async (repoUrl, message) => {
    await expect(run({ repoUrl })).rejects.toThrow(message);
  });

  it('rejects owner/repo traversal on an allowed host', async () => {
    await expect(
      run({ repoUrl: `${git.host}?owner=..&repo=b` }),
    ).rejects.toThrow(/owner '..'/);
    await expect(
      run({ repoUrl: `${git.host}?owner=a&repo=b/../../c` }),
    ).rejects.toThrow(/repo 'b\/..\/..\/c'/);
    expect(git.requests).toHaveLength(0);
  });

  it('outputs a remoteUrl that create-pipeline accepts, for the longest owner and repo it allows', async () => {
    // create-pipeline runs after publish and msa-deploy: a name publish takes must not be refused there.
    const [owner, repo] = ['o'.repeat(100), 'r'.repeat(100)];
    const out = await run({
      repoUrl: `${git.host}?owner=${owner}&repo=${repo}`,
    });
    expect(out.remoteUrl).toBe(`${git.baseUrl}/${owner}/${repo}.git`);
    expect(gitUrlSchema.safeParse(out.remoteUrl)).toMatchObject({
      success: true,
    });
    await expect(
      run({ repoUrl: `${git.host}?owner=a&repo=${'r'.repeat(101)}` }),
    ).rejects.toThrow(/repo 'r+' must be 1-100/);
  });

  it.each([
    [
      { defaultBranch: 'a/.hidden' },
      /Invalid input: defaultBranch: not a valid git branch name/,
    ],
    [
      { defaultBranch: 'main.' },
      /Invalid input: defaultBranch: not a valid git branch name/,
    ],
    [
      { defaultBranch: 'x.lock/y' },
      /Invalid input: defaultBranch: not a valid git branch name/,
    ],
    [
      { defaultBranch: 'HEAD' },
      /Invalid input: defaultBranch: not a valid git branch name/,
    ],
    [
      { defaultBranch: '-main' },
      /Invalid input: defaultBranch: letters, digits/,
    ],
    [
      { gitCommitMessage: '   ' },
      /Invalid input: gitCommitMessage: must not be blank/,
    ],
    [
      { gitCommitMessage: 'subject\nTrailer: forged' },
      /Invalid input: gitCommitMessage: a single line/,
    ],
  ])('rejects %j before touching git', async (input, message) => {
    await expect(
      run({ repoUrl: `${git.host}?owner=platform&repo=orders`, ...input }),
    ).rejects.toThrow(message);
    expect(git.requests).toHaveLength(0);
  });
});
