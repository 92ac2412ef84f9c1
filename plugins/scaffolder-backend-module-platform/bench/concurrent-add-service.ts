/**
 * 20 concurrent `platform:msa-deploy:add-service` runs into one msa_deploy remote served by real git
 * (`git http-backend`), as 20 people pressing "Create" at once would.
 *
 *   node plugins/scaffolder-backend-module-platform/bench/concurrent-add-service.ts [runs]
 *
 * Prints landed=<n>/<m> (entries present on main afterwards), task_p50_s and task_p95_s for the action as
 * configured (runs in one backend serialised per repository), then the same for `serializeInProcess: false`
 * (every run races every other, only the non-fast-forward retry keeps them whole), as separate backends would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
// The actions are TypeScript with extensionless imports; Backstage's own transform loads them.
require('@backstage/cli/config/nodeTransform.cjs');

const {
  createMsaDeployAddServiceAction,
} = require('../src/actions/msaDeploy/addService');
const {
  startGitHttpServer,
  seedBareRepo,
  readBareFile,
  commitCount,
} = require('../src/testing/gitHttpServer');
const { testConfig, GIT_USER, GIT_TOKEN } = require('../src/testing/config');
const { ServiceOwnership } = require('../src/ownership/ServiceOwnership');

const OWNER = 'group:default/platform-team';

/**
 * The real ownership check over in-memory services (no jest here, so not the test mocks): the owner group
 * exists and the task's user is a member of it. Audit events are created and dropped.
 */
function writeAccess() {
  const ownership = new ServiceOwnership({
    catalog: {
      getEntityByRef: async (ref: string) =>
        ref === OWNER
          ? {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'platform-team', namespace: 'default' },
              spec: { type: 'team', children: [] },
            }
          : undefined,
    },
    auth: {
      getOwnServiceCredentials: async () => ({}),
      isPrincipal: () => true,
    },
    userInfo: {
      getUserInfo: async () => ({
        userEntityRef: 'user:default/bench',
        ownershipEntityRefs: ['user:default/bench', OWNER],
      }),
    },
    permissions: { authorize: async () => [{ result: 'DENY' }] },
  });
  const auditor = {
    createEvent: async () => ({
      success: async () => {},
      fail: async () => {},
    }),
  };
  return { ownership, auditor };
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

async function scenario(
  runs: number,
  serializeInProcess: boolean,
  prefix: string,
) {
  const git = await startGitHttpServer({
    username: GIT_USER,
    token: GIT_TOKEN,
  });
  const bare = seedBareRepo(git.root, 'platform/msa_deploy.git', {
    'README.md': 'msa_deploy\n',
  });
  const action = createMsaDeployAddServiceAction({
    ...writeAccess(),
    config: testConfig({ gitHost: git.host }),
    serializeInProcess,
  });
  const temps: string[] = [];
  const quiet = {
    info() {},
    warn() {},
    error() {},
    debug() {},
    child() {
      return quiet;
    },
  };

  const started = Date.now();
  const results = await Promise.all(
    Array.from({ length: runs }, async (_, i) => {
      const name = `bench-svc-${String(i).padStart(2, '0')}`;
      const outputs: Record<string, unknown> = {};
      const ctx = {
        input: {
          serviceName: name,
          entityRef: `component:default/${name}`,
          owner: OWNER,
          namespace: 'msa',
          registryProject: 'msa',
          maxAttempts: 20,
        },
        logger: quiet,
        output: (key: string, value: unknown) => {
          outputs[key] = value;
        },
        checkpoint: ({ fn }: { fn: () => Promise<unknown> }) => fn(),
        getInitiatorCredentials: async () => ({
          $$type: '@backstage/BackstageCredentials',
          principal: { type: 'user', userEntityRef: 'user:default/bench' },
        }),
        user: { ref: 'user:default/bench' },
        createTemporaryDirectory: async () => {
          const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
          temps.push(dir);
          return dir;
        },
        workspacePath: os.tmpdir(),
        isDryRun: false,
        task: { id: `bench-${i}` },
      };
      const t0 = performance.now();
      try {
        await action.handler(ctx);
        return { name, ok: true, seconds: (performance.now() - t0) / 1000 };
      } catch (error) {
        return {
          name,
          ok: false,
          seconds: (performance.now() - t0) / 1000,
          error: String((error as Error).message).slice(0, 200),
        };
      }
    }),
  );
  const wall = (Date.now() - started) / 1000;
  const landed = results.filter(
    r =>
      readBareFile(bare, `apps/${r.name}.yaml`) &&
      readBareFile(bare, `${r.name}.yaml`),
  ).length;
  const durations = results.map(r => r.seconds).sort((a, b) => a - b);
  for (const failed of results.filter(r => !r.ok)) {
    console.error(`failed ${failed.name}: ${failed.error}`);
  }
  console.log(`${prefix}landed=${landed}/${runs}`);
  console.log(`${prefix}task_p50_s=${percentile(durations, 50).toFixed(2)}`);
  console.log(`${prefix}task_p95_s=${percentile(durations, 95).toFixed(2)}`);
  console.log(
    `${prefix}wall_s=${wall.toFixed(2)} commits=${
      commitCount(bare) - 1
    } pushes_seen=${
      git.requests.filter((r: any) => r.url.endsWith('/git-receive-pack'))
        .length
    }`,
  );
  await git.close();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  rmSync(git.root, { recursive: true, force: true });
}

async function main() {
  const runs = Number(process.argv[2] ?? 20);
  await scenario(runs, true, '');
  await scenario(runs, false, 'retry_only_');
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
