import { testWriteAccess } from '../../testing/ownership';
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

// Each case runs git clone/commit/push against a git http-backend: ~1-5 s alone, several times that when the
// machine's cores are shared with other suites.
jest.setTimeout(30_000);

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

  let access = testWriteAccess();
  const run = (input: Record<string, unknown>, options = {}) => {
    const ctx = mockContext(input, { workspacePath: workspace, ...options });
    return createGitPublishAction({
      ...access,
      config: testConfig({ gitHost: git.host }),
    })
      .handler(ctx as any)
      .then(() => outputsOf(ctx));
  };
  beforeEach(() => {
    access = testWriteAccess();
  });

  describe('audit events', () => {
    const repoUrl = () => `${git.host}?owner=platform&repo=orders`;
    const target = () => ({
      repository: `${git.baseUrl}/platform/orders.git`,
      branch: 'main',
    });

    it('records the creation, then a re-run that left the repository unchanged', async () => {
      const first = await run({ repoUrl: repoUrl() });
      await run({ repoUrl: repoUrl() });
      expect(access.audited.events[0]).toEqual({
        eventId: 'platform-git-repository',
        severityLevel: 'medium',
        status: 'initiated',
        meta: {
          action: 'platform:git:publish',
          taskId: 'mock-task-id',
          initiator: 'user:default/mock',
          owner: 'group:default/platform-team',
        },
      });
      expect(access.audited.ended()).toEqual([
        expect.objectContaining({
          status: 'succeeded',
          meta: expect.objectContaining({
            service: 'orders',
            owner: 'group:default/platform-team',
            target: target(),
            outcome: 'created',
            commit: first.commitHash,
          }),
        }),
        expect.objectContaining({
          status: 'succeeded',
          meta: expect.objectContaining({
            target: target(),
            outcome: 'unchanged',
          }),
        }),
      ]);
    });

    it('records a refused overwrite and a refused owner as failures naming the repository', async () => {
      await run({ repoUrl: repoUrl() });
      writeFileSync(path.join(workspace, 'catalog-info.yaml'), 'kind: X\n');
      await expect(run({ repoUrl: repoUrl() })).rejects.toThrow(
        /never overwritten/,
      );
      expect(access.audited.ended()[1]).toEqual(
        expect.objectContaining({
          status: 'failed',
          error: expect.stringMatching(/never overwritten/),
          meta: expect.objectContaining({
            service: 'orders',
            target: target(),
          }),
        }),
      );
      access = testWriteAccess({ memberOf: ['group:default/other-team'] });
      await expect(run({ repoUrl: repoUrl() })).rejects.toThrow();
      const failed = access.audited.ended();
      expect(failed).toEqual([
        expect.objectContaining({
          status: 'failed',
          error: expect.stringMatching(/platform-team/),
          meta: expect.objectContaining({ target: target() }),
        }),
      ]);
      expect(failed[0].meta).not.toHaveProperty('outcome');
    });

    it('records nothing for a dry run, and a refused input without naming it', async () => {
      await run({ repoUrl: repoUrl() }, { isDryRun: true });
      expect(access.audited.events).toEqual([]);
      await expect(
        run({ repoUrl: repoUrl(), defaultBranch: 'a..b' }),
      ).rejects.toThrow(/defaultBranch/);
      expect(access.audited.ended()).toEqual([
        expect.objectContaining({
          eventId: 'platform-git-repository',
          status: 'failed',
          meta: {
            action: 'platform:git:publish',
            taskId: 'mock-task-id',
            initiator: 'user:default/mock',
          },
        }),
      ]);
    });

    it('never puts the git credentials in an event', async () => {
      await run({ repoUrl: repoUrl() });
      const text = JSON.stringify(access.audited.events);
      expect(text).not.toContain(GIT_TOKEN);
    });
  });

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
