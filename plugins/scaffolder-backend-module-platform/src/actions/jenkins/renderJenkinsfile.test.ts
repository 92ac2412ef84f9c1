import { existsSync } from 'node:fs';
import path from 'node:path';
import { createJenkinsRenderJenkinsfileAction } from './renderJenkinsfile';
import { mockContext } from '../../testing/context';
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
    await createJenkinsRenderJenkinsfileAction({ config: examplesConfig() }).handler(ctx as any);
    expect(existsSync(path.join(ctx.workspacePath, 'ci/Jenkinsfile'))).toBe(true);
  });

  it('refuses a scriptPath leaving the workspace', async () => {
    const ctx = mockContext({ ...input, scriptPath: '../../outside' });
    await expect(createJenkinsRenderJenkinsfileAction({ config: examplesConfig() }).handler(ctx as any)).rejects.toThrow(
      /Invalid input: scriptPath/,
    );
  });

  it('fails with the config key when msa_deploy is not configured', async () => {
    const ctx = mockContext(input);
    await expect(
      createJenkinsRenderJenkinsfileAction({ config: examplesConfig({ msaDeploy: undefined }) }).handler(ctx as any),
    ).rejects.toThrow("needs the 'platform.scaffolder.msaDeploy' config section");
  });
});
