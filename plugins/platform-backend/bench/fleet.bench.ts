/* eslint-disable no-console */
// Benchmark of the fleet view, printed as key=value lines, the last one:
//   fleet_view_p95_ratio=<x> upstream_requests_per_fleet_view=<n> fleet_table_render_ms=<x>
// fleet_view_p95_ratio: p95 of GET /api/platform/v1/fleet for 500 components (cache off) over the p95 of the
// slowest upstream's own latency (each fake upstream answers in 50-150 ms); upstream_requests_per_fleet_view:
// requests the fake upstreams saw per fleet view. fleet_table_render_ms: the fleet table rendering this
// route's last 500-row answer in headless Chromium, median over several page loads, measured by the
// frontend plugin's bench (plugins/platform-frontend/bench/fleet.mjs, which says what one load counts).
// Run: yarn bench:fleet. The backend runs alone in backendProcess.ts, the upstreams in upstreamsProcess.ts.
import { Entity } from '@backstage/catalog-model';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import rules from '@paved-road/fixtures/prometheus/rules-alert.json';
import { argoApplication, demoEntity } from '../src/__testUtils__/fakePlatform';
import { child, p95 } from './benchProcesses';

const COMPONENTS = 500;
const GROUPS = 5;
const VIEWS = 40;
const MIN_MS = 50;
const SPREAD_MS = 100;

const name = (i: number) => `fleet-${String(i).padStart(4, '0')}`;

function entities(): Entity[] {
  return Array.from({ length: COMPONENTS }, (_, i) => {
    const entity = demoEntity(name(i));
    entity.metadata.annotations = {
      'argocd/app-name': name(i),
      'prometheus.io/labels': `service=${name(i)}`,
      'jenkins.io/job-full-name': `ci:fleet/${name(i)}`,
      'backstage.io/kubernetes-id': name(i),
      'backstage.io/kubernetes-namespace': 'msa',
    };
    entity.relations = [
      { type: 'ownedBy', targetRef: `group:default/team-${i % GROUPS}` },
    ];
    return entity;
  });
}

function upstreamBodies() {
  const json = (v: unknown) => JSON.stringify(v);
  const now = Date.now();
  const t = Math.floor(now / 1000);
  const apps = Array.from({ length: COMPONENTS }, (_, i) => {
    const app = argoApplication({
      health: i % 17 === 0 ? 'Degraded' : 'Healthy',
    });
    return { ...app, metadata: { ...app.metadata, name: name(i) } };
  });
  const samples = Array.from({ length: COMPONENTS }, (_, i) =>
    (['rate', 'errorRatio', 'p95'] as const).map(series => ({
      metric: {
        red_series: series,
        destination_workload: name(i),
        destination_workload_namespace: 'msa',
      },
      value: [t, String(series === 'errorRatio' ? (i % 13) / 100 : 10 + i)],
    })),
  ).flat();
  const alerts = Array.from({ length: 40 }, (_, i) => ({
    labels: {
      alertname: 'HighErrorRatio',
      service: name(i * 11),
      namespace: 'msa',
      severity: i % 2 ? 'critical' : 'warning',
    },
    annotations: { summary: 'errors' },
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 60_000).toISOString(),
    updatedAt: new Date(now).toISOString(),
    fingerprint: `f${i}`,
    receivers: [{ name: 'default' }],
    status: { state: 'active', silencedBy: [], inhibitedBy: [] },
    generatorURL: 'http://prometheus/graph',
  }));
  const build = (i: number) => ({
    number: 10 + (i % 5),
    url: `http://j/job/fleet/job/${name(i)}/10/`,
    building: false,
    result: i % 19 === 0 ? 'FAILURE' : 'SUCCESS',
    timestamp: now - 600_000,
    duration: 60_000,
  });
  const jobs = Array.from({ length: COMPONENTS }, (_, i) => ({
    _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
    name: name(i),
    url: `http://j/job/fleet/job/${name(i)}/`,
    lastBuild: build(i),
    lastCompletedBuild: build(i),
  }));
  return {
    argocd: { '*': json({ items: apps }) },
    prometheus: {
      '/api/v1/rules': json(rules.response.body),
      '*': json({
        status: 'success',
        data: { resultType: 'vector', result: samples },
      }),
    },
    alertmanager: { '*': json(alerts) },
    jenkins: {
      '*': json({
        _class: 'hudson.model.Hudson',
        jobs: [
          {
            _class: 'com.cloudbees.hudson.plugins.folder.Folder',
            name: 'fleet',
            url: 'http://j/job/fleet/',
            jobs,
          },
        ],
      }),
    },
  };
}

/** Runs the frontend's table bench over a fleet answer, after the backend and upstreams have stopped. */
function tableRender(answer: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fleet-answer-'));
  try {
    const file = path.join(dir, 'fleet.json');
    writeFileSync(file, answer);
    const output = execFileSync(
      process.execPath,
      [
        path.resolve(__dirname, '../../platform-frontend/bench/fleet.mjs'),
        file,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines = output.trim().split('\n');
    for (const line of lines.slice(0, -1)) console.log(line);
    const figure = /^fleet_table_render_ms=([\d.]+)$/.exec(
      lines[lines.length - 1],
    );
    if (!figure) throw new Error(`the table bench printed: ${output}`);
    return figure[1];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const upstreams = child('upstreamsProcess.ts');
  const { urls } = await upstreams.request({
    type: 'start',
    setup: { bodies: upstreamBodies(), minMs: MIN_MS, spreadMs: SPREAD_MS },
  });
  const backend = child('backendProcess.ts');
  const { port } = await backend.request({
    type: 'start',
    setup: { urls, ttlSeconds: 0, entities: entities() },
  });
  const owners = Array.from(
    { length: GROUPS },
    (_, i) => `owner=group:default/team-${i}`,
  ).join('&');
  const url = `http://127.0.0.1:${port}/api/platform/v1/fleet?${owners}`;
  const agent = new http.Agent({ keepAlive: true });
  const view = () =>
    new Promise<{ ms: number; rows: number; body: Buffer }>(
      (resolve, reject) => {
        const started = performance.now();
        http
          .get(url, { agent }, res => {
            const chunks: Buffer[] = [];
            res.on('data', c => chunks.push(c));
            res.on('end', () => {
              if (res.statusCode !== 200) {
                reject(
                  new Error(
                    `fleet answered ${res.statusCode}: ${Buffer.concat(
                      chunks,
                    )}`,
                  ),
                );
                return;
              }
              const raw = Buffer.concat(chunks);
              resolve({
                ms: performance.now() - started,
                rows: JSON.parse(raw.toString()).rows.length,
                body: raw,
              });
            });
          })
          .on('error', reject);
      },
    );
  // Warm-up: connections, JIT, the argocd session.
  for (let i = 0; i < 3; i++) await view();
  await upstreams.request({ type: 'reset' });
  // BENCH_PROFILE_DIR=<dir>: a CPU profile of the backend over the measured views.
  const profile = process.env.BENCH_PROFILE_DIR
    ? path.join(process.env.BENCH_PROFILE_DIR, 'fleet.cpuprofile')
    : undefined;
  await backend.request({ type: 'mark', path: profile });
  const latencies: number[] = [];
  let rows = 0;
  let lastAnswer = Buffer.alloc(0);
  for (let i = 0; i < VIEWS; i++) {
    const result = await view();
    latencies.push(result.ms);
    rows = result.rows;
    lastAnswer = result.body;
  }
  const { cpuMs } = await backend.request({ type: 'measure', path: profile });
  const { stats } = await upstreams.request({ type: 'stats' });
  const upstreamP95 = Object.fromEntries(
    Object.entries(
      stats as Record<string, { latencies: number[]; requests: number }>,
    ).map(([k, s]) => [k, p95(s.latencies)]),
  );
  const requests = Object.values(
    stats as Record<string, { requests: number }>,
  ).reduce((n, s) => n + s.requests, 0);
  const slowest = Math.max(...Object.values(upstreamP95));
  console.log(
    `components=${rows} views=${VIEWS} fleet_view_p95_ms=${p95(
      latencies,
    ).toFixed(1)} slowest_upstream_p95_ms=${slowest.toFixed(
      1,
    )} backend_cpu_ms_per_view=${(cpuMs / VIEWS).toFixed(1)}`,
  );
  console.log(
    `upstream_p95_ms ${Object.entries(upstreamP95)
      .map(([k, v]) => `${k}=${v.toFixed(1)}`)
      .join(' ')}`,
  );
  await upstreams.close();
  await backend.close();
  const tableRenderMs = tableRender(lastAnswer);
  console.log(
    `fleet_view_p95_ratio=${(p95(latencies) / slowest).toFixed(
      2,
    )} upstream_requests_per_fleet_view=${(requests / VIEWS).toFixed(
      1,
    )} fleet_table_render_ms=${tableRenderMs}`,
  );
}

main().then(
  () => setTimeout(() => process.exit(0), 2000),
  error => {
    console.error(error);
    process.exit(1);
  },
);
