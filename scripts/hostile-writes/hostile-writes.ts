/**
 * Hostile template runs against the portal (sandbox + backend, started here, released at the end), through the
 * real scaffolder API as the guest user (a member of platform-team, not of app-team). Every case is a run the
 * platform must refuse; each one is checked for its refusal message, for no stack trace or server path in what
 * the task reports, and for leaving git (every repo and ref), Jenkins, Kubernetes and the catalog exactly as they
 * were (snapshot compare). Plus: an identical re-run by the owner that must change nothing, and a trace crossing
 * into kube-system whose foreign spans must not be shown.
 *
 *   node scripts/hostile-writes/hostile-writes.ts     (yarn test:hostile-writes)
 *
 * Ends with: hostile_runs=<n> half_written=<n> takeovers=<n> namespace_escapes=<n> scope_leaks=<n>
 * Exit code 1 when any case failed its assertions.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  diffSnapshots,
  takeSnapshot,
  type SnapshotSources,
} from './snapshot.ts';
import { sleep, stopProcess as stop, until } from '../lib/processes.ts';
import {
  BACKEND,
  ROOT,
  assertBackendPortFree,
  guestTemplateHeaders,
  startBackend,
  startSandbox,
} from '../lib/portal.ts';

const LOG_DIR = path.join(ROOT, 'artifacts', 'hostile-writes');
const PLATFORM = 'group:default/platform-team';
const APP_TEAM = 'group:default/app-team';
const STACK = /\n\s+at \S.*\(|node_modules|\/work\/|\.ts:\d+:\d+/;

type Kind = 'namespace-escape' | 'takeover' | 'invalid-input' | 'update';
interface Outcome {
  name: string;
  kind: Kind;
  refused: boolean;
  message: string;
  changed: string[];
  problems: string[];
}

async function main() {
  mkdirSync(LOG_DIR, { recursive: true });
  rmSync(path.join(LOG_DIR, 'results.json'), { force: true });
  await assertBackendPortFree('this suite');
  let sandbox: ChildProcess | undefined;
  let backend: ChildProcess | undefined;
  const cleanup = async () => {
    await stop(backend);
    await stop(sandbox);
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  const outcomes: Outcome[] = [];
  let scopeLeaks = 0;
  let scopeChecks = 0;
  try {
    const started = await startSandbox(path.join(LOG_DIR, 'sandbox.log'));
    sandbox = started.child;
    const endpoints = started.endpoints;
    backend = await startBackend(path.join(LOG_DIR, 'backend.log'));
    const { token, headers } = await guestTemplateHeaders(60_000);
    await until('group app-team in the catalog', 60_000, async () =>
      (
        await fetch(
          `${BACKEND}/api/catalog/entities/by-name/group/default/app-team`,
          { headers },
        )
      ).ok
        ? true
        : undefined,
    );

    const jenkinsAuth = `Basic ${Buffer.from(
      'platform:sandbox-jenkins-token',
    ).toString('base64')}`;
    const kubeHeaders = {
      Authorization: 'Bearer sandbox-kube-token',
      'Content-Type': 'application/json',
    };
    const sources: SnapshotSources = {
      gitRoot: path.join(ROOT, '.sandbox', 'git'),
      jenkins: endpoints.jenkins,
      jenkinsAuth,
      kubernetes: endpoints.kubernetes,
      kubernetesToken: 'sandbox-kube-token',
      backend: BACKEND,
      backendToken: token,
    };
    const stamp = Date.now().toString(36).slice(-5);

    // ---- victims: resources another team owns, or that the platform did not create ----
    const gitPush = (repo: string, files: Record<string, string>) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
      const remote = `${endpoints.git.replace(
        '://',
        '://platform:sandbox-git-token@',
      )}/${repo}.git`;
      const git = (...args: string[]) =>
        execFileSync(
          'git',
          ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args],
          { cwd: dir, stdio: 'pipe' },
        );
      try {
        git('clone', '-q', remote, '.');
      } catch {
        git('init', '-q', '-b', 'main');
        git('remote', 'add', 'origin', remote);
      }
      for (const [file, content] of Object.entries(files))
        writeFileSync(path.join(dir, file), content);
      git('add', '-A');
      git('commit', '-qm', 'victim');
      git('push', '-q', 'origin', 'HEAD:main');
      rmSync(dir, { recursive: true, force: true });
    };
    const owned = (owner: string, entityRef?: string) => ({
      'platform.paved-road.dev/owner': owner,
      ...(entityRef ? { 'backstage.io/entity-ref': entityRef } : {}),
    });
    const kubePost = async (url: string, body: unknown) => {
      const r = await fetch(`${endpoints.kubernetes}${url}`, {
        method: 'POST',
        headers: kubeHeaders,
        body: JSON.stringify(body),
      });
      if (!r.ok)
        throw new Error(`seeding ${url}: ${r.status} ${await r.text()}`);
    };
    const jenkinsCreate = async (
      folder: string,
      name: string,
      description: string,
      folderItem: boolean,
    ) => {
      const xml = folderItem
        ? `<?xml version='1.1' encoding='UTF-8'?><com.cloudbees.hudson.plugins.folder.Folder plugin="cloudbees-folder"><description>${description}</description></com.cloudbees.hudson.plugins.folder.Folder>`
        : `<?xml version='1.1' encoding='UTF-8'?><flow-definition plugin="workflow-job"><description>${description}</description><definition class="org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition" plugin="workflow-cps"><script>echo 1</script><sandbox>true</sandbox></definition></flow-definition>`;
      const prefix = folder ? `/job/${folder}` : '';
      const r = await fetch(
        `${endpoints.jenkins}${prefix}/createItem?name=${name}`,
        {
          method: 'POST',
          headers: {
            Authorization: jenkinsAuth,
            'Content-Type': 'application/xml',
          },
          body: xml,
        },
      );
      if (!r.ok)
        throw new Error(`seeding Jenkins ${folder}/${name}: ${r.status}`);
    };
    const ownerLine = (owner: string) =>
      `platform.paved-road.dev/owner: ${owner}`;
    await jenkinsCreate('', 'apps-b', ownerLine(APP_TEAM), true);
    await jenkinsCreate('', 'legacy', 'made by hand', true);
    await jenkinsCreate(
      'msa',
      `victim-job-${stamp}`,
      `Managed by Backstage for component:default/victim-job-${stamp} (x).\n${ownerLine(
        APP_TEAM,
      )}`,
      false,
    );
    await kubePost('/api/v1/namespaces', {
      metadata: { name: 'svc-foreign', annotations: owned(APP_TEAM) },
    });
    await kubePost('/api/v1/namespaces', {
      metadata: {
        name: 'svc-legacy',
        labels: { team: 'payments', 'istio-injection': 'disabled' },
      },
    });
    await kubePost('/api/v1/namespaces', {
      metadata: {
        name: 'svc-dying',
        labels: { 'app.kubernetes.io/managed-by': 'backstage' },
        annotations: owned(PLATFORM),
      },
    });
    await kubePost(
      '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications',
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name: `victim-app-${stamp}`,
          annotations: owned(APP_TEAM, `component:default/victim-app-${stamp}`),
        },
        spec: {
          project: 'default',
          source: {
            repoURL: `${endpoints.git}/platform/msa_deploy.git`,
            path: '.',
            targetRevision: 'main',
          },
          destination: {
            server: 'https://kubernetes.default.svc',
            namespace: 'svc-foreign',
          },
        },
      },
    );
    gitPush('platform/msa_deploy', {
      [`victim-git-${stamp}.yaml`]: `apiVersion: v1\nkind: Service\nmetadata:\n  name: victim-git-${stamp}\n  namespace: svc-foreign\n  annotations:\n    platform.paved-road.dev/owner: ${APP_TEAM}\n    backstage.io/entity-ref: component:default/victim-git-${stamp}\n`,
    });
    gitPush(`platform/victim-repo-${stamp}`, {
      'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: victim-repo-${stamp}\nspec:\n  type: service\n  lifecycle: production\n  owner: ${APP_TEAM}\n`,
    });

    const values = (name: string, overrides: Record<string, unknown> = {}) => ({
      name,
      owner: PLATFORM,
      system: 'system:default/msa',
      description: 'hostile writes',
      runtime: 'nginx-static',
      port: 8080,
      replicas: 1,
      repoUrl: `127.0.0.1:17080?owner=platform&repo=${name}`,
      registryProject: 'msa',
      namespace: `svc-hw-${stamp}`,
      istioSidecar: true,
      jenkinsFolder: 'msa',
      ...overrides,
    });

    /** Runs the template; returns whether it completed and everything it reported. */
    const runTemplate = async (v: Record<string, unknown>) => {
      const created = await fetch(`${BACKEND}/api/scaffolder/v2/tasks`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          templateRef: 'template:default/msa-service',
          values: v,
        }),
      });
      if (created.status !== 201) {
        return { completed: false, report: await created.text() };
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
      const events = await (
        await fetch(`${BACKEND}/api/scaffolder/v2/tasks/${id}/events`, {
          headers,
        })
      ).json();
      return {
        completed: status === 'completed',
        report: JSON.stringify(events),
      };
    };
    const settle = async () => {
      // the simulators act asynchronously on writes (Argo CD sync, Jenkins builds): let them finish first
      await sleep(1500);
    };

    // ---- a valid service: the owner's own, used for the re-run and name-collision cases ----
    const ok = `hw-ok-${stamp}`;
    const baseline = await runTemplate(values(ok));
    if (!baseline.completed) {
      throw new Error(
        `the valid baseline run of ${ok} did not complete: ${baseline.report.slice(
          0,
          2000,
        )}`,
      );
    }
    await until(`first build of ${ok}`, 90_000, async () => {
      const r = await fetch(
        `${endpoints.jenkins}/job/msa/job/${ok}/1/api/json`,
        { headers: { Authorization: jenkinsAuth } },
      );
      const build = r.ok ? await r.json() : undefined;
      return build && !build.building && build.result ? true : undefined;
    });
    await sleep(6000); // the build's msa_deploy bump and the Argo CD sync that follows

    const cases: Array<{
      name: string;
      kind: Kind;
      values: Record<string, unknown>;
      expect: RegExp;
      before?: () => Promise<void>;
    }> = [
      {
        name: 'namespace kube-system',
        kind: 'namespace-escape',
        values: values(`hw-a-${stamp}`, { namespace: 'kube-system' }),
        expect: /'kube-system' is a system namespace/,
      },
      {
        name: 'namespace kube-public',
        kind: 'namespace-escape',
        values: values(`hw-b-${stamp}`, { namespace: 'kube-public' }),
        expect: /'kube-public' is a system namespace/,
      },
      {
        name: 'namespace default',
        kind: 'namespace-escape',
        values: values(`hw-c-${stamp}`, { namespace: 'default' }),
        expect: /'default' is a system namespace/,
      },
      {
        name: 'namespace argocd (the Argo CD namespace)',
        kind: 'namespace-escape',
        values: values(`hw-d-${stamp}`, { namespace: 'argocd' }),
        expect: /'argocd' is a system namespace/,
      },
      {
        name: 'namespace istio-system',
        kind: 'namespace-escape',
        values: values(`hw-e-${stamp}`, { namespace: 'istio-system' }),
        expect: /'istio-system' is a system namespace/,
      },
      {
        name: 'namespace outside platform.scope.allowedNamespaces',
        kind: 'namespace-escape',
        values: values(`hw-f-${stamp}`, { namespace: 'payments' }),
        expect:
          /'payments'.*not allowed: platform\.scope\.allowedNamespaces allows/,
      },
      {
        name: "another team's namespace",
        kind: 'namespace-escape',
        values: values(`hw-g-${stamp}`, { namespace: 'svc-foreign' }),
        expect:
          /namespace 'svc-foreign' exists and was not created by the platform \(it records the owner group:default\/app-team\)/,
      },
      {
        name: 'a namespace the platform did not create (team=payments, istio-injection=disabled)',
        kind: 'namespace-escape',
        values: values(`hw-h-${stamp}`, { namespace: 'svc-legacy' }),
        expect:
          /namespace 'svc-legacy' exists and was not created by the platform/,
      },
      {
        name: 'existing demo service msa-nginx for another owner',
        kind: 'takeover',
        values: values('msa-nginx', {
          owner: APP_TEAM,
          namespace: 'svc-other',
          replicas: 5,
        }),
        expect: /user:default\/guest may not act for group:default\/app-team/,
      },
      {
        name: 'existing demo service login-js, own team, another namespace',
        kind: 'takeover',
        values: values('login-js', { namespace: 'svc-other', replicas: 5 }),
        expect:
          /deploys login-js to namespace 'msa'; the template does not move a service/,
      },
      {
        name: "the owner's own new service re-run for another owner",
        kind: 'takeover',
        values: values(ok, { owner: APP_TEAM }),
        expect: /may not act for group:default\/app-team/,
      },
      {
        name: 'a name whose Jenkins job another team owns',
        kind: 'takeover',
        values: values(`victim-job-${stamp}`),
        expect:
          /Jenkins job 'msa\/victim-job-\w+' is owned by group:default\/app-team/,
      },
      {
        name: 'a Jenkins folder another team owns',
        kind: 'takeover',
        values: values(`hw-j-${stamp}`, { jenkinsFolder: 'apps-b' }),
        expect: /Jenkins folder 'apps-b' is owned by group:default\/app-team/,
      },
      {
        name: 'a Jenkins folder made by hand (no owner)',
        kind: 'takeover',
        values: values(`hw-k-${stamp}`, { jenkinsFolder: 'legacy' }),
        expect: /Jenkins folder 'legacy' exists and records no owner/,
      },
      {
        name: 'a name whose Argo CD Application another team owns',
        kind: 'takeover',
        values: values(`victim-app-${stamp}`),
        expect:
          /Argo CD Application 'argocd\/victim-app-\w+' is owned by group:default\/app-team/,
      },
      {
        name: 'a name whose msa_deploy entry another team owns',
        kind: 'takeover',
        values: values(`victim-git-${stamp}`),
        expect:
          /msa_deploy file 'victim-git-\w+\.yaml' is owned by group:default\/app-team/,
      },
      {
        name: 'a repository another team owns',
        kind: 'takeover',
        values: values(`hw-l-${stamp}`, {
          repoUrl: `127.0.0.1:17080?owner=platform&repo=victim-repo-${stamp}`,
        }),
        expect: /victim-repo-\w+\.git is owned by group:default\/app-team/,
      },
      {
        name: 'a new service for a team the user is not in',
        kind: 'takeover',
        values: values(`hw-m-${stamp}`, { owner: APP_TEAM }),
        expect: /user:default\/guest may not act for group:default\/app-team/,
      },
      {
        name: 'an owner that does not exist',
        kind: 'takeover',
        values: values(`hw-n-${stamp}`, { owner: 'group:default/ghosts' }),
        expect: /group:default\/ghosts is not a Group or User in the catalog/,
      },
      {
        name: "repo name 'a..'",
        kind: 'invalid-input',
        values: values(`hw-o-${stamp}`, {
          repoUrl: '127.0.0.1:17080?owner=platform&repo=a..',
        }),
        expect: /repoUrl/,
      },
      {
        name: "repo owner '_..'",
        kind: 'invalid-input',
        values: values(`hw-p-${stamp}`, {
          repoUrl: `127.0.0.1:17080?owner=_..&repo=hw-p-${stamp}`,
        }),
        expect: /repoUrl/,
      },
      {
        name: "jenkinsFolder 'x..'",
        kind: 'invalid-input',
        values: values(`hw-q-${stamp}`, { jenkinsFolder: 'x..' }),
        expect: /jenkinsFolder/,
      },
      {
        name: 'a repository host that is not allowed',
        kind: 'invalid-input',
        values: values(`hw-r-${stamp}`, {
          repoUrl: `evil.example.com?owner=platform&repo=hw-r-${stamp}`,
        }),
        expect: /not in platform\.scaffolder\.allowedGitHosts/,
      },
    ];

    const check = async (
      name: string,
      kind: Kind,
      v: Record<string, unknown>,
      expectRefusal: RegExp | undefined,
      before?: () => Promise<void>,
      run: typeof runTemplate = runTemplate,
    ) => {
      if (before) await before();
      const snapshotBefore = await takeSnapshot(sources);
      const result = await run(v);
      await settle();
      const changed = diffSnapshots(
        snapshotBefore,
        await takeSnapshot(sources),
      );
      const problems: string[] = [];
      const refused = !result.completed;
      if (expectRefusal) {
        if (!refused) problems.push('was not refused');
        else if (!expectRefusal.test(result.report))
          problems.push(
            `refusal does not say ${expectRefusal}: ${result.report.slice(
              0,
              600,
            )}`,
          );
      } else if (!result.completed) {
        problems.push(`did not complete: ${result.report.slice(0, 600)}`);
      }
      if (STACK.test(result.report))
        problems.push('the task reported a stack trace or a server path');
      if (changed.length) problems.push(`changed ${changed.join(', ')}`);
      outcomes.push({
        name,
        kind,
        refused,
        message: result.report,
        changed,
        problems,
      });
      console.log(
        `${problems.length ? 'FAIL' : 'ok  '} ${name}${
          problems.length ? `: ${problems.join('; ')}` : ''
        }`,
      );
    };

    for (const c of cases) {
      await check(c.name, c.kind, c.values, c.expect, c.before);
    }
    // The scaffolder's dry run (the template editor's "Try it") runs the preflight too, and writes nothing.
    const dryRun = async (v: Record<string, unknown>) => {
      const template = await (
        await fetch(
          `${BACKEND}/api/catalog/entities/by-name/template/default/msa-service`,
          { headers },
        )
      ).json();
      const r = await fetch(`${BACKEND}/api/scaffolder/v2/dry-run`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          template,
          values: v,
          secrets: {},
          directoryContents: [],
        }),
      });
      return { completed: r.ok, report: await r.text() };
    };
    await check(
      'dry run into kube-system for another team',
      'namespace-escape',
      values(`hw-s-${stamp}`, { namespace: 'kube-system', owner: APP_TEAM }),
      /may not act for group:default\/app-team[\s\S]*'kube-system' is a system namespace/,
      undefined,
      dryRun,
    );
    await check(
      'identical re-run by the owner',
      'update',
      values(ok),
      undefined,
    );
    // Last: the deleted namespace disappears by itself after a while, which must not show up in another case.
    const terminating = {
      name: 'a Terminating namespace',
      kind: 'namespace-escape' as const,
      values: values(`hw-i-${stamp}`, { namespace: 'svc-dying' }),
      expect: /namespace 'svc-dying' is being deleted \(Terminating\)/,
      before: async () => {
        await fetch(`${endpoints.kubernetes}/api/v1/namespaces/svc-dying`, {
          method: 'DELETE',
          headers: kubeHeaders,
        });
      },
    };
    await check(
      terminating.name,
      terminating.kind,
      terminating.values,
      terminating.expect,
      terminating.before,
    );

    // Last of the writes: its builds bump msa_deploy afterwards, which no snapshot may see.
    // Concurrent runs of one new name: the owner twice and another team once, at the same moment. The other team is
    // refused, both of the owner's complete, and everything of the name records the owner, once.
    const raced = `hw-race-${stamp}`;
    const [mine, theirs, again] = await Promise.all([
      runTemplate(values(raced)),
      runTemplate(values(raced, { owner: APP_TEAM })),
      runTemplate(values(raced)),
    ]);
    await settle();
    const raceProblems: string[] = [];
    if (
      theirs.completed ||
      !/may not act for group:default\/app-team/.test(theirs.report)
    ) {
      raceProblems.push(
        `the other team's run was not refused: ${theirs.report.slice(0, 400)}`,
      );
    }
    if (!mine.completed || !again.completed) {
      raceProblems.push(
        `an owner's run failed: ${(mine.completed ? again : mine).report.slice(
          0,
          400,
        )}`,
      );
    }
    const entry = await (
      await fetch(`${endpoints.git}/platform/msa_deploy/raw/main/${raced}.yaml`)
    ).text();
    const app = await (
      await fetch(
        `${endpoints.kubernetes}/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/${raced}`,
        { headers: kubeHeaders },
      )
    ).json();
    const entity = await (
      await fetch(
        `${BACKEND}/api/catalog/entities/by-name/component/default/${raced}`,
        { headers },
      )
    ).json();
    if (!entry.includes(`platform.paved-road.dev/owner: ${PLATFORM}`))
      raceProblems.push('msa_deploy entry does not record the owner');
    if (
      app?.metadata?.annotations?.['platform.paved-road.dev/owner'] !== PLATFORM
    )
      raceProblems.push('Application does not record the owner');
    if (entity?.spec?.owner !== PLATFORM)
      raceProblems.push(`catalog entity owner is ${entity?.spec?.owner}`);
    if (STACK.test(theirs.report))
      raceProblems.push(
        'the refused task reported a stack trace or a server path',
      );
    outcomes.push({
      name: 'concurrent runs of one new name by the owner (twice) and another team',
      kind: 'takeover',
      refused: !theirs.completed,
      message: theirs.report,
      changed: [],
      problems: raceProblems,
    });
    console.log(
      `${
        raceProblems.length ? 'FAIL' : 'ok  '
      } concurrent runs of one new name${
        raceProblems.length ? `: ${raceProblems.join('; ')}` : ''
      }`,
    );

    // ---- scope: a trace crossing into kube-system shows only the entity's namespace ----
    const traceId = Array.from(
      { length: 32 },
      () => '0123456789abcdef'[Math.floor(Math.random() * 16)],
    ).join('');
    const now = BigInt(Date.now()) * 1_000_000n;
    const resource = (service: string, ns: string) => ({
      attributes: [
        { key: 'service.name', value: { stringValue: service } },
        { key: 'k8s.namespace.name', value: { stringValue: ns } },
      ],
    });
    const span = (id: string, name: string, parent?: string) => ({
      traceId,
      spanId: id,
      ...(parent ? { parentSpanId: parent } : {}),
      name,
      kind: 2,
      startTimeUnixNano: String(now),
      endTimeUnixNano: String(now + 5_000_000n),
      attributes: [],
      status: {},
    });
    await fetch(`${endpoints.tempo}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        resourceSpans: [
          {
            resource: resource('msa-nginx', 'msa'),
            scopeSpans: [
              {
                scope: { name: 'hostile' },
                spans: [span('00000000000000a1', 'GET /api/orders')],
              },
            ],
          },
          {
            resource: resource('vault-agent', 'kube-system'),
            scopeSpans: [
              {
                scope: { name: 'hostile' },
                spans: [
                  span(
                    '00000000000000b2',
                    'read kube-system secret',
                    '00000000000000a1',
                  ),
                ],
              },
            ],
          },
        ],
      }),
    });
    const trace = await until('the crafted trace', 30_000, async () => {
      const r = await fetch(
        `${BACKEND}/api/platform/v1/entities/default/component/msa-nginx/traces/${traceId}`,
        { headers },
      );
      const body = r.ok ? await r.json() : undefined;
      return body?.ok ? body : undefined;
    }).catch(() => undefined);
    scopeChecks += 1;
    const shown = JSON.stringify(trace ?? {});
    const leaked =
      shown.includes('vault-agent') || shown.includes('kube-system');
    if (leaked) scopeLeaks += 1;
    console.log(
      `${
        leaked ? 'FAIL' : 'ok  '
      } traces/:id of msa-nginx for a trace crossing into kube-system${
        leaked ? ': kube-system spans shown' : ''
      }${trace ? '' : ' (trace not returned)'}`,
    );
  } finally {
    await cleanup();
  }

  const hostile = outcomes.filter(o => o.kind !== 'update');
  const halfWritten = outcomes.filter(o => o.changed.length > 0).length;
  const takeovers = outcomes.filter(
    o => o.kind === 'takeover' && (!o.refused || o.changed.length > 0),
  ).length;
  const escapes = outcomes.filter(
    o =>
      o.kind === 'namespace-escape' &&
      (!o.refused || o.changed.some(k => k.startsWith('k8s:'))),
  ).length;
  const failed =
    outcomes.filter(o => o.problems.length > 0).length + scopeLeaks;
  const total = outcomes.length + scopeChecks;
  console.log(`cases=${total} failed=${failed}`);
  writeFileSync(
    path.join(LOG_DIR, 'results.json'),
    JSON.stringify({ passed: total - failed, failed }),
  );
  console.log(
    `hostile_runs=${hostile.length} half_written=${halfWritten} takeovers=${takeovers} namespace_escapes=${escapes} scope_leaks=${scopeLeaks}`,
  );
  if (failed > 0) process.exitCode = 1;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
