import { testWriteAccess } from '../../testing/ownership';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGitPublishAction } from './publish';
import { examples } from './publish.examples';
import { exampleInputs } from '../../testing/examples';
import { mockContext, outputsOf } from '../../testing/context';
import { examplesConfig } from '../../testing/config';

describe('platform:git:publish examples', () => {
  it.each(exampleInputs(examples))(
    '%s (dry run)',
    async (_description, input) => {
      const workspace = mkdtempSync(path.join(os.tmpdir(), 'ws-'));
      writeFileSync(path.join(workspace, 'README.md'), 'x');
      const ctx = mockContext(input, {
        isDryRun: true,
        workspacePath: workspace,
      });
      await createGitPublishAction({
        ...testWriteAccess(),
        config: examplesConfig(),
      }).handler(ctx as any);
      expect(outputsOf(ctx).remoteUrl).toBe(
        'http://127.0.0.1:17080/platform/msa-nginx.git',
      );
      rmSync(workspace, { recursive: true, force: true });
    },
  );
});
