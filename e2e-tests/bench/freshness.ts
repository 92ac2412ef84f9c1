/**
 * How fresh an open Health tab is, and what open tabs cost the upstreams. Headless Chromium (playwright-core,
 * Debian's /usr/bin/chromium) against a sandbox and a backend this script starts; `yarn bench:freshness` holds
 * /tmp/paved-road-e2e.lock while it runs (fixed ports). Needs a built app: `yarn workspace app build`.
 *
 * Every upstream URL of the backend points at a counting proxy in front of the sandbox's server, so upstream
 * requests are counted where they leave the backend. The script itself talks to the sandbox directly.
 *
 *  - alert: N alerts (>= 5) are posted to Alertmanager at random moments; each sample is the time from the
 *    POST's answer (the alert is active in Alertmanager) to its name on the tab's Alerts card.
 *  - argocd: Sync is pressed on the tab; each sample is the time from the operation's end (first seen as
 *    Succeeded by polling the sandbox every 100 ms) to the card showing the outcome with "Synced".
 *  - tail: with Live on, lines are pushed to Loki; each sample is the time from the push's answer to the line
 *    in the Logs card.
 *  - ratio: upstream requests per minute with 50 tabs open on msa-nginx over the same with 1 tab.
 *
 * Ends with one line: alert_freshness_p95_s=<x> argocd_freshness_p95_s=<x> tail_delay_p95_s=<x>
 * upstream_rpm_ratio_50_tabs=<x>. Logs land in artifacts/bench/.
 */
import { type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import {
  chromium,
  type BrowserContext,
  type Page,
  type Request,
} from 'playwright-core';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports -- the repo's shared script helpers
import {
  sleep,
  stopProcess as stop,
  until as untilValue,
} from '../../scripts/lib/processes.ts';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports -- the repo's shared script helpers
import {
  BACKEND,
  ROOT,
  assertBackendPortFree,
  startBackend,
  startSandbox,
} from '../../scripts/lib/portal.ts';

const LOG_DIR = path.join(ROOT, 'artifacts', 'bench');
const HEALTH_PATH = '/catalog/default/component/msa-nginx/health';
const ALERTMANAGER = 'http://127.0.0.1:17093';
const LOKI = 'http://127.0.0.1:17100';
const KUBERNETES = 'http://127.0.0.1:17443';
const KUBE_TOKEN = 'sandbox-kube-token';

const ALERT_SAMPLES = Number(process.env.BENCH_ALERTS ?? 8);
const SYNC_SAMPLES = Number(process.env.BENCH_SYNCS ?? 5);
const TAIL_SAMPLES = Number(process.env.BENCH_TAIL_LINES ?? 10);
const TABS = 50;
const WINDOW_MS = Number(process.env.BENCH_WINDOW_S ?? 90) * 1000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

function log(line: string) {
  process.stdout.write(`[bench] ${line}\n`);
}

const until = <T>(
  what: string,
  timeoutMs: number,
  fn: () => Promise<T | undefined>,
) => untilValue(what, timeoutMs, fn, 100);

/** A reverse proxy in front of one sandbox port that counts requests (WebSocket upgrades included). */
interface CountingProxy {
  name: string;
  port: number;
  count: number;
  server: http.Server;
}

function countingProxy(
  name: string,
  targetPort: number,
): Promise<CountingProxy> {
  const proxy: CountingProxy = {
    name,
    port: 0,
    count: 0,
    server: http.createServer(),
  };
  proxy.server.on('request', (req, res) => {
    proxy.count += 1;
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: targetPort,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', error => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(upstream);
  });
  proxy.server.on('upgrade', (req, socket, head) => {
    proxy.count += 1;
    const upstream = net.connect(targetPort, '127.0.0.1', () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    const close = () => {
      socket.destroy();
      upstream.destroy();
    };
    upstream.on('error', close);
    socket.on('error', close);
  });
  return new Promise(resolve =>
    proxy.server.listen(0, '127.0.0.1', () => {
      proxy.port = (proxy.server.address() as net.AddressInfo).port;
      resolve(proxy);
    }),
  );
}

/** The backend config that sends every platform upstream through its proxy. */
function upstreamConfig(ports: Record<string, number>): string {
  const url = (name: string) => `http://127.0.0.1:${ports[name]}`;
  return `platform:
  argocd:
    instances:
      - name: sandbox
        url: ${url('argocd')}
        token: sandbox-argocd-token
  kubernetes:
    url: ${url('kubernetes')}
  prometheus:
    url: ${url('prometheus')}
  alertmanager:
    url: ${url('alertmanager')}
  loki:
    url: ${url('loki')}
  tempo:
    url: ${url('tempo')}
  jenkins:
    instances:
      - name: sandbox
        url: ${url('jenkins')}
        username: platform
        apiToken: sandbox-jenkins-token
`;
}

/** Resolves with the page's clock (ms) once `text` is in the card titled `card`. */
function whenCardShows(
  page: Page,
  card: string,
  text: string,
  timeoutMs: number,
): Promise<number> {
  return page
    .waitForFunction(
      ([title, wanted]) => {
        const region = document.querySelector(`section[aria-label="${title}"]`);
        return region?.textContent?.includes(wanted) ? Date.now() : false;
      },
      [card, text] as const,
      { polling: 50, timeout: timeoutMs },
    )
    .then(handle => handle.jsonValue() as Promise<number>);
}

async function openHealthTab(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(HEALTH_PATH);
  await page.getByTestId('platform-verdict').waitFor({ timeout: 120_000 });
  return page;
}

async function measureAlerts(page: Page, stamp: string): Promise<number[]> {
  const names = Array.from(
    { length: ALERT_SAMPLES },
    (_, i) => `BenchFreshness${stamp}N${i}`,
  );
  const post = (alerts: unknown[]) =>
    fetch(`${ALERTMANAGER}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(alerts),
    });
  const alertOf = (name: string, endsAt: Date) => ({
    labels: {
      alertname: name,
      namespace: 'msa',
      service: 'msa-nginx',
      severity: 'warning',
    },
    annotations: { summary: 'freshness benchmark' },
    startsAt: new Date().toISOString(),
    endsAt: endsAt.toISOString(),
  });
  try {
    return await Promise.all(
      names.map(async name => {
        // Spread over 45 s: the samples fall at every phase of the cache and of the card's polling.
        await sleep(Math.random() * 45_000);
        const shown = whenCardShows(page, 'Alerts', name, 90_000);
        const response = await post([
          alertOf(name, new Date(Date.now() + 600_000)),
        ]);
        if (!response.ok)
          throw new Error(`Alertmanager refused the alert: ${response.status}`);
        const firedAt = Date.now();
        const seconds = ((await shown) - firedAt) / 1000;
        log(`alert ${name}: ${seconds.toFixed(2)} s`);
        return seconds;
      }),
    );
  } finally {
    await post(names.map(name => alertOf(name, new Date())));
  }
}

interface Operation {
  phase?: string;
  startedAt?: string;
}

async function operationOf(app: string): Promise<Operation | undefined> {
  const response = await fetch(
    `${KUBERNETES}/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/${app}`,
    {
      headers: { Authorization: `Bearer ${KUBE_TOKEN}` },
    },
  );
  if (!response.ok)
    throw new Error(
      `Kubernetes answered ${response.status} for the application`,
    );
  const body = (await response.json()) as {
    status?: { operationState?: Operation };
  };
  return body.status?.operationState;
}

async function measureSyncs(page: Page): Promise<number[]> {
  const card = page.getByRole('region', { name: 'Argo CD' });
  const samples: number[] = [];
  for (let i = 0; i < SYNC_SAMPLES; i++) {
    const before = await operationOf('msa-nginx');
    await card.getByRole('button', { name: 'Sync', exact: true }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await card.getByTestId('argocd-following').waitFor({ timeout: 30_000 });
    const shown = page
      .waitForFunction(
        () => {
          const region = document.querySelector(
            'section[aria-label="Argo CD"]',
          );
          if (
            !region ||
            region.querySelector('[data-testid="argocd-following"]')
          )
            return false;
          return region.textContent?.includes('Synced') ? Date.now() : false;
        },
        undefined,
        { polling: 50, timeout: 120_000 },
      )
      .then(handle => handle.jsonValue() as Promise<number>);
    const finishedAt = await until('the sync to end', 120_000, async () => {
      const op = await operationOf('msa-nginx');
      const ended =
        op &&
        op.startedAt !== before?.startedAt &&
        op.phase &&
        !['Running', 'Terminating'].includes(op.phase);
      return ended ? Date.now() : undefined;
    });
    const seconds = Math.max(0, ((await shown) - finishedAt) / 1000);
    log(
      `sync ${i}: outcome on the tab ${seconds.toFixed(
        2,
      )} s after the operation ended`,
    );
    samples.push(seconds);
    await sleep(2_000 + Math.random() * 3_000);
  }
  return samples;
}

async function measureTail(page: Page, stamp: string): Promise<number[]> {
  const card = page.getByRole('region', { name: 'Logs' });
  await card.getByLabel('Live').check();
  // The tail starts now: give it its upstream connection before the first line.
  await sleep(3_000);
  const samples: number[] = [];
  for (let i = 0; i < TAIL_SAMPLES; i++) {
    const token = `bench-tail-${stamp}-${i}`;
    const shown = whenCardShows(page, 'Logs', token, 30_000);
    const line = JSON.stringify({ level: 'info', msg: token, status: 200 });
    const response = await fetch(`${LOKI}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        streams: [
          {
            stream: { namespace: 'msa', app: 'msa-nginx', level: 'info' },
            values: [[`${Date.now()}000000`, line]],
          },
        ],
      }),
    });
    if (!response.ok)
      throw new Error(`Loki refused the push: ${response.status}`);
    const pushedAt = Date.now();
    const seconds = Math.max(0, ((await shown) - pushedAt) / 1000);
    log(`tail line ${i}: ${seconds.toFixed(2)} s`);
    samples.push(seconds);
    await sleep(500 + Math.random() * 1_000);
  }
  await card.getByLabel('Live').uncheck();
  return samples;
}

/** Upstream requests per minute over one window, and how many tabs asked the backend during it. */
async function upstreamRpm(
  proxies: CountingProxy[],
  context: BrowserContext,
): Promise<{ rpm: number; pagesPolling: number; byUpstream: string }> {
  const asking = new Set<Page>();
  const onRequest = (request: Request) => {
    if (request.url().includes('/api/platform/'))
      asking.add(request.frame().page());
  };
  context.on('request', onRequest);
  const before = proxies.map(p => p.count);
  await sleep(WINDOW_MS);
  const counts = proxies.map((p, i) => p.count - before[i]);
  context.off('request', onRequest);
  const minutes = WINDOW_MS / 60_000;
  return {
    rpm: counts.reduce((a, b) => a + b, 0) / minutes,
    pagesPolling: asking.size,
    byUpstream: proxies
      .map((p, i) => `${p.name}=${(counts[i] / minutes).toFixed(1)}`)
      .join(' '),
  };
}

async function main() {
  mkdirSync(LOG_DIR, { recursive: true });
  await assertBackendPortFree('the bench');
  const chromiumConfig = JSON.parse(
    readFileSync(path.join(ROOT, 'scripts', 'chromium.json'), 'utf8'),
  );
  const targets: Record<string, number> = {
    argocd: 17081,
    kubernetes: 17443,
    prometheus: 17090,
    alertmanager: 17093,
    loki: 17100,
    tempo: 17200,
    jenkins: 17082,
  };
  const proxies = await Promise.all(
    Object.entries(targets).map(([name, port]) => countingProxy(name, port)),
  );
  const configFile = path.join(LOG_DIR, 'freshness-upstreams.yaml');
  writeFileSync(
    configFile,
    upstreamConfig(Object.fromEntries(proxies.map(p => [p.name, p.port]))),
  );

  let sandbox: ChildProcess | undefined;
  let backend: ChildProcess | undefined;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    await stop(backend);
    await stop(sandbox);
    for (const p of proxies) p.server.close();
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    sandbox = (
      await startSandbox(path.join(LOG_DIR, 'freshness-sandbox.log'), 120_000)
    ).child;
    backend = await startBackend(path.join(LOG_DIR, 'freshness-backend.log'), {
      extraConfigs: ['../../app-config.e2e.yaml', configFile],
      timeoutMs: 240_000,
    });
    log('sandbox and backend up');

    browser = await chromium.launch({
      executablePath: chromiumConfig.executablePath,
      args: chromiumConfig.args,
    });
    const context = await browser.newContext({
      baseURL: BACKEND,
      viewport: { width: 1440, height: 900 },
    });
    const first = await context.newPage();
    await first.goto('/');
    await first.getByRole('button', { name: 'Enter' }).click();
    await first
      .getByRole('button', { name: 'Enter' })
      .waitFor({ state: 'hidden' });
    await first.goto(HEALTH_PATH);
    await first
      .getByTestId('argocd-app-msa-nginx')
      .waitFor({ timeout: 180_000 });
    await first
      .getByTestId(/^platform-(alert|no-alerts)$/)
      .first()
      .waitFor({ timeout: 60_000 });
    log('Health tab open');

    const stamp = Date.now().toString(36);
    const alerts = await measureAlerts(first, stamp);
    const syncs = await measureSyncs(first);
    const tail = await measureTail(first, stamp);

    // Settle after the syncs (a following card reads fresh), then one tab, then fifty.
    await sleep(20_000);
    const one = await upstreamRpm(proxies, context);
    log(
      `1 tab: ${one.rpm.toFixed(1)} upstream requests/min (${
        one.byUpstream
      }); tabs asking the backend: ${one.pagesPolling}`,
    );
    for (let i = 1; i < TABS; i++) {
      await openHealthTab(context);
    }
    await sleep(30_000);
    const fifty = await upstreamRpm(proxies, context);
    log(
      `${TABS} tabs: ${fifty.rpm.toFixed(1)} upstream requests/min (${
        fifty.byUpstream
      }); tabs asking the backend: ${fifty.pagesPolling}`,
    );
    if (fifty.pagesPolling < TABS) {
      log(
        `WARNING: only ${fifty.pagesPolling} of ${TABS} tabs asked the backend during the window`,
      );
    }

    const fmt = (n: number) => n.toFixed(2);
    process.stdout.write(
      `alert_freshness_p95_s=${fmt(
        percentile(alerts, 95),
      )} argocd_freshness_p95_s=${fmt(percentile(syncs, 95))} ` +
        `tail_delay_p95_s=${fmt(
          percentile(tail, 95),
        )} upstream_rpm_ratio_50_tabs=${fmt(fifty.rpm / one.rpm)}\n`,
    );
  } finally {
    await cleanup();
  }
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
