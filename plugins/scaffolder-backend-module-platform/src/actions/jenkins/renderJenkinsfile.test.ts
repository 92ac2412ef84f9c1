import { existsSync } from 'node:fs';
import path from 'node:path';
import { createJenkinsRenderJenkinsfileAction } from './renderJenkinsfile';
import { mockContext, outputsOf } from '../../testing/context';
import { examplesConfig } from '../../testing/config';

const input = {
  serviceName: 'orders',
  entityRef: 'component:default/orders',
  registryProject: 'msa',
  sourceRepoUrl: 'https://git.example.com/platform/orders.git',
};

describe('platform:jenkins:render-jenkinsfile', () => {
  it('writes the Jenkinsfile at scriptPath inside the workspace', async () => {
    const ctx = mockContext({ ...input, scriptPath: 'ci/Jenkinsfile' });
    await createJenkinsRenderJenkinsfileAction({
      config: examplesConfig(),
    }).handler(ctx as any);
    expect(existsSync(path.join(ctx.workspacePath, 'ci/Jenkinsfile'))).toBe(
      true,
    );
  });

  it('refuses a scriptPath leaving the workspace', async () => {
    const ctx = mockContext({ ...input, scriptPath: '../../outside' });
    await expect(
      createJenkinsRenderJenkinsfileAction({
        config: examplesConfig(),
      }).handler(ctx as any),
    ).rejects.toThrow(/Invalid input: scriptPath/);
  });

  it('fails with the config key when msa_deploy is not configured', async () => {
    const ctx = mockContext(input);
    await expect(
      createJenkinsRenderJenkinsfileAction({
        config: examplesConfig({ msaDeploy: undefined }),
      }).handler(ctx as any),
    ).rejects.toThrow(
      "needs the 'platform.scaffolder.msaDeploy' config section",
    );
  });

  describe('repoUrl (the template passes the wizard value before it publishes)', () => {
    const { sourceRepoUrl: _unused, ...withoutSource } = input;

    it('refuses a host outside platform.scaffolder.allowedGitHosts and writes nothing', async () => {
      const ctx = mockContext({
        ...withoutSource,
        repoUrl: 'github.com?owner=platform&repo=orders',
      });
      await expect(
        createJenkinsRenderJenkinsfileAction({
          config: examplesConfig(),
        }).handler(ctx as any),
      ).rejects.toThrow(
        "repoUrl: host 'github.com' is not in platform.scaffolder.allowedGitHosts (git.example.com, 127.0.0.1:17080)",
      );
      expect(existsSync(path.join(ctx.workspacePath, 'Jenkinsfile'))).toBe(
        false,
      );
    });

    it('refuses owner or repo names publish would refuse', async () => {
      const ctx = mockContext({
        ...withoutSource,
        repoUrl: 'git.example.com?owner=..&repo=orders',
      });
      await expect(
        createJenkinsRenderJenkinsfileAction({
          config: examplesConfig(),
        }).handler(ctx as any),
      ).rejects.toThrow(/repoUrl: owner '\.\.'/);
    });

    it('renders the same Jenkinsfile as without it when the host is allowed', async () => {
      const action = createJenkinsRenderJenkinsfileAction({
        config: examplesConfig(),
      });
      const withRepo = mockContext({
        ...withoutSource,
        repoUrl: '127.0.0.1:17080?owner=platform&repo=orders',
      });
      const without = mockContext(withoutSource);
      await action.handler(withRepo as any);
      await action.handler(without as any);
      expect(outputsOf(withRepo).jenkinsfile).toContain('pipeline {');
      expect(outputsOf(withRepo).jenkinsfile).toEqual(
        outputsOf(without).jenkinsfile,
      );
    });
  });
});
