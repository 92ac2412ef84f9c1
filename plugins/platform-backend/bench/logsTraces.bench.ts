/* eslint-disable no-console */
// yarn bench:logs-traces — logs and traces against the sandbox's Loki and Tempo simulators, which copy what was
// measured on Loki 3.4.6 and Tempo 2.7.2 (first-found trace search, levels and trace ids outside the line text,
// 10 tails per tenant). Starts the sandbox (no Prometheus/Alertmanager) and the platform backend in this process
// on free ports, then measures:
// - newest_traces_overlap: the Traces card's first page (20) vs the true newest 20 of the range, read from the
//   simulator's store;
// - level_filter_recall / traceid_filter_recall: lines the Logs card's filter returns over the lines of that
//   level / trace id that exist in the store, over both log shapes (msa-nginx JSON, login-js OTLP);
// - upstream_tails_for_50_viewers: WebSocket tails Loki holds while 50 live-tail viewers of 10 services are open;
// - tail_delay_p95_ms: from the push of a marker line to its arrival at each viewer whose filters take it;
// - es_level_filter_recall: the same level-filtered reads through the logs route for an entity whose logs are in
//   the Elasticsearch simulator (login-js's ECS documents), over the documents of that level in its store.
import { ConfigReader } from '@backstage/config';
import { CacheManager } from '@backstage/backend-defaults/cache';
import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { readPlatformConfig } from '@paved-road/backstage-plugin-platform-node';
import express from 'express';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRouter } from '../src/router';
import { createEntityObservabilityService } from '../src/service/createService';

const SANDBOX_INDEX = path.resolve(__dirname, '../../../sandbox/src/index.ts');
const SERVICES = [
  'msa-nginx',
  'login-js',
  ...Array.from({ length: 8 }, (_, i) => `svc-${i + 3}`),
];
/** An entity of login-js whose elasticsearch-* annotations put its Logs card on Elasticsearch. */
const ES_ENTITY = 'login-js-es';
const ES_API_KEY = Buffer.from('sandbox-es-key:sandbox-es-api-key').toString(
  'base64',
);
const VIEWERS = 50;
const LOG_WINDOW_MS = 4 * 60_000;
const MS = 1_000_000n;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const stripZeros = (id: string) => id.replace(/^0+(?=.)/, '').toLowerCase();

function entity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-namespace': 'msa',
        'platform.paved-road.dev/loki-labels': `app=${name}`,
        'platform.paved-road.dev/tempo-service-name': name,
      },
    },
    spec: {
      type: 'service',
      owner: 'group:default/team',
      lifecycle: 'production',
    },
  };
}

function esEntity(): Entity {
  const e = entity(ES_ENTITY);
  e.metadata.annotations = {
    'backstage.io/kubernetes-namespace': 'msa',
    'platform.paved-road.dev/elasticsearch-index': 'logs-msa-*',
    'platform.paved-road.dev/elasticsearch-service': 'login-js',
  };
  return e;
}

async function startBackend(urls: {
  loki: string;
  tempo: string;
  elasticsearch: string;
}): Promise<{ base: string; close: () => Promise<void> }> {
  const config = new ConfigReader({
    backend: { cache: { store: 'memory' } },
    platform: {
      timeoutMs: 5000,
      cacheTtlSeconds: 5,
      loki: { url: urls.loki },
      tempo: { url: urls.tempo },
      elasticsearch: {
        instances: [
          { name: 'sandbox', url: urls.elasticsearch, apiKey: ES_API_KEY },
        ],
        allowedIndexPatterns: ['logs-msa-*'],
      },
    },
  });
  const silent: LoggerService = {
    error() {},
    warn() {},
    info() {},
    debug() {},
    child: () => silent,
  };
  const byRef = new Map<string, Entity>([
    ...SERVICES.map(n => [`component:default/${n}`, entity(n)] as const),
    [`component:default/${ES_ENTITY}`, esEntity()] as const,
  ]);
  const catalog = {
    getEntityByRef: async (ref: string) => structuredClone(byRef.get(ref)),
  } as unknown as CatalogService;
  const permissions = {
    authorize: async (reqs: unknown[]) =>
      reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
  } as unknown as PermissionsService;
  const httpAuth = {
    credentials: async () =>
      ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: 'user:default/bench' },
      } as BackstageCredentials),
  } as unknown as HttpAuthService;
  const cache = CacheManager.fromConfig(config).forPlugin('platform');
  const service = createEntityObservabilityService({
    config: readPlatformConfig(config),
    catalog,
    permissions,
    logger: silent,
    cache,
  });
  const app = express();
  app.use(
    '/api/platform',
    await createRouter({ httpAuth, service, logger: silent }),
  );
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/platform/v1/entities/default/component`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function getJson(url: string): Promise<any> {
  const r = await fetch(url);
  if (!r.ok)
    throw new Error(`GET ${url} answered ${r.status}: ${await r.text()}`);
  return r.json();
}

interface StoredLine {
  key: string;
  level: string;
  traceId?: string;
}

/** What the demo actually wrote: the level and trace id the sender gave, wherever the shape put them. */
function truthLines(
  sandbox: any,
  app: string,
  fromNs: bigint,
  toNs: bigint,
): StoredLine[] {
  const out: StoredLine[] = [];
  for (const s of sandbox.internals.logs.streams('fake')) {
    if (s.labels.app !== app) continue;
    for (const e of s.entries) {
      if (e.ts < fromNs || e.ts >= toNs) continue;
      let level = s.labels.level ?? e.meta.severity_text?.toLowerCase();
      let traceId = e.meta.trace_id;
      if (e.line.startsWith('{')) {
        const f = JSON.parse(e.line);
        level = level ?? f.level;
        traceId = traceId ?? f.trace_id;
      }
      out.push({ key: `${e.ts}\u0000${e.line}`, level, traceId });
    }
  }
  return out;
}

const ES_LEVELS: Record<string, string> = { warning: 'warn', err: 'error' };

/** login-js's documents in the Elasticsearch store of a level in [fromMs, toMs] (inclusive, as `range`), by time and message. */
function esTruth(
  sandbox: any,
  service: string,
  fromMs: number,
  toMs: number,
  level: string,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const index of sandbox.internals.elasticsearch.store.all()) {
    for (const doc of index.docs) {
      const src = doc.source;
      if (src.service?.name !== service || src.kubernetes?.namespace !== 'msa')
        continue;
      const ms = Date.parse(src['@timestamp']);
      if (ms < fromMs || ms > toMs) continue;
      const raw = String(src.log?.level ?? '').toLowerCase();
      if ((ES_LEVELS[raw] ?? raw) !== level) continue;
      const key = `${ms}\u0000${src.message}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

interface Viewer {
  service: string;
  received: Map<string, number>;
  errors: string[];
  opened: boolean;
  abort: AbortController;
}

function openViewer(
  base: string,
  service: string,
  query: Record<string, string>,
): Viewer {
  const v: Viewer = {
    service,
    received: new Map(),
    errors: [],
    opened: false,
    abort: new AbortController(),
  };
  const url = `${base}/${service}/logs/tail?${new URLSearchParams(query)}`;
  (async () => {
    const r = await fetch(url, {
      headers: { Accept: 'text/event-stream' },
      signal: v.abort.signal,
    });
    const reader = r.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let i = buf.indexOf('\n\n');
      while (i >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        i = buf.indexOf('\n\n');
        const name = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (name === 'open') v.opened = true;
        if (name === 'error') v.errors.push(data ?? '');
        if (process.env.BENCH_DEBUG)
          console.log('sse', service, name, data?.slice(0, 200));
        if (name === 'lines' && data) {
          const now = Date.now();
          for (const l of JSON.parse(data).lines) {
            const m = /bench-marker (\d+)/.exec(l.line);
            if (m && !v.received.has(m[1])) v.received.set(m[1], now);
          }
        }
      }
    }
  })().catch(e => {
    if (!v.abort.signal.aborted) v.errors.push(String(e));
  });
  return v;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)
  ];
}

async function main() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSandbox, DEFAULT_PORTS } = require(SANDBOX_INDEX);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-logs-traces-'));
  const sandbox = await startSandbox({
    stateDir,
    ports: Object.fromEntries(Object.keys(DEFAULT_PORTS).map(k => [k, 0])),
    peers: false,
    installPeers: false,
    timings: { demoRate: 2 },
    log: () => undefined,
  });
  const backend = await startBackend({
    loki: sandbox.endpoints.loki,
    tempo: sandbox.endpoints.tempo,
    elasticsearch: sandbox.endpoints.elasticsearch,
  });
  const viewers: Viewer[] = [];
  try {
    console.log(
      `sandbox up: ${
        sandbox.internals.traces.all().length
      } traces of history; live demo traffic for 20 s...`,
    );
    await sleep(Number(process.env.BENCH_WARMUP_MS ?? 20_000));

    // ---- Traces: first page vs the true newest 20
    const endMs = Math.floor(Date.now() / 5000) * 5000 - 5000;
    const startMs = endMs - 3_600_000;
    await sleep(3000); // spans of requests in flight at endMs are shipped within a second
    const range = `start=${new Date(startMs).toISOString()}&end=${new Date(
      endMs,
    ).toISOString()}`;
    const page = await getJson(
      `${backend.base}/msa-nginx/traces?${range}&limit=20`,
    );
    if (!page.ok) throw new Error(`traces: ${JSON.stringify(page.error)}`);
    const startNs = BigInt(Math.floor(startMs / 1000)) * 1_000_000_000n;
    const endNs = BigInt(Math.ceil(endMs / 1000)) * 1_000_000_000n;
    const truth = sandbox.internals.traces
      .all()
      .filter((t: any) =>
        t.batches.some((b: any) =>
          b.resource.attributes.some(
            (a: any) =>
              a.key === 'service.name' && a.value.stringValue === 'msa-nginx',
          ),
        ),
      )
      .filter((t: any) => t.searchStart <= endNs && t.searchEnd >= startNs)
      .map((t: any) => ({
        id: stripZeros(t.id),
        start: t.batches
          .flatMap((b: any) =>
            b.scopeSpans.flatMap((sc: any) =>
              sc.spans.map((s: any) => s.start),
            ),
          )
          .reduce((a: bigint, b: bigint) => (b < a ? b : a)),
      }))
      .sort(
        (a: any, b: any) =>
          Number(b.start - a.start > 0n) - Number(b.start - a.start < 0n),
      )
      .slice(0, 20)
      .map((t: any) => t.id);
    const shown = page.value.traces.map((t: any) => stripZeros(t.traceId));
    const overlap = shown.filter((id: string) => truth.includes(id)).length;
    const naive = await getJson(
      `${sandbox.endpoints.tempo}/api/search?${new URLSearchParams({
        q: '{ resource.service.name = "msa-nginx" }',
        start: String(startMs / 1000),
        end: String(endMs / 1000),
        limit: '20',
      })}`,
    );
    const naiveOverlap = (naive.traces ?? []).filter((t: any) =>
      truth.includes(stripZeros(t.traceID)),
    ).length;
    console.log(
      `traces: first page ${
        shown.length
      }, overlap ${overlap}/20 (one Tempo search with limit=20: ${naiveOverlap}/20), incomplete=${Boolean(
        page.value.incomplete,
      )}`,
    );

    // ---- Logs: level and trace id filters over both shapes
    const logFrom = endMs - LOG_WINDOW_MS;
    const logRange = `start=${new Date(logFrom).toISOString()}&end=${new Date(
      endMs,
    ).toISOString()}`;
    const fromNs = BigInt(logFrom) * MS;
    const toNs = BigInt(endMs) * MS;
    let levelFound = 0;
    let levelExist = 0;
    let idFound = 0;
    let idExist = 0;
    let idWrong = 0;
    for (const app of ['msa-nginx', 'login-js']) {
      const stored = truthLines(sandbox, app, fromNs, toNs);
      for (const level of ['info', 'error']) {
        const expected = new Set(
          stored.filter(l => l.level === level).map(l => l.key),
        );
        const body = await getJson(
          `${backend.base}/${app}/logs?${logRange}&level=${level}&limit=1000`,
        );
        if (!body.ok) throw new Error(`logs: ${JSON.stringify(body.error)}`);
        const got = body.value.lines
          .map((l: any) => `${l.timestampNs}\u0000${l.line}`)
          .filter((k: string) => expected.has(k));
        console.log(
          `level ${level} on ${app}: ${got.length}/${expected.size} (returned ${body.value.lines.length}, truncated=${body.value.truncated})`,
        );
        levelFound += got.length;
        levelExist += expected.size;
      }
    }
    // ---- Elasticsearch: the same level filter, for login-js's ECS documents
    let esFound = 0;
    let esExist = 0;
    for (const level of ['info', 'warn', 'error']) {
      const expected = esTruth(sandbox, 'login-js', logFrom, endMs, level);
      const body = await getJson(
        `${backend.base}/${ES_ENTITY}/logs?${logRange}&level=${level}&limit=1000`,
      );
      if (!body.ok) throw new Error(`es logs: ${JSON.stringify(body.error)}`);
      let got = 0;
      for (const l of body.value.lines) {
        const key = `${BigInt(l.timestampNs) / MS}\u0000${l.line}`;
        const left = expected.get(key) ?? 0;
        if (left > 0) {
          got += 1;
          expected.set(key, left - 1);
        }
      }
      const exist = [
        ...esTruth(sandbox, 'login-js', logFrom, endMs, level).values(),
      ].reduce((a, b) => a + b, 0);
      console.log(
        `es level ${level} on login-js: ${got}/${exist} (returned ${body.value.lines.length}, truncated=${body.value.truncated})`,
      );
      esFound += got;
      esExist += exist;
    }

    const nginx = truthLines(sandbox, 'msa-nginx', fromNs, toNs);
    // Five 64-bit ids (logged as 16 hex digits by msa-nginx, 32 with leading zeros in login-js's OTLP metadata)
    // and five 128-bit ones; the 64-bit ones asked for in both forms.
    const distinct = [
      ...new Set(nginx.map(l => l.traceId).filter(Boolean)),
    ] as string[];
    const ids = [
      ...distinct.filter(id => id.length === 16).slice(0, 5),
      ...distinct.filter(id => id.length === 32).slice(0, 5),
    ];
    for (const [i, id] of ids.entries()) {
      const asked = i % 2 === 0 ? id : id.padStart(32, '0');
      for (const app of ['msa-nginx', 'login-js']) {
        const expected = new Set(
          truthLines(sandbox, app, fromNs, toNs)
            .filter(l => l.traceId && stripZeros(l.traceId) === stripZeros(id))
            .map(l => l.key),
        );
        const body = await getJson(
          `${backend.base}/${app}/logs?${logRange}&traceId=${asked}&limit=1000`,
        );
        if (!body.ok) throw new Error(`logs: ${JSON.stringify(body.error)}`);
        const keys = body.value.lines.map(
          (l: any) => `${l.timestampNs}\u0000${l.line}`,
        );
        idFound += keys.filter((k: string) => expected.has(k)).length;
        idWrong += keys.filter((k: string) => !expected.has(k)).length;
        idExist += expected.size;
      }
    }
    console.log(
      `trace id filter: ${idFound}/${idExist} lines over ${
        ids.length
      } trace ids (${
        ids.filter(id => id.length === 16).length
      } of 64 bits), both services; ${idWrong} lines of other traces`,
    );

    // ---- Live tail: 50 viewers of 10 services, each with its own filters
    const tailsBefore = sandbox.internals.logs.events.listenerCount('push');
    const filterSets: Record<string, string>[] = [
      {},
      { level: 'info' },
      { level: 'error' },
      { text: 'bench-marker' },
      { level: 'warn,error' },
    ];
    for (let i = 0; i < VIEWERS; i++) {
      viewers.push(
        openViewer(
          backend.base,
          SERVICES[i % SERVICES.length],
          filterSets[Math.floor(i / SERVICES.length) % filterSets.length],
        ),
      );
    }
    for (
      let i = 0;
      i < 100 && !viewers.every(v => v.opened || v.errors.length);
      i++
    )
      await sleep(100);
    await sleep(1500);
    // Each WebSocket tail the Loki simulator serves listens to its store's pushes.
    const upstreamTails =
      sandbox.internals.logs.events.listenerCount('push') - tailsBefore;
    if (process.env.BENCH_DEBUG) console.log('markers start');
    const pushedAt = new Map<
      string,
      { at: number; service: string; level: string }
    >();
    for (let n = 0; n < 60; n++) {
      const service = SERVICES[n % SERVICES.length];
      const level = n % 3 === 0 ? 'error' : 'info';
      const at = Date.now();
      pushedAt.set(String(n), { at, service, level });
      const body = {
        streams: [
          {
            stream: { namespace: 'msa', app: service, level },
            values: [
              [
                (BigInt(at) * MS).toString(),
                JSON.stringify({ level, msg: `bench-marker ${n}` }),
              ],
            ],
          },
        ],
      };
      const r = await fetch(`${sandbox.endpoints.loki}/loki/api/v1/push`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (r.status !== 204) throw new Error(`push answered ${r.status}`);
      await sleep(100);
    }
    await sleep(4000);
    const delays: number[] = [];
    let expectedDeliveries = 0;
    for (const [i, v] of viewers.entries()) {
      const f = filterSets[Math.floor(i / SERVICES.length) % filterSets.length];
      for (const [n, p] of pushedAt) {
        if (p.service !== v.service) continue;
        if (f.level && !f.level.split(',').includes(p.level)) continue;
        expectedDeliveries += 1;
        const got = v.received.get(n);
        if (got !== undefined) delays.push(got - p.at);
      }
    }
    const viewerErrors = viewers.flatMap(v => v.errors);
    console.log(
      `tail: ${viewers.filter(v => v.opened).length}/${VIEWERS} viewers open, ${
        viewerErrors.length
      } errors${viewerErrors.length ? ` (${viewerErrors[0]})` : ''}, ${
        delays.length
      }/${expectedDeliveries} marker deliveries`,
    );
    const levelRecall = levelExist ? levelFound / levelExist : 0;
    const idRecall = idExist ? idFound / idExist : 0;
    const esRecall = esExist ? esFound / esExist : 0;
    // A delivery that never came counts as infinitely late.
    const delayP95 =
      delays.length < expectedDeliveries
        ? p95([
            ...delays,
            ...Array(expectedDeliveries - delays.length).fill(Infinity),
          ])
        : p95(delays);
    console.log(
      `newest_traces_overlap=${overlap}/20 level_filter_recall=${levelRecall.toFixed(
        2,
      )} traceid_filter_recall=${idRecall.toFixed(
        2,
      )} upstream_tails_for_50_viewers=${upstreamTails} tail_delay_p95_ms=${
        Number.isFinite(delayP95) ? Math.round(delayP95) : 'inf'
      } es_level_filter_recall=${esRecall.toFixed(2)}`,
    );
  } finally {
    for (const v of viewers) v.abort.abort();
    await backend.close();
    await sandbox.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
