/** Starts the real Prometheus and Alertmanager on loopback with generated configs in the state dir. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { alertmanagerConfig, prometheusConfig, rulesConfig, type ScrapeTarget } from './config.ts';
import { ManagedProcess } from './process.ts';

export interface PeersOptions {
  stateDir: string;
  host: string;
  prometheusBin: string;
  alertmanagerBin: string;
  prometheusPort: number;
  alertmanagerPort: number;
  targets: ScrapeTarget[];
  scrapeIntervalS: number;
  alertForSeconds: number;
  readyTimeoutMs?: number;
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
  await fs.writeFile(rulesFile, rulesConfig({ forSeconds: o.alertForSeconds }));
  await fs.writeFile(path.join(dir, 'prometheus.yml'), prometheusConfig({ scrapeIntervalS: o.scrapeIntervalS, evaluationIntervalS: 2, alertmanager: amAddr, rulesFile, targets: o.targets }));
  await fs.writeFile(path.join(dir, 'alertmanager.yml'), alertmanagerConfig());

  const am = new ManagedProcess('alertmanager');
  const prom = new ManagedProcess('prometheus');
  const stop = async () => {
    await Promise.all([prom.stop(), am.stop()]);
  };
  try {
    am.start(o.alertmanagerBin, [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(dir, 'alertmanager-data')}`,
      `--web.listen-address=${amAddr}`,
      '--cluster.listen-address=',
      `--web.external-url=http://${amAddr}/`,
      '--log.level=warn',
    ], path.join(dir, 'alertmanager.log'));
    prom.start(o.prometheusBin, [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'prometheus-data')}`,
      '--storage.tsdb.retention.time=1d',
      `--web.listen-address=${promAddr}`,
      `--web.external-url=http://${promAddr}/`,
      '--rules.alert.resend-delay=2s',
      '--log.level=warn',
    ], path.join(dir, 'prometheus.log'));
    const timeout = o.readyTimeoutMs ?? 20_000;
    await Promise.all([am.waitReady(`http://${amAddr}/-/ready`, timeout), prom.waitReady(`http://${promAddr}/-/ready`, timeout)]);
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
