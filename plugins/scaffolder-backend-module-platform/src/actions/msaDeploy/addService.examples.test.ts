import { testWriteAccess } from '../../testing/ownership';
import { rmSync } from 'node:fs';
import { createMsaDeployAddServiceAction } from './addService';
import { examples } from './addService.examples';
import { exampleInputs } from '../../testing/examples';
import {
  GitHttpServer,
  readBareFile,
  seedBareRepo,
  startGitHttpServer,
} from '../../testing/gitHttpServer';
import { cleanupContexts, mockContext, outputsOf } from '../../testing/context';
import { GIT_TOKEN, GIT_USER, testConfig } from '../../testing/config';

// Each case runs git clone/commit/push against a git http-backend: ~1-5 s alone, several times that when the
// machine's cores are shared with other suites.
jest.setTimeout(30_000);

describe('platform:msa-deploy:add-service examples', () => {
  let git: GitHttpServer;
  beforeEach(async () => {
    git = await startGitHttpServer({ username: GIT_USER, token: GIT_TOKEN });
    seedBareRepo(git.root, 'platform/msa_deploy.git', {
      'README.md': 'msa_deploy\n',
    });
  });
  afterEach(async () => {
    await git.close();
    rmSync(git.root, { recursive: true, force: true });
    cleanupContexts();
  });

  it.each(exampleInputs(examples))('%s', async (_description, input) => {
    const ctx = mockContext(input);
    await createMsaDeployAddServiceAction({
      ...testWriteAccess(),
      config: testConfig({ gitHost: git.host }),
    }).handler(ctx as any);
    expect(outputsOf(ctx).changed).toBe(true);
    expect(
      readBareFile(
        `${git.root}/platform/msa_deploy.git`,
        `apps/${input.serviceName}.yaml`,
      ),
    ).toContain('kind: Application');
  });
});
