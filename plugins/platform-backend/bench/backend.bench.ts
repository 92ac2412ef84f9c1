/* eslint-disable no-console */
// Benchmarks of the platform backend, printed as key=value lines:
//   fanout_ratio_p95         health p95 / p95 of the slowest upstream's own latency (4 sources, 50-150 ms, cache off, 50 clients)
//   upstream_requests_per_view, cached_hit_p95_ms   (1,000 health views over 20 entities within the TTL)
// Run: yarn bench:backend  (node --require @backstage/cli/config/nodeTransform.cjs plugins/platform-backend/bench/backend.bench.ts)
import { ConfigReader } from '@backstage/config';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { BackstageCredentials, HttpAuthService, LoggerService, PermissionsService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { readPlatformConfig } from '@paved-road/backstage-plugin-platform-node';
import express from 'express';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { createRouter } from '../src/router';
import { createEntityObservabilityService } from '../src/service/createService';
import { argoApplication, demoEntity } from '../src/testing/fakePlatform';
import rules from '../src/testing/__fixtures__/rules-alert.json';
import alerts from '../src/testing/__fixtures__/alerts.json';

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

// The fake upstreams run in a worker thread: on the backend's own event loop their CPU would be
// counted as backend overhead. Each answers after minMs + random * spreadMs and records its own latency.
const UPSTREAM_WORKER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { bodies, minMs, spreadMs } = workerData;
const stats = {};
const urls = {};
let pending = Object.keys(bodies).length;
for (const [name, routes] of Object.entries(bodies)) {
  stats[name] = { latencies: [], requests: 0 };
  const server = http.createServer((req, res) => {
    const started = performance.now();
    stats[name].requests += 1;
    const path = new URL(req.url, 'http://x').pathname;
    const body = routes[path] ?? routes['*'];
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(body);
      stats[name].latencies.push(performance.now() - started);
    }, minMs + Math.random() * spreadMs);
  });
  server.keepAliveTimeout = 60000;
  server.listen(0, '127.0.0.1', () => {
    urls[name] = 'http://127.0.0.1:' + server.address().port;
    if (--pending === 0) parentPort.postMessage({ urls });
  });
}
parentPort.on('message', msg => {
  if (msg === 'stats') parentPort.postMessage({ stats });
  if (msg === 'reset') for (const s of Object.values(stats)) { s.latencies = []; s.requests = 0; }
});
`;

interface UpstreamStats {
  latencies: number[];
  requests: number;
}

async function startUpstreams(minMs: number, spreadMs: number) {
  const json = (v: unknown) => JSON.stringify(v);
  const bodies = {
    argocd: { '*': json({ items: [argoApplication()] }) },
    prometheus: { '/api/v1/rules': json(rules.response.body), '*': json(redMatrix()) },
    alertmanager: { '*': json(alerts.response.body) },
    jenkins: {
      '*': json({ name: 'job', url: 'http://j/job/', builds: [{ number: 1, url: 'http://j/1/', building: false, result: 'SUCCESS', timestamp: Date.now(), duration: 1000 }] }),
    },
  };
  const worker = new Worker(UPSTREAM_WORKER, { eval: true, workerData: { bodies, minMs, spreadMs } });
  const next = () => new Promise<any>(resolve => worker.once('message', resolve));
  const { urls } = (await next()) as { urls: Record<keyof typeof bodies, string> };
  return {
    urls,
    async stats(): Promise<Record<string, UpstreamStats>> {
      worker.postMessage('stats');
      return (await next()).stats;
    },
    reset: () => worker.postMessage('reset'),
    close: () => worker.terminate(),
  };
}

function redMatrix() {
  const t = Math.floor(Date.now() / 1000);
  return {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: ['rate', 'errorRatio', 'p95'].map(name => ({ metric: { red_series: name }, values: [[t - 60, '0.5'], [t, '0.5']] })),
    },
  };
}

async function startPlatform(minMs: number, spreadMs: number, ttlSeconds: number, entities: Entity[]) {
  const upstreams = await startUpstreams(minMs, spreadMs);
  const { argocd, prometheus, alertmanager, jenkins } = upstreams.urls;
  const config = new ConfigReader({
    backend: { cache: { store: 'memory' } },
    platform: {
      timeoutMs: 5000,
      cacheTtlSeconds: ttlSeconds,
      argocd: { instances: [{ name: 'main', url: argocd, token: 'bench-token' }] },
      prometheus: { url: prometheus },
      alertmanager: { url: alertmanager },
      jenkins: { instances: [{ name: 'ci', url: jenkins, username: 'u', apiToken: 'bench-token' }] },
    },
  });
  const silent: LoggerService = { error() {}, warn() {}, info() {}, debug() {}, child: () => silent };
  const byRef = new Map(entities.map(e => [`component:default/${e.metadata.name}`, e]));
  const catalog = { getEntityByRef: async (ref: string) => byRef.get(ref) } as unknown as CatalogService;
  const permissions = { authorize: async (reqs: unknown[]) => reqs.map(() => ({ result: AuthorizeResult.ALLOW })) } as unknown as PermissionsService;
  const credentials = { $$type: '@backstage/BackstageCredentials', principal: { type: 'user', userEntityRef: 'user:default/bench' } } as BackstageCredentials;
  const httpAuth = { credentials: async () => credentials } as unknown as HttpAuthService;
  const cache = CacheManager.fromConfig(config).forPlugin('platform');
  const service = createEntityObservabilityService({ config: readPlatformConfig(config), catalog, permissions, logger: silent, cache });
  const app = express();
  app.use('/api/platform', await createRouter({ httpAuth, service }));
  const server = http.createServer(app);
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/platform/v1/entities/default/component`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 100 });
  const direct = async (name: string) => {
    const started = performance.now();
    await service.health({ ref: { kind: 'component', namespace: 'default', name }, credentials });
    return performance.now() - started;
  };
  const get = (name: string) => process.env.BENCH_DIRECT ? direct(name) :
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      http
        .get(`${base}/${name}/health`, { agent }, res => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`status ${res.statusCode}`))));
        })
        .on('error', reject);
    });
  return {
    upstreams,
    get,
    close: async () => {
      agent.destroy();
      await new Promise<void>(r => { server.closeAllConnections(); server.close(() => r()); });
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

const entitiesNamed = (n: number) => Array.from({ length: n }, (_, i) => benchEntity(`svc-${i}`));

async function fanout() {
  const clients = Number(process.env.BENCH_CLIENTS ?? 50);
  const perClient = 20;
  const fixed = process.env.BENCH_FIXED_MS ? Number(process.env.BENCH_FIXED_MS) : undefined;
  const platform = await startPlatform(fixed ?? 50, fixed !== undefined ? 0 : 100, 0, entitiesNamed(clients));
  // Warm up connections and the JIT, then measure from a clean slate.
  await Promise.all(Array.from({ length: clients }, (_, i) => platform.get(`svc-${i}`)));
  await Promise.all(Array.from({ length: clients }, (_, i) => platform.get(`svc-${i}`)));
  platform.upstreams.reset();
  const latencies: number[] = [];
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) latencies.push(await platform.get(`svc-${c}`));
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  console.log(`fanout_backend_cpu_ms_per_health=${((cpu.user + cpu.system) / 1000 / latencies.length).toFixed(2)}`);
  console.log(`fanout_backend_cpu_utilisation=${((cpu.user + cpu.system) / 1000 / (performance.now() - wall0)).toFixed(2)}`);
  const stats = await platform.upstreams.stats();
  const slowest = Math.max(...Object.values(stats).map(u => p95(u.latencies)));
  const health = p95(latencies);
  await platform.close();
  console.log(`fanout_health_p95_ms=${health.toFixed(1)}`);
  console.log(`fanout_slowest_upstream_p95_ms=${slowest.toFixed(1)}`);
  console.log(`fanout_ratio_p95=${(health / slowest).toFixed(3)}`);
}

async function cached() {
  const entityCount = 20;
  const views = 1000;
  const concurrency = Number(process.env.BENCH_VIEW_CONCURRENCY ?? 10);
  const platform = await startPlatform(5, 10, 300, entitiesNamed(entityCount));
  // The default metrics range is aligned to a 30 s step: start right after a boundary so all views share it.
  const msToBoundary = 30_000 - (Date.now() % 30_000);
  if (msToBoundary < 10_000) await new Promise(r => setTimeout(r, msToBoundary + 50));
  const viewed = new Set<string>();
  const hits: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < views) {
        const name = `svc-${next++ % entityCount}`;
        const warm = viewed.has(name);
        const ms = await platform.get(name);
        if (warm) hits.push(ms);
        viewed.add(name);
      }
    }),
  );
  const total = Object.values(await platform.upstreams.stats()).reduce((sum, u) => sum + u.requests, 0);
  console.log(`upstream_requests_total=${total}`);
  console.log(`upstream_requests_per_view=${(total / views).toFixed(3)}`);
  console.log(`cached_hit_p95_ms=${p95(hits).toFixed(2)}`);
  await platform.close();
}

async function main() {
  const started = Date.now();
  await fanout();
  await cached();
  console.log(`bench_seconds=${((Date.now() - started) / 1000).toFixed(1)}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
