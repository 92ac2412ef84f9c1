/** Starts the real Prometheus and Alertmanager on loopback with generated configs in the state dir. */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DEFAULT_BURSTS } from '../demo/bursts.ts';
import { backfillOpenMetrics, parseExposition } from './backfill.ts';
import { findExecutable } from './binaries.ts';
import {
  alertmanagerConfig,
  prometheusConfig,
  rulesConfig,
  type ExporterJob,
  type RulesMesh,
  type ScrapeTarget,
} from './config.ts';
import { ManagedProcess } from './process.ts';

export interface PeersOptions {
  stateDir: string;
  host: string;
  prometheusBin: string;
  alertmanagerBin: string;
  prometheusPort: number;
  alertmanagerPort: number;
  targets: ScrapeTarget[];
  /** The counter that counts the targets' requests (history is scaled from it); default istio_requests_total. */
  requestsMetric?: string;
  /** Further scrape jobs; those with `historyRequestsMetric` get an hour of history too. */
  exporters?: (ExporterJob & { historyRequestsMetric?: string })[];
  /** Which metric family the alert rules read (default istio). */
  rulesMesh?: RulesMesh;
  scrapeIntervalS: number;
  alertForSeconds: number;
  readyTimeoutMs?: number;
  /** Seconds of metrics history written before Prometheus starts (default 3600; 0 for none). */
  backfillSeconds?: number;
}

const REQUESTS_METRIC = 'istio_requests_total';

interface HistoryTarget {
  address: string;
  targetLabels: Record<string, string>;
  requestsMetric: string;
}
const BACKFILL_STEP_S = 15;

async function scrape(address: string): Promise<string> {
  const response = await fetch(`http://${address}/metrics`, {
    signal: AbortSignal.timeout(3000),
  });
  if (!response.ok)
    throw new Error(`${address}/metrics answered ${response.status}`);
  return response.text();
}

function served(exposition: string, requestsMetric: string): number {
  return parseExposition(exposition)
    .filter(s => s.name === requestsMetric)
    .reduce((sum, s) => sum + s.value, 0);
}

/**
 * Writes `seconds` of history for the targets into Prometheus' data dir (see backfill.ts), at the request
 * rate each target serves now (two scrapes a second apart). Best effort: without promtool, or when it fails,
 * Prometheus starts with no history and the reason is in backfill.log.
 */
async function backfill(
  o: PeersOptions,
  dir: string,
  seconds: number,
): Promise<void> {
  const logFile = path.join(dir, 'backfill.log');
  try {
    const promtool = findExecutable(['promtool']);
    if (!promtool) throw new Error('promtool not found');
    const requestsMetric = o.requestsMetric ?? REQUESTS_METRIC;
    const targets: HistoryTarget[] = [
      ...o.targets.map(t => ({
        address: t.address,
        targetLabels: {
          job: 'msa-demo',
          instance: t.address,
          service: t.service,
          namespace: t.namespace,
          cluster: 'sandbox',
        },
        requestsMetric,
      })),
      ...(o.exporters ?? []).flatMap(e =>
        e.historyRequestsMetric
          ? [
              {
                address: e.address,
                targetLabels: {
                  job: e.job,
                  instance: e.address,
                  cluster: 'sandbox',
                },
                requestsMetric: e.historyRequestsMetric,
              },
            ]
          : [],
      ),
    ];
    const first = await Promise.all(targets.map(t => scrape(t.address)));
    const t0 = Date.now();
    await new Promise(resolve => setTimeout(resolve, 1000));
    const second = await Promise.all(targets.map(t => scrape(t.address)));
    const elapsedS = (Date.now() - t0) / 1000;
    const text = backfillOpenMetrics({
      targets: targets.map((t, i) => ({
        targetLabels: t.targetLabels,
        honorLabels: true,
        exposition: second[i],
        requestsMetric: t.requestsMetric,
        ratePerSecond: Math.max(
          0,
          (served(second[i], t.requestsMetric) -
            served(first[i], t.requestsMetric)) /
            elapsedS,
        ),
      })),
      endS: Math.floor(Date.now() / 1000) - 1,
      durationS: seconds,
      stepS: BACKFILL_STEP_S,
      requestsMetric,
      // The demo's default schedule (demo/bursts.ts), so the history looks like the live service.
      errorBursts: {
        lengthS: DEFAULT_BURSTS.lengthMs / 1000,
        everyS: DEFAULT_BURSTS.everyMs / 1000,
      },
    });
    const file = path.join(dir, 'backfill.om');
    await fs.writeFile(file, text);
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        promtool,
        [
          'tsdb',
          'create-blocks-from',
          'openmetrics',
          file,
          path.join(dir, 'prometheus-data'),
        ],
        { timeout: 60_000, maxBuffer: 4 * 1024 * 1024 },
        (err, stdout, stderr) =>
          err
            ? reject(new Error(`${err.message}\n${stderr}`))
            : resolve(`${stdout}${stderr}`),
      ),
    );
    await fs.writeFile(logFile, output);
  } catch (e) {
    await fs.writeFile(
      logFile,
      `no metrics history: ${(e as Error).message}\n`,
    );
  }
}

export interface Peers {
  prometheusUrl: string;
  alertmanagerUrl: string;
  pids: number[];
  stop: () => Promise<void>;
}

export async function startPeers(o: PeersOptions): Promise<Peers> {
  const dir = path.join(o.stateDir, 'peers');
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(path.join(dir, 'prometheus-data'), { recursive: true });
  await fs.mkdir(path.join(dir, 'alertmanager-data'), { recursive: true });
  const amAddr = `${o.host}:${o.alertmanagerPort}`;
  const promAddr = `${o.host}:${o.prometheusPort}`;
  const rulesFile = path.join(dir, 'rules.yml');
  await fs.writeFile(
    rulesFile,
    rulesConfig({ forSeconds: o.alertForSeconds, mesh: o.rulesMesh }),
  );
  await fs.writeFile(
    path.join(dir, 'prometheus.yml'),
    prometheusConfig({
      scrapeIntervalS: o.scrapeIntervalS,
      evaluationIntervalS: 2,
      alertmanager: amAddr,
      rulesFile,
      targets: o.targets,
      exporters: o.exporters,
    }),
  );
  await fs.writeFile(path.join(dir, 'alertmanager.yml'), alertmanagerConfig());

  const backfillSeconds = o.backfillSeconds ?? 3600;
  if (backfillSeconds > 0 && o.targets.length > 0) {
    await backfill(o, dir, backfillSeconds);
  }

  const am = new ManagedProcess('alertmanager');
  const prom = new ManagedProcess('prometheus');
  const stop = async () => {
    await Promise.all([prom.stop(), am.stop()]);
  };
  try {
    am.start(
      o.alertmanagerBin,
      [
        `--config.file=${path.join(dir, 'alertmanager.yml')}`,
        `--storage.path=${path.join(dir, 'alertmanager-data')}`,
        `--web.listen-address=${amAddr}`,
        '--cluster.listen-address=',
        `--web.external-url=http://${amAddr}/`,
        '--log.level=warn',
      ],
      path.join(dir, 'alertmanager.log'),
    );
    prom.start(
      o.prometheusBin,
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'prometheus-data')}`,
        '--storage.tsdb.retention.time=1d',
        `--web.listen-address=${promAddr}`,
        `--web.external-url=http://${promAddr}/`,
        '--rules.alert.resend-delay=2s',
        '--log.level=warn',
      ],
      path.join(dir, 'prometheus.log'),
    );
    const timeout = o.readyTimeoutMs ?? 20_000;
    await Promise.all([
      am.waitReady(`http://${amAddr}/-/ready`, timeout),
      prom.waitReady(`http://${promAddr}/-/ready`, timeout),
    ]);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    prometheusUrl: `http://${promAddr}`,
    alertmanagerUrl: `http://${amAddr}`,
    pids: [am.pid, prom.pid].filter((p): p is number => typeof p === 'number'),
    stop,
  };
}
