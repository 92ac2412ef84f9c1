/**
 * The two-replica setup (scripts/replicas.sh: PostgreSQL, Redis, the sandbox, replicas a and b, haproxy on :7007)
 * under load: 40 concurrent "Create MSA service" runs through the load balancer, one replica SIGKILLed while it
 * runs tasks and started again, a cached read on one replica read again on the other, the scheduled owner watcher
 * across both, the live tail through the load balancer. Starts the setup itself and stops it at the end.
 *
 *   node scripts/replicas/test-replicas.ts [runs]     (yarn test:replicas, under flock /tmp/paved-road-e2e.lock)
 *
 * Which replica ran a task comes from its log: the scaffolder's audit event `scaffolder.task` with
 * actionType "execution" (status initiated, then succeeded or failed), each line tagged replica="a"|"b".
 * Ends with: exactly_once=<n>/<m> recovered=<n>/<m> duplicates=<n> cross_replica_hit_ratio=<x>
 * Exit code 1 when any of them misses its bar (all, all, 0, >= 0.9) or a check printed above it failed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sleep, until } from '../lib/processes.ts';
import {
  BACKEND,
  ROOT,
  assertBackendPortFree,
  guestTemplateHeaders,
} from '../lib/portal.ts';
import {
  countRoundsByReplica,
  executionsByTask,
  hitRatio,
  type HealthSources,
} from './evidence.ts';

const DIR = path.join(ROOT, '.replicas');
const LOG_DIR = path.join(ROOT, 'artifacts', 'replicas');
const REPLICAS = { a: 'http://127.0.0.1:7101', b: 'http://127.0.0.1:7102' };
const WATCH_INTERVAL_S = 10;
const JENKINS_AUTH = `Basic ${Buffer.from(
  'platform:sandbox-jenkins-token',
).toString('base64')}`;
const KUBE_AUTH = 'Bearer sandbox-kube-token';

const replicaLog = (name: 'a' | 'b') =>
  readFileSync(path.join(DIR, 'logs', `backend-${name}.log`), 'utf8');

/** Runs scripts/replicas.sh with its output in artifacts/replicas/<step>.log; throws naming the log when it fails. */
function replicas(step: string, ...args: string[]): Promise<void> {
  const log = path.join(LOG_DIR, `${step}.log`);
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'scripts', 'replicas.sh'), args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', d => (out += d));
    child.stderr.on('data', d => (out += d));
    child.on('exit', code => {
      writeFileSync(log, out);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `scripts/replicas.sh ${args.join(
              ' ',
            )} failed (${code}); see ${log}`,
          ),
        );
    });
  });
}

async function json(
  url: string,
  headers: Record<string, string>,
): Promise<any> {
  const r = await fetch(url, { headers });
  if (!r.ok) throw new Error(`GET ${url}: ${r.status}`);
  return r.json();
}

async function main() {
  const runs = Number(process.argv[2] ?? 40);
  if (!Number.isInteger(runs) || runs < 2 || runs > 200) {
    throw new Error(
      `runs must be a whole number from 2 to 200, got ${process.argv[2]}`,
    );
  }
  mkdirSync(LOG_DIR, { recursive: true });
  await assertBackendPortFree('yarn test:replicas');
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= replicas('stop', 'stop').catch(e => console.error(e)));
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  const problems: string[] = [];
  try {
    const t0 = Date.now();
    await replicas('start', 'start');
    console.log(`setup_start_s=${((Date.now() - t0) / 1000).toFixed(0)}`);
    const endpoints = JSON.parse(
      readFileSync(path.join(ROOT, '.sandbox', 'endpoints.json'), 'utf8'),
    );
    const { headers } = await guestTemplateHeaders(120_000);
    const watchFrom = Date.now();

    // ---- the live tail through the load balancer: an SSE stream that opens and delivers lines ----
    const tail = await liveTail(headers);
    console.log(`live_tail=${tail}`);
    if (tail !== 'ok')
      problems.push(`live tail through the load balancer: ${tail}`);

    // ---- a cached read on one replica is a hit on the other ----
    const ratio = await crossReplicaHits(headers);
    console.log(`cross_replica_reads=${ratio.reads} same_entry=${ratio.hits}`);

    // ---- 40 concurrent runs through the load balancer ----
    const stamp = Date.now().toString(36).slice(-5);
    const names = Array.from(
      { length: runs },
      (_, i) => `rep-${stamp}-${String(i).padStart(2, '0')}`,
    );
    const posted = await Promise.all(
      names.map(name => createTask(name, headers)),
    );
    const ids = new Map(posted.map(p => [p.id, p.name]));
    const postedVia = countBy(posted.map(p => p.replica));
    console.log(`posted_via=${JSON.stringify(postedVia)}`);

    // ---- SIGKILL replica b once it has finished some tasks and runs others, then start it again ----
    const tasksOnB = () => {
      const all = [...executionsByTask(replicaLog('b')).entries()].filter(
        ([id, e]) => ids.has(id) && e.initiated.length > 0,
      );
      return {
        running: all.filter(([, e]) => e.ended.length === 0).map(([id]) => id),
        ended: all.filter(([, e]) => e.ended.length > 0).length,
      };
    };
    const waitFrom = Date.now();
    await until(
      'replica b running tasks',
      600_000,
      async () => {
        const { running, ended } = tasksOnB();
        // Both replicas finish tasks; b dies with some in flight (after 5 min: as soon as it runs any).
        const late = Date.now() - waitFrom > 300_000;
        return running.length >= 3 && (ended >= 3 || late)
          ? true
          : running.length >= 1 && late
          ? true
          : undefined;
      },
      200,
    );
    const stillRunning = tasksOnB().running;
    const pid = Number(readFileSync(path.join(DIR, 'backend-b.pid'), 'utf8'));
    process.kill(-pid, 'SIGKILL');
    const killedAt = Date.now();
    const interrupted = new Set(stillRunning);
    console.log(`killed=b interrupted=${interrupted.size}`);
    // Gone (or a zombie nobody reaped yet) before it is started again.
    await until(
      'replica b gone',
      30_000,
      async () => {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
            ? true
            : undefined;
        } catch {
          return true;
        }
      },
      100,
    );
    const restart = replicas('restart-b', 'start-replica', 'b').then(
      () =>
        console.log(
          `restarted=b after_s=${((Date.now() - killedAt) / 1000).toFixed(0)}`,
        ),
      error => problems.push(`restarting replica b: ${error}`),
    );

    // ---- every task to its end ----
    const statuses = await Promise.all(
      posted.map(p =>
        until(
          `task ${p.id}`,
          900_000,
          async () => {
            const task = await json(
              `${BACKEND}/api/scaffolder/v2/tasks/${p.id}`,
              headers,
            );
            return ['completed', 'failed', 'cancelled'].includes(task.status)
              ? (task.status as string)
              : undefined;
          },
          2_000,
        ).catch(() => 'unfinished'),
      ),
    );
    await restart;
    console.log(`tasks=${JSON.stringify(countBy(statuses))}`);
    // The restarted replica is back behind the load balancer (haproxy's health check lets it in again).
    const back = await until(
      'replica b behind the load balancer',
      60_000,
      async () => {
        const r = await fetch(`${BACKEND}/.backstage/health/v1/readiness`);
        return r.headers.get('x-replica') === 'b' ? true : undefined;
      },
    ).catch(() => false);
    console.log(`restarted_b_behind_lb=${back}`);
    if (!back)
      problems.push('replica b did not come back behind the load balancer');

    // ---- who ran what (both replicas' logs; b's holds its life before and after the kill) ----
    const onA = executionsByTask(replicaLog('a'));
    const onB = executionsByTask(replicaLog('b'));
    const ranOn = { a: 0, b: 0 };
    for (const id of ids.keys()) {
      if (onA.get(id)?.initiated.length) ranOn.a += 1;
      if (onB.get(id)?.initiated.length) ranOn.b += 1;
    }
    const finishedOn = {
      a: [...ids.keys()].filter(id => onA.get(id)?.ended.length).length,
      b: [...ids.keys()].filter(id => onB.get(id)?.ended.length).length,
    };
    console.log(
      `tasks_started_on a=${ranOn.a} b=${ranOn.b} tasks_finished_on a=${finishedOn.a} b=${finishedOn.b}`,
    );
    if (ranOn.a === 0 || ranOn.b === 0)
      problems.push('the tasks did not spread over both replicas');

    // ---- what landed, and how often ----
    const landed = await Promise.all(
      names.map(name => landedOnce(name, endpoints, headers)),
    );
    let exactlyOnce = 0;
    let duplicates = 0;
    let recovered = 0;
    posted.forEach((p, i) => {
      const result = landed[i];
      duplicates += result.duplicates.length;
      const starts =
        (onA.get(p.id)?.initiated.length ?? 0) +
        (onB.get(p.id)?.initiated.length ?? 0);
      // An interrupted task runs again on the replica that took it over: two starts, one effect.
      const expectedStarts = interrupted.has(p.id) ? 2 : 1;
      const ok =
        statuses[i] === 'completed' &&
        result.missing.length === 0 &&
        result.duplicates.length === 0;
      if (ok && starts === expectedStarts) exactlyOnce += 1;
      else {
        problems.push(
          `${p.name} (task ${p.id}): ${statuses[i]}, started ${starts}x (expected ${expectedStarts})` +
            `${
              result.missing.length
                ? `, missing ${result.missing.join(', ')}`
                : ''
            }` +
            `${
              result.duplicates.length
                ? `, duplicated ${result.duplicates.join(', ')}`
                : ''
            }`,
        );
      }
      if (interrupted.has(p.id) && ok) recovered += 1;
    });

    // ---- the owner watcher: one round per interval across both replicas, not one per replica ----
    const windowS = (Date.now() - watchFrom) / 1000;
    const rounds = countRoundsByReplica(
      { a: replicaLog('a'), b: replicaLog('b') },
      new Date(watchFrom),
    );
    const total = rounds.a + rounds.b;
    const most = Math.ceil(windowS / WATCH_INTERVAL_S) + 1;
    console.log(
      `watcher_rounds a=${rounds.a} b=${
        rounds.b
      } total=${total} window_s=${windowS.toFixed(
        0,
      )} interval_s=${WATCH_INTERVAL_S} at_most=${most}`,
    );
    if (total === 0 || total > most)
      problems.push(
        `owner watcher: ${total} rounds in ${windowS.toFixed(
          0,
        )} s (1 to ${most} expected)`,
      );

    for (const problem of problems) console.error(`problem: ${problem}`);
    const ok =
      problems.length === 0 &&
      exactlyOnce === runs &&
      recovered === interrupted.size &&
      duplicates === 0 &&
      ratio.ratio >= 0.9;
    console.log(
      `exactly_once=${exactlyOnce}/${runs} recovered=${recovered}/${
        interrupted.size
      } duplicates=${duplicates} cross_replica_hit_ratio=${ratio.ratio.toFixed(
        2,
      )}`,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await stopAll();
  }
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

async function createTask(name: string, headers: Record<string, string>) {
  const r = await fetch(`${BACKEND}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      templateRef: 'template:default/msa-service',
      values: {
        name,
        owner: 'group:default/platform-team',
        system: 'system:default/msa',
        description: 'two replicas',
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
  if (r.status !== 201)
    throw new Error(`POST task for ${name}: ${r.status} ${await r.text()}`);
  const { id } = await r.json();
  return { name, id: id as string, replica: r.headers.get('x-replica') ?? '?' };
}

/** Opens the live tail through the load balancer; 'ok' once it has sent `open` and a `lines` event. */
async function liveTail(headers: Record<string, string>): Promise<string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const r = await fetch(
      `${BACKEND}/api/platform/v1/entities/default/component/msa-nginx/logs/tail`,
      {
        headers,
        signal: controller.signal,
      },
    );
    if (!r.ok || !r.body) return `HTTP ${r.status}`;
    if (!r.headers.get('content-type')?.startsWith('text/event-stream'))
      return 'not an event stream';
    const decoder = new TextDecoder();
    let text = '';
    for await (const chunk of r.body) {
      text += decoder.decode(chunk as Uint8Array, { stream: true });
      if (text.includes('event: error'))
        return `error event: ${text.slice(text.indexOf('event: error'), 300)}`;
      if (text.includes('event: open') && text.includes('event: lines'))
        return 'ok';
    }
    return 'stream ended before any lines';
  } catch (error) {
    return controller.signal.aborted ? 'no lines within 30 s' : String(error);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/**
 * Reads each demo component's health on one replica, then at once on the other (alternating which goes first).
 * A source the second replica answers with the same fetchedAt as the first came from the shared cache: the
 * entry the first replica read or wrote, not a second upstream fetch.
 */
async function crossReplicaHits(headers: Record<string, string>) {
  const entities = ['msa-nginx', 'login-js'];
  const pairs: Array<[HealthSources, HealthSources]> = [];
  for (let round = 0; round < 10; round++) {
    for (const name of entities) {
      const [first, second] =
        round % 2 ? [REPLICAS.b, REPLICAS.a] : [REPLICAS.a, REPLICAS.b];
      const route = `/api/platform/v1/entities/default/component/${name}/health`;
      const one = await json(`${first}${route}`, headers);
      const two = await json(`${second}${route}`, headers);
      pairs.push([one.sources, two.sources]);
    }
    await sleep(1_000);
  }
  return hitRatio(pairs);
}

/** What one run must have left, once each: repository, msa_deploy entry, Jenkins job and build, Argo CD app, entity. */
async function landedOnce(
  name: string,
  endpoints: Record<string, string>,
  headers: Record<string, string>,
) {
  const missing: string[] = [];
  const duplicates: string[] = [];
  const git = (...args: string[]) =>
    execFileSync('git', args, { encoding: 'utf8' });
  const repoDir = path.join(ROOT, '.sandbox', 'git', 'platform', `${name}.git`);
  try {
    const created = git('-C', repoDir, 'log', '--format=%s', 'main')
      .split('\n')
      .filter(s => s.startsWith(`Create ${name} `));
    if (created.length === 0) missing.push('repository commit');
    if (created.length > 1)
      duplicates.push(`repository commit x${created.length}`);
  } catch {
    missing.push('repository');
  }
  const deploy = path.join(
    ROOT,
    '.sandbox',
    'git',
    'platform',
    'msa_deploy.git',
  );
  const files = git('-C', deploy, 'ls-tree', '-r', '--name-only', 'main').split(
    '\n',
  );
  for (const file of [`${name}.yaml`, `apps/${name}.yaml`])
    if (!files.includes(file)) missing.push(`msa_deploy ${file}`);
  const adds = git('-C', deploy, 'log', '--format=%s', 'main')
    .split('\n')
    .filter(s => s.startsWith(`Add ${name} (`));
  if (adds.length > 1) duplicates.push(`msa_deploy commit x${adds.length}`);
  const job = await fetch(`${endpoints.jenkins}/job/msa/job/${name}/api/json`, {
    headers: { Authorization: JENKINS_AUTH },
  });
  if (!job.ok) missing.push('Jenkins job');
  else {
    const builds = ((await job.json()).builds ?? []).length;
    if (builds === 0) missing.push('Jenkins first build');
    if (builds > 1) duplicates.push(`Jenkins builds x${builds}`);
  }
  const app = await fetch(
    `${endpoints.kubernetes}/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/${name}`,
    { headers: { Authorization: KUBE_AUTH } },
  );
  if (!app.ok) missing.push('Argo CD application');
  const entity = await until(`entity ${name}`, 120_000, async () => {
    const r = await fetch(
      `${BACKEND}/api/catalog/entities/by-name/component/default/${name}`,
      { headers },
    );
    return r.ok ? true : undefined;
  }).catch(() => false);
  if (!entity) missing.push('catalog entity');
  const locations: Array<{ data: { target: string } }> = await json(
    `${BACKEND}/api/catalog/locations`,
    headers,
  );
  const registered = locations.filter(l =>
    l.data.target.includes(`/platform/${name}/`),
  ).length;
  if (registered > 1) duplicates.push(`catalog location x${registered}`);
  return { missing, duplicates };
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
