/**
 * 20 concurrent runs of the whole "Create MSA service" template through the real scaffolder backend
 * (`POST /api/scaffolder/v2/tasks`), against a started sandbox and backend, all into the one msa_deploy
 * remote, as 20 people pressing "Create" at once would.
 *
 *   node plugins/scaffolder-backend-module-platform/bench/concurrent-template-runs.ts [runs]
 *
 * Starts `yarn sandbox` and the backend (packages/backend, app-config.yaml) itself and stops both at the end;
 * refuses to run when something already listens on 127.0.0.1:7007. Prints landed=<n>/<m> (services whose
 * `<name>.yaml` and `apps/<name>.yaml` are on msa_deploy's main afterwards), task_p50_s and task_p95_s (POST to
 * `completed`, as the task API reports it), then wall time, failed tasks and the first builds' results.
 * BENCH_STEPS=1 also prints where the time went (diagnostics, not figures): per step of the template the p50 and
 * p95 of its duration and of the wait before the first step (the scaffolder's task queue), from the tasks' own
 * events, and the CPU seconds the backend and the sandbox process trees spent during the runs.
 */
import { type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports -- a script beside the repo's other scripts, not package code
import { stopProcess as stop, until } from '../../../scripts/lib/processes.ts';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports -- the repo's shared script helpers
import {
  BACKEND,
  ROOT,
  assertBackendPortFree,
  guestTemplateHeaders,
  startBackend,
  startSandbox,
} from '../../../scripts/lib/portal.ts';

const LOG_DIR = path.join(ROOT, 'artifacts', 'bench');

function percentile(sorted: number[], p: number): number {
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

/** CPU seconds (user + system, reaped children included) of every process in the process group `pgid`. */
function groupCpuSeconds(pgid: number | undefined): number {
  if (!pgid) return 0;
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[0] is field 3 (state): pgrp is field 5, utime..cstime fields 14-17
      if (Number(fields[2]) !== pgid) continue;
      total += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    } catch {
      // gone meanwhile
    }
  }
  return total / tick;
}

/** Per step: durations from its `processing` to its `completed` event; `queue`: task created to first step. */
async function stepTimes(
  ids: string[],
  headers: Record<string, string>,
): Promise<Map<string, number[]>> {
  const steps = new Map<string, number[]>();
  const add = (step: string, seconds: number) =>
    steps.set(step, [...(steps.get(step) ?? []), seconds]);
  for (const id of ids) {
    const task = await (
      await fetch(`${BACKEND}/api/scaffolder/v2/tasks/${id}`, { headers })
    ).json();
    const events: Array<{
      createdAt: string;
      body: { stepId?: string; status?: string };
    }> = await (
      await fetch(`${BACKEND}/api/scaffolder/v2/tasks/${id}/events`, {
        headers,
      })
    ).json();
    const started = new Map<string, number>();
    let first: number | undefined;
    for (const event of events) {
      const { stepId, status } = event.body ?? {};
      const at = Date.parse(event.createdAt);
      if (!stepId) continue;
      if (status === 'processing') {
        started.set(stepId, at);
        first ??= at;
      } else if (status === 'completed' && started.has(stepId)) {
        add(stepId, (at - started.get(stepId)!) / 1000);
      }
    }
    if (first !== undefined)
      add('(queue)', (first - Date.parse(task.createdAt)) / 1000);
  }
  return steps;
}

async function main() {
  const runs = Number(process.argv[2] ?? 20);
  mkdirSync(LOG_DIR, { recursive: true });
  await assertBackendPortFree('the bench');
  let sandbox: ChildProcess | undefined;
  let backend: ChildProcess | undefined;
  const cleanup = async () => {
    await stop(backend);
    await stop(sandbox);
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const sandboxStarted = await startSandbox(
      path.join(LOG_DIR, 'sandbox.log'),
    );
    sandbox = sandboxStarted.child;
    const endpoints = sandboxStarted.endpoints;
    backend = await startBackend(path.join(LOG_DIR, 'backend.log'));
    const { headers } = await guestTemplateHeaders(60_000);

    const stamp = Date.now().toString(36);
    const names = Array.from(
      { length: runs },
      (_, i) => `bench-${stamp}-${String(i).padStart(2, '0')}`,
    );
    const cpu0 = {
      backend: groupCpuSeconds(backend.pid),
      sandbox: groupCpuSeconds(sandbox.pid),
    };
    const started = Date.now();
    const results = await Promise.all(
      names.map(async name => {
        const t0 = performance.now();
        const created = await fetch(`${BACKEND}/api/scaffolder/v2/tasks`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            templateRef: 'template:default/msa-service',
            values: {
              name,
              owner: 'group:default/platform-team',
              system: 'system:default/msa',
              description: 'bench',
              runtime: 'nginx-static',
              port: 8080,
              replicas: 1,
              repoUrl: `127.0.0.1:17080?owner=platform&repo=${name}`,
              registryProject: 'msa',
              namespace: 'msa',
              istioSidecar: true,
              jenkinsFolder: 'msa',
            },
          }),
        });
        if (created.status !== 201) {
          return {
            name,
            status: `POST ${created.status}`,
            seconds: (performance.now() - t0) / 1000,
          };
        }
        const { id } = await created.json();
        const status: string = await until(`task ${id}`, 240_000, async () => {
          const task = await (
            await fetch(`${BACKEND}/api/scaffolder/v2/tasks/${id}`, { headers })
          ).json();
          return ['completed', 'failed', 'cancelled'].includes(task.status)
            ? task.status
            : undefined;
        });
        return { name, id, status, seconds: (performance.now() - t0) / 1000 };
      }),
    );
    const wall = (Date.now() - started) / 1000;
    const cpu = {
      backend: groupCpuSeconds(backend.pid) - cpu0.backend,
      sandbox: groupCpuSeconds(sandbox.pid) - cpu0.sandbox,
    };

    const raw = (file: string) =>
      fetch(`${endpoints.git}/platform/msa_deploy/raw/main/${file}`);
    const landed = (
      await Promise.all(
        names.map(
          async name =>
            (await raw(`${name}.yaml`)).ok &&
            (
              await raw(`apps/${name}.yaml`)
            ).ok,
        ),
      )
    ).filter(Boolean).length;
    const durations = results.map(r => r.seconds).sort((a, b) => a - b);
    for (const failed of results.filter(r => r.status !== 'completed')) {
      console.error(
        `failed ${failed.name}: ${failed.status}${
          'id' in failed ? ` (task ${failed.id})` : ''
        }`,
      );
    }

    // The first builds the template triggered: how many ended SUCCESS (they race for msa_deploy too).
    const auth = `Basic ${Buffer.from(
      'platform:sandbox-jenkins-token',
    ).toString('base64')}`;
    const buildResults = await Promise.all(
      names.map(name =>
        until(`first build of ${name}`, 60_000, async () => {
          const r = await fetch(
            `${endpoints.jenkins}/job/msa/job/${name}/1/api/json`,
            { headers: { Authorization: auth } },
          );
          if (!r.ok) return undefined;
          const build = await r.json();
          return build.building || !build.result
            ? undefined
            : (build.result as string);
        }).catch(() => 'UNFINISHED'),
      ),
    );

    console.log(
      `wall_s=${wall.toFixed(2)} completed=${
        results.filter(r => r.status === 'completed').length
      }/${runs} first_builds_success=${
        buildResults.filter(r => r === 'SUCCESS').length
      }/${runs}`,
    );
    if (process.env.BENCH_STEPS) {
      const ids = results.flatMap(r => ('id' in r && r.id ? [r.id] : []));
      for (const [step, seconds] of await stepTimes(ids, headers)) {
        const sorted = seconds.sort((a, b) => a - b);
        console.log(
          `step ${step}: p50_s=${percentile(sorted, 50).toFixed(
            2,
          )} p95_s=${percentile(sorted, 95).toFixed(2)} n=${sorted.length}`,
        );
      }
      console.log(
        `cpu_s_backend=${cpu.backend.toFixed(
          1,
        )} cpu_s_sandbox=${cpu.sandbox.toFixed(1)} (during the runs)`,
      );
    }
    // The figures the issue asks for come last, in its order.
    console.log(`landed=${landed}/${runs}`);
    console.log(`task_p50_s=${percentile(durations, 50).toFixed(2)}`);
    console.log(`task_p95_s=${percentile(durations, 95).toFixed(2)}`);
  } finally {
    await cleanup();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
