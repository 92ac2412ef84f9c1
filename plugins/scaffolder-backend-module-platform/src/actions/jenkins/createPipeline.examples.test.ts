import { testOwnership } from '../../testing/ownership';
import { createJenkinsCreatePipelineAction } from './createPipeline';
import { examples } from './createPipeline.examples';
import { exampleInputs } from '../../testing/examples';
import { mockContext, outputsOf } from '../../testing/context';
import { examplesConfig } from '../../testing/config';

describe('platform:jenkins:create-pipeline examples', () => {
  it.each(exampleInputs(examples))('%s (dry run)', async (_description, input) => {
    const ctx = mockContext(input, { isDryRun: true });
    await createJenkinsCreatePipelineAction({ ownership: testOwnership(), config: examplesConfig() }).handler(ctx as any);
    const out = outputsOf(ctx);
    expect(out.jenkinsfile).toContain(`SERVICE_NAME = '${input.serviceName}'`);
    expect(out.configXml).toContain('<flow-definition');
  });
});
