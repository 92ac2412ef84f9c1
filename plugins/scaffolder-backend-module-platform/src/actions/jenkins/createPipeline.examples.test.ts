import { testWriteAccess } from '../../testing/ownership';
import { createJenkinsCreatePipelineAction } from './createPipeline';
import { examples } from './createPipeline.examples';
import { exampleInputs } from '../../testing/examples';
import { mockContext, outputsOf } from '../../testing/context';
import { examplesConfig } from '../../testing/config';
import { useFakeJenkins } from '../../testing/fakeJenkins';

describe('platform:jenkins:create-pipeline examples', () => {
  const jenkins = useFakeJenkins();
  it.each(exampleInputs(examples))(
    '%s (dry run)',
    async (_description, input) => {
      const ctx = mockContext(input, { isDryRun: true });
      const config = examplesConfig();
      config.jenkins!.instance.url = jenkins().url;
      await createJenkinsCreatePipelineAction({
        ...testWriteAccess(),
        config,
      }).handler(ctx as any);
      const out = outputsOf(ctx);
      expect(out.jenkinsfile).toContain(
        `SERVICE_NAME = '${input.serviceName}'`,
      );
      expect(out.configXml).toContain('<flow-definition');
      // a dry run reads (ownership of existing folders and job) and never writes
      expect(jenkins().requests.filter(r => r.method !== 'GET')).toHaveLength(
        0,
      );
    },
  );
});
