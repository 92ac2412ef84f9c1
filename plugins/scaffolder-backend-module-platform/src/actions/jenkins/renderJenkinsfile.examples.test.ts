import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createJenkinsRenderJenkinsfileAction } from './renderJenkinsfile';
import { examples } from './renderJenkinsfile.examples';
import { exampleInputs } from '../../testing/examples';
import { mockContext, outputsOf } from '../../testing/context';
import { examplesConfig } from '../../testing/config';

describe('platform:jenkins:render-jenkinsfile examples', () => {
  it.each(exampleInputs(examples))('%s', async (_description, input) => {
    const ctx = mockContext(input);
    await createJenkinsRenderJenkinsfileAction({
      config: examplesConfig(),
    }).handler(ctx as any);
    const written = readFileSync(
      path.join(ctx.workspacePath, 'Jenkinsfile'),
      'utf8',
    );
    expect(written).toBe(outputsOf(ctx).jenkinsfile);
    expect(written).toContain("DEPLOY_FILE = 'msa-nginx.yaml'");
  });
});
