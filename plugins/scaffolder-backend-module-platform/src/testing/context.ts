// Test-only helper (not exported from the package).
// eslint-disable-next-line @backstage/no-undeclared-imports
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_OWNER } from './ownership';

const created: string[] = [];

/** A mock action context whose temporary directories are real (git needs them). */
export function mockContext(
  input: Record<string, unknown>,
  options: { isDryRun?: boolean; workspacePath?: string } = {},
) {
  // Every writing action records an owner; tests that are not about ownership use the mock user's team.
  const base = createMockActionContext({
    input: { owner: TEST_OWNER, ...input } as any,
    // The task's user as the scaffolder passes it (audit events name it as the initiator).
    user: { ref: 'user:default/mock' },
  });
  const ctx = {
    ...base,
    ...(options.workspacePath ? { workspacePath: options.workspacePath } : {}),
    isDryRun: options.isDryRun ?? false,
    createTemporaryDirectory: jest.fn(async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'action-'));
      created.push(dir);
      return dir;
    }),
  };
  return ctx;
}

/** Everything the action passed to ctx.output. */
export function outputsOf(ctx: { output: unknown }): Record<string, any> {
  return Object.fromEntries(
    (ctx.output as jest.Mock).mock.calls.map(([key, value]) => [key, value]),
  );
}

/** Removes the temporary directories of all contexts so far. */
export function cleanupContexts() {
  for (const dir of created.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
}
