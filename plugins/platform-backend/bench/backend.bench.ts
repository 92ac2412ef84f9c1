/* eslint-disable no-console */
// Benchmarks of the platform backend, printed as key=value lines:
//   fanout_ratio_p95         health p95 / p95 of the slowest upstream's own latency (4 sources, 50-150 ms, cache off, 50 clients)
//   upstream_requests_per_view, cached_hit_p95_ms   (1,000 health views over 20 entities within the TTL, arriving
//                                                    at 500/s; then the same views from 10 closed-loop clients,
//                                                    printed as saturated_* figures)
// Run: yarn bench:backend  (node --require @backstage/cli/config/nodeTransform.cjs plugins/platform-backend/bench/backend.bench.ts)
// Three processes: this one is the load generator (keep-alive connections, like a browser), the backend
// runs alone in backendProcess.ts and the fake upstreams in upstreamsProcess.ts, so neither the load nor
// the fakes take the backend's event loop. The backend reports its own CPU and event-loop use per phase;
// BENCH_PROFILE_DIR=<dir> also writes a CPU profile of each measured phase there.
import { Entity } from '@backstage/catalog-model';
import http from 'node:http';
import path from 'node:path';
import { argoApplication, demoEntity } from '../src/__testUtils__/fakePlatform';
import { child, p95, quantile } from './benchProcesses';
import rules from '@paved-road/fixtures/prometheus/rules-alert.json';
import alerts from '@paved-road/fixtures/alertmanager/alerts.json';

const median = (values: number[]) => quantile(values, 0.5);

type Upstream = 'argocd' | 'prometheus' | 'alertmanager' | 'jenkins';

interface UpstreamStats {
  latencies: number[];
  requests: number;
}

async function startUpstreams(minMs: number, spreadMs: number) {
  const json = (v: unknown) => JSON.stringify(v);
  const bodies: Record<Upstream, Record<string, string>> = {
    argocd: { '*': json({ items: [argoApplication()] }) },
    prometheus: {
      '/api/v1/rules': json(rules.response.body),
      '*': json(redMatrix()),
    },
    alertmanager: { '*': json(alerts.response.body) },
    jenkins: {
      '*': json({
        name: 'job',
        url: 'http://j/job/',
        builds: [
          {
            number: 1,
            url: 'http://j/1/',
            building: false,
            result: 'SUCCESS',
            timestamp: Date.now(),
            duration: 1000,
          },
        ],
      }),
    },
  };
  const proc = child('upstreamsProcess.ts');
  const { urls } = (await proc.request({
    type: 'start',
    setup: { bodies, minMs, spreadMs },
  })) as { urls: Record<Upstream, string> };
  return {
    urls,
    async stats(): Promise<Record<string, UpstreamStats>> {
      return (await proc.request({ type: 'stats' })).stats;
    },
    reset: () => proc.request({ type: 'reset' }),
    close: proc.close,
  };
}

function redMatrix() {
  const t = Math.floor(Date.now() / 1000);
  return {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: ['rate', 'errorRatio', 'p95'].map(name => ({
        metric: { red_series: name },
        values: [
          [t - 60, '0.5'],
          [t, '0.5'],
        ],
      })),
    },
  };
}

interface BackendMeasure {
  cpuMs: number;
  elu: number;
  counters: { catalog: number; authorize: number };
}

async function startPlatform(
  minMs: number,
  spreadMs: number,
  ttlSeconds: number,
  entities: Entity[],
) {
  const upstreams = await startUpstreams(minMs, spreadMs);
  const backend = child('backendProcess.ts');
  const { port } = await backend.request({
    type: 'start',
    setup: { urls: upstreams.urls, ttlSeconds, entities },
  });
  const base = `http://127.0.0.1:${port}/api/platform/v1/entities/default/component`;
  // Like a browser: a pool of kept-alive connections, no new TCP connection per request.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 100 });
  const get = (name: string) =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      http
        .get(
          `${base}/${name}/health`,
          { agent, headers: { Accept: 'application/json' } },
          res => {
            res.resume();
            res.on('end', () =>
              res.statusCode === 200
                ? resolve(performance.now() - started)
                : reject(new Error(`status ${res.statusCode}`)),
            );
          },
        )
        .on('error', reject);
    });
  let profile = 0;
  return {
    upstreams,
    get,
    /** Starts the backend's CPU / event-loop accounting (and a CPU profile when BENCH_PROFILE_DIR is set). */
    mark: (label: string) =>
      backend.request({
        type: 'mark',
        path: process.env.BENCH_PROFILE_DIR
          ? path.join(
              process.env.BENCH_PROFILE_DIR,
              `${label}-${++profile}.cpuprofile`,
            )
          : undefined,
      }),
    measure: (label: string): Promise<BackendMeasure> =>
      backend.request({
        type: 'measure',
        path: process.env.BENCH_PROFILE_DIR
          ? path.join(
              process.env.BENCH_PROFILE_DIR,
              `${label}-${profile}.cpuprofile`,
            )
          : undefined,
      }),
    close: async () => {
      agent.destroy();
      await backend.close();
      await upstreams.close();
    },
  };
}

/** Entities whose every annotation differs, so no two share an upstream query (as in a real catalog). */
function benchEntity(name: string): Entity {
  const entity = demoEntity(name);
  entity.metadata.annotations = {
    'argocd/app-name': name,
    'prometheus.io/labels': `service=${name}`,
    'jenkins.io/job-full-name': `ci:msa/${name}`,
    'backstage.io/kubernetes-id': name,
    'backstage.io/kubernetes-namespace': 'msa',
  };
  return entity;
}

const entitiesNamed = (n: number) =>
  Array.from({ length: n }, (_, i) => benchEntity(`svc-${i}`));

function report(
  prefix: string,
  requests: number,
  wallMs: number,
  backend: BackendMeasure,
) {
  console.log(
    `${prefix}_backend_cpu_ms_per_request=${(backend.cpuMs / requests).toFixed(
      2,
    )}`,
  );
  console.log(
    `${prefix}_backend_cpu_utilisation=${(backend.cpuMs / wallMs).toFixed(2)}`,
  );
  console.log(
    `${prefix}_backend_event_loop_utilisation=${backend.elu.toFixed(2)}`,
  );
  console.log(
    `${prefix}_catalog_reads_per_request=${(
      backend.counters.catalog / requests
    ).toFixed(3)}`,
  );
  console.log(
    `${prefix}_authorize_calls_per_request=${(
      backend.counters.authorize / requests
    ).toFixed(3)}`,
  );
}

async function fanout() {
  const clients = Number(process.env.BENCH_CLIENTS ?? 50);
  const perClient = Number(process.env.BENCH_PER_CLIENT ?? 40);
  const fixed = process.env.BENCH_FIXED_MS
    ? Number(process.env.BENCH_FIXED_MS)
    : undefined;
  const platform = await startPlatform(
    fixed ?? 50,
    fixed !== undefined ? 0 : 100,
    0,
    entitiesNamed(clients),
  );
  // Warm up connections and the JIT, then measure from a clean slate.
  for (let round = 0; round < 5; round++) {
    await Promise.all(
      Array.from({ length: clients }, (_, i) => platform.get(`svc-${i}`)),
    );
  }
  await platform.upstreams.reset();
  await platform.mark('fanout');
  const latencies: number[] = [];
  const wall0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++)
        latencies.push(await platform.get(`svc-${c}`));
    }),
  );
  const backend = await platform.measure('fanout');
  report('fanout', latencies.length, performance.now() - wall0, backend);
  const stats = await platform.upstreams.stats();
  const slowest = Math.max(...Object.values(stats).map(u => p95(u.latencies)));
  const health = p95(latencies);
  await platform.close();
  console.log(`fanout_health_p50_ms=${median(latencies).toFixed(1)}`);
  console.log(`fanout_health_p95_ms=${health.toFixed(1)}`);
  console.log(`fanout_slowest_upstream_p95_ms=${slowest.toFixed(1)}`);
  return { fanout_ratio_p95: (health / slowest).toFixed(3) };
}

/**
 * Sends `views` requests at a fixed arrival rate, whatever the answers' timing (open loop), and times each
 * from its scheduled start, so a stalled backend shows up in the figures instead of slowing the load down.
 */
async function openLoop(
  views: number,
  perSecond: number,
  view: (i: number, due: number) => Promise<void>,
) {
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < views; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise(resolve => setTimeout(resolve, wait));
    pending.push(view(i, due));
  }
  await Promise.all(pending);
}

async function cached() {
  const entityCount = 20;
  const views = 1000;
  const perSecond = Number(process.env.BENCH_VIEW_RATE ?? 500);
  const clients = Number(process.env.BENCH_SATURATION_CLIENTS ?? 10);
  const entities = [
    ...entitiesNamed(entityCount),
    ...Array.from({ length: entityCount }, (_, i) => benchEntity(`warm-${i}`)),
  ];
  const platform = await startPlatform(5, 10, 300, entities);
  // The default metrics range is aligned to a 30 s step: start right after a boundary so all views share it.
  const msToBoundary = 30_000 - (Date.now() % 30_000);
  if (msToBoundary < 12_000)
    await new Promise(r => setTimeout(r, msToBoundary + 50));
  // Warm the JIT on other entities (their own cache entries), then count from a clean slate.
  for (let round = 0; round < 10; round++) {
    await Promise.all(
      Array.from({ length: entityCount }, (_, i) => platform.get(`warm-${i}`)),
    );
  }
  await platform.upstreams.reset();

  // 1,000 views of 20 entities arriving at a steady rate (500/s is 25 views per entity per second, far above
  // a portal's real traffic): the first view of each entity misses, every later one is a cached hit.
  await platform.mark('cached');
  const answered = new Set<string>();
  const hits: number[] = [];
  const wall0 = performance.now();
  await openLoop(views, perSecond, async (i, due) => {
    const name = `svc-${i % entityCount}`;
    // A view sent while the entity's first view is still in flight shares that miss; only later ones are hits.
    const hit = answered.has(name);
    await platform.get(name);
    answered.add(name);
    if (hit) hits.push(performance.now() - due);
  });
  const backend = await platform.measure('cached');
  report('cached', views, performance.now() - wall0, backend);
  const total = Object.values(await platform.upstreams.stats()).reduce(
    (sum, u) => sum + u.requests,
    0,
  );
  console.log(`upstream_requests_total=${total}`);
  console.log(`cached_view_rate_per_s=${perSecond}`);
  console.log(`cached_hits_measured=${hits.length}`);
  console.log(`cached_hit_p50_ms=${median(hits).toFixed(2)}`);

  // The same views with the backend saturated: closed-loop clients each sending the next view as soon as the
  // last one answers. This measures throughput; latency here is mostly waiting behind the other clients.
  const saturated: number[] = [];
  let next = 0;
  const sat0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < views)
        saturated.push(await platform.get(`svc-${next++ % entityCount}`));
    }),
  );
  const satSeconds = (performance.now() - sat0) / 1000;
  console.log(`saturated_clients=${clients}`);
  console.log(`saturated_views_per_s=${(views / satSeconds).toFixed(0)}`);
  console.log(`saturated_hit_p50_ms=${median(saturated).toFixed(2)}`);
  console.log(`saturated_hit_p95_ms=${p95(saturated).toFixed(2)}`);
  await platform.close();
  return {
    upstream_requests_per_view: (total / views).toFixed(3),
    cached_hit_p95_ms: p95(hits).toFixed(2),
  };
}

async function main() {
  const started = Date.now();
  const headline = { ...(await fanout()), ...(await cached()) };
  console.log(`bench_seconds=${((Date.now() - started) / 1000).toFixed(1)}`);
  // The figures the issue asks for come last, in its order.
  for (const [name, value] of Object.entries(headline))
    console.log(`${name}=${value}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
