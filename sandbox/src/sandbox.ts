/** Starts every sandbox server in-process (plus the real Prometheus/Alertmanager) and stops them again. */
import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import http, { type Server } from 'node:http';
import path from 'node:path';
import { Reconciler } from './argocd/reconciler.ts';
import { createArgoCdHandler } from './argocd/server.ts';
import {
  DEFAULT_PORTS,
  ENDPOINT_KEYS,
  findRepoRoot,
  type EndpointKey,
  type PortKey,
} from './config.ts';
import { CREDENTIALS } from './credentials.ts';
import type { BurstSchedule } from './demo/bursts.ts';
import type { Mesh } from './demo/metrics.ts';
import { startFleet, type RunningFleet } from './demo/fleet/start.ts';
import { writeHistory } from './demo/history.ts';
import { startDemo, type Demo } from './demo/traffic.ts';
import {
  DEMO_OWNER,
  DEMO_SERVICES,
  MSA_DEPLOY,
  seedMsaDeploy,
} from './git/msaDeploy.ts';
import { RepoRoot } from './git/repos.ts';
import { createGitHandler } from './git/server.ts';
import { closeServer, listen, type Handler } from './http/util.ts';
import { JenkinsController } from './jenkins/controller.ts';
import { seedJenkins } from './jenkins/seed.ts';
import { createJenkinsHandler } from './jenkins/server.ts';
import { NAMESPACES } from './kubernetes/resources.ts';
import { createKubernetesHandler } from './kubernetes/server.ts';
import {
  createHttpsServer,
  generateSimulatorTls,
  type SimulatorTls,
} from './kubernetes/tls.ts';
import { KubeStore } from './kubernetes/store.ts';
import { createLokiSim } from './loki/server.ts';
import { LogStore } from './loki/store.ts';
import { ensurePeerBinaries } from './peers/binaries.ts';
import { startPeers, type Peers } from './peers/peers.ts';
import { createTempoHandler } from './tempo/server.ts';
import { TraceStore } from './tempo/store.ts';

export interface SandboxOptions {
  /** where repositories, peer data and logs go (wiped per start) */
  stateDir: string;
  host?: string;
  /** ports; 0 picks a free port. Defaults: the contract's ports. */
  ports?: Partial<Record<PortKey, number>>;
  /** start the real Prometheus + Alertmanager (default true) */
  peers?: boolean;
  /** allow `apt-get install` of the peers when missing and root (default true) */
  installPeers?: boolean;
  /** run the demo services and traffic (default true) */
  demo?: boolean;
  /** sidecar metric families the demo exposes (default ['istio']; the alert rules read Istio's when on) */
  meshes?: Mesh[];
  /** generated fleet components (`fleet-0001`…) with series, alerts, Argo CD apps, Jenkins jobs (default 0) */
  fleet?: number;
  timings?: {
    argocdSyncDelayMs?: number;
    /** How long a deleted namespace stays Terminating (default 30 s, a real namespace takes seconds to minutes). */
    namespaceFinalizeMs?: number;
    jenkinsQuietPeriodMs?: number;
    jenkinsBuildDurationMs?: number;
    scrapeIntervalS?: number;
    alertForSeconds?: number;
    demoRate?: number;
  };
  bursts?: Partial<BurstSchedule>;
  /**
   * Test-only: serve the Kubernetes API over HTTPS with a CA generated at start (`kubernetesCaPem`), so
   * clients are tested with `caData` as against a real cluster. Default false: plain HTTP (the demo).
   */
  kubernetesTls?: boolean;
  log?: (line: string) => void;
}

export interface Sandbox {
  /** the eight contract keys; peers missing when they could not start */
  endpoints: Partial<Record<EndpointKey, string>>;
  demo?: { msaNginx: string; loginJs: string };
  /** the generated fleet, when `fleet` > 0 */
  fleet?: Omit<RunningFleet, 'stop'>;
  /** child process ids (Prometheus, Alertmanager) */
  pids: number[];
  warnings: string[];
  /** PEM of the CA that signed the Kubernetes simulator's certificate (only with `kubernetesTls`). */
  kubernetesCaPem?: string;
  /** in-process handles, for tests */
  internals: {
    kube: KubeStore;
    logs: LogStore;
    traces: TraceStore;
    jenkins: JenkinsController;
    reconciler: Reconciler;
    gitEvents: EventEmitter;
    repos: RepoRoot;
  };
  stop: () => Promise<void>;
}

/** The fleet's exposition is large (500 components: ~23k series per family): scraped less often. */
const FLEET_SCRAPE_INTERVAL_S = 5;

async function freePort(host: string): Promise<number> {
  const s = http.createServer();
  const port = await listen(s, 0, host);
  await closeServer(s);
  return port;
}

async function waitAnswering(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await r.arrayBuffer();
      if (r.status < 500) return;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`${url} does not answer: ${last}`);
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const log = options.log ?? (() => undefined);
  const t = options.timings ?? {};
  const stateDir = path.resolve(options.stateDir);
  const warnings: string[] = [];
  const servers: Server[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  const endpoints: Partial<Record<EndpointKey, string>> = {};

  const stop = async () => {
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch (e) {
        log(`[sandbox] stop: ${(e as Error).message}`);
      }
    }
    cleanups.length = 0;
    await Promise.all(servers.map(closeServer));
    servers.length = 0;
  };

  const serve = async (
    key: PortKey,
    handler: Handler,
    configure?: (s: Server) => void,
    tls?: SimulatorTls,
  ): Promise<string> => {
    const server = tls
      ? createHttpsServer(handler, tls)
      : http.createServer(handler);
    server.keepAliveTimeout = 5000;
    configure?.(server);
    try {
      const port = await listen(server, ports[key], host);
      servers.push(server);
      return `${tls ? 'https' : 'http'}://${host}:${port}`;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(
        code === 'EADDRINUSE'
          ? `port ${ports[key]} (${key}) is already in use on ${host}`
          : `cannot listen for ${key}: ${(e as Error).message}`,
      );
    }
  };

  try {
    await fs.mkdir(stateDir, { recursive: true });
    for (const d of ['git', 'peers'])
      await fs.rm(path.join(stateDir, d), { recursive: true, force: true });

    // git first: its URL goes into the seeded msa_deploy
    const repos = new RepoRoot(path.join(stateDir, 'git'));
    await fs.mkdir(repos.root, { recursive: true });
    const gitEvents = new EventEmitter();
    gitEvents.setMaxListeners(50);
    endpoints.git = await serve(
      'git',
      createGitHandler({
        repos,
        username: CREDENTIALS.git.username,
        password: CREDENTIALS.git.password,
        events: gitEvents,
      }),
    );
    const deployUrl = `${endpoints.git}/${MSA_DEPLOY.owner}/${MSA_DEPLOY.name}.git`;
    await seedMsaDeploy(repos, deployUrl);
    log(`[git] seeded ${deployUrl}`);

    const kube = new KubeStore({
      namespaceFinalizeMs: t.namespaceFinalizeMs ?? 30_000,
    });
    for (const ns of ['default', 'kube-system', 'argocd']) {
      kube.create(
        NAMESPACES,
        undefined,
        { metadata: { name: ns } },
        { manager: 'sandbox' },
      );
    }
    // The demo team's namespace: created by hand (no managed-by label) and handed to its owner, so the wizard
    // may add services to it for that owner only, without relabelling it.
    for (const ns of new Set(DEMO_SERVICES.map(s => s.namespace))) {
      const metadata = {
        name: ns,
        annotations: { 'platform.paved-road.dev/owner': DEMO_OWNER },
      };
      kube.create(NAMESPACES, undefined, { metadata }, { manager: 'sandbox' });
    }
    const kubeTls = options.kubernetesTls
      ? await generateSimulatorTls(host)
      : undefined;
    endpoints.kubernetes = await serve(
      'kubernetes',
      createKubernetesHandler({
        store: kube,
        token: CREDENTIALS.kubernetes.token,
      }),
      undefined,
      kubeTls,
    );

    const reconciler = new Reconciler({
      store: kube,
      repos,
      gitBaseUrl: endpoints.git,
      gitEvents,
      syncDelayMs: t.argocdSyncDelayMs ?? 4000,
      log,
    });
    cleanups.push(() => reconciler.stop());
    await reconciler.start();
    endpoints.argocd = await serve(
      'argocd',
      createArgoCdHandler({
        store: kube,
        reconciler,
        token: CREDENTIALS.argocd.token,
        username: CREDENTIALS.argocd.username,
        password: CREDENTIALS.argocd.password,
      }),
    );

    const jenkins = new JenkinsController({
      timings: {
        quietPeriodMs: t.jenkinsQuietPeriodMs ?? 1000,
        buildDurationMs: t.jenkinsBuildDurationMs ?? 3000,
      },
      gitBaseUrl: endpoints.git,
      gitUsername: CREDENTIALS.git.username,
      gitPassword: CREDENTIALS.git.password,
      log,
    });
    cleanups.push(() => jenkins.stop());
    seedJenkins(jenkins, deployUrl);
    endpoints.jenkins = await serve(
      'jenkins',
      createJenkinsHandler({
        controller: jenkins,
        username: CREDENTIALS.jenkins.username,
        apiToken: CREDENTIALS.jenkins.apiToken,
      }),
    );

    const logs = new LogStore();
    const loki = createLokiSim({ store: logs });
    cleanups.push(() => loki.close());
    endpoints.loki = await serve('loki', loki.handler, s =>
      s.on('upgrade', loki.upgrade),
    );

    const traces = new TraceStore();
    endpoints.tempo = await serve(
      'tempo',
      createTempoHandler({ store: traces }),
    );

    let fleet: RunningFleet | undefined;
    if ((options.fleet ?? 0) > 0) {
      let repoRoot: string | undefined;
      try {
        repoRoot = findRepoRoot(process.cwd());
      } catch {
        repoRoot = undefined;
      }
      fleet = await startFleet({
        size: options.fleet as number,
        meshes: options.meshes ?? ['istio'],
        stateDir,
        repoRoot,
        host,
        kube,
        jenkins,
        // not served by the sandbox's git: pushes to msa_deploy leave the fleet's applications alone
        deployUrl: `${endpoints.git}/platform/fleet_deploy.git`,
      });
      cleanups.push(() => fleet?.stop());
      log(
        `[fleet] ${options.fleet} components in ${fleet.fleet.groups.length} teams`,
      );
    }

    let demo: Demo | undefined;
    if (options.demo !== false) {
      writeHistory({ logs, traces });
      demo = await startDemo({
        host,
        msaNginxPort: ports.msaNginx,
        loginJsPort: ports.loginJs,
        lokiUrl: endpoints.loki,
        tempoUrl: endpoints.tempo,
        rate: t.demoRate,
        bursts: options.bursts,
        meshes: options.meshes,
      });
      cleanups.push(() => demo?.stop());
    }

    const pids: number[] = [];
    if (options.peers !== false) {
      const bins = await ensurePeerBinaries(
        options.installPeers !== false,
        log,
      );
      if (!bins.prometheus || !bins.alertmanager) {
        warnings.push(
          `Prometheus/Alertmanager not started: ${
            bins.reason ?? 'binaries not found'
          }`,
        );
      } else {
        const promPort =
          ports.prometheus === 0 ? await freePort(host) : ports.prometheus;
        const amPort =
          ports.alertmanager === 0 ? await freePort(host) : ports.alertmanager;
        let peers: Peers | undefined;
        const rulesMesh = (options.meshes ?? ['istio']).includes('istio')
          ? 'istio'
          : 'linkerd';
        try {
          peers = await startPeers({
            stateDir,
            host,
            prometheusBin: bins.prometheus,
            alertmanagerBin: bins.alertmanager,
            prometheusPort: promPort,
            alertmanagerPort: amPort,
            targets: demo
              ? [
                  {
                    service: 'msa-nginx',
                    namespace: 'msa',
                    address: demo.msaNginxUrl.replace(/^http:\/\//, ''),
                  },
                  {
                    service: 'login-js',
                    namespace: 'msa',
                    address: demo.loginJsUrl.replace(/^http:\/\//, ''),
                  },
                ]
              : [],
            requestsMetric: rulesMesh === 'istio' ? undefined : 'request_total',
            exporters: [
              ...(demo
                ? [
                    {
                      job: 'tempo-metrics-generator',
                      address: demo.generatorAddress,
                      historyRequestsMetric:
                        'traces_service_graph_request_total',
                    },
                  ]
                : []),
              // no history for the fleet: its rates show after two scrapes
              ...(fleet
                ? [
                    {
                      job: 'fleet',
                      address: fleet.exporterAddress,
                      scrapeIntervalS: FLEET_SCRAPE_INTERVAL_S,
                    },
                  ]
                : []),
            ],
            rulesMesh,
            scrapeIntervalS: t.scrapeIntervalS ?? 2,
            alertForSeconds: t.alertForSeconds ?? 10,
          });
          cleanups.push(() => peers?.stop());
          endpoints.prometheus = peers.prometheusUrl;
          endpoints.alertmanager = peers.alertmanagerUrl;
          pids.push(...peers.pids);
        } catch (e) {
          warnings.push(
            `Prometheus/Alertmanager failed to start: ${(e as Error).message}`,
          );
        }
      }
    }

    const health: Record<EndpointKey, string> = {
      prometheus: '/-/ready',
      alertmanager: '/-/ready',
      git: '/',
      argocd: '/healthz',
      jenkins: '/login',
      loki: '/ready',
      tempo: '/ready',
      kubernetes: '/version',
    };
    // the in-process HTTPS simulator is listening already, and fetch here does not trust its CA
    const checks = ENDPOINT_KEYS.filter(
      k => endpoints[k] && !(k === 'kubernetes' && kubeTls),
    ).map(k => waitAnswering(`${endpoints[k]}${health[k]}`, 10_000));
    if (demo)
      checks.push(
        waitAnswering(`${demo.msaNginxUrl}/metrics`, 5000),
        waitAnswering(`${demo.loginJsUrl}/metrics`, 5000),
      );
    await Promise.all(checks);

    const ordered: Partial<Record<EndpointKey, string>> = {};
    for (const k of ENDPOINT_KEYS) if (endpoints[k]) ordered[k] = endpoints[k];
    return {
      endpoints: ordered,
      demo: demo
        ? { msaNginx: demo.msaNginxUrl, loginJs: demo.loginJsUrl }
        : undefined,
      fleet: fleet
        ? {
            fleet: fleet.fleet,
            exporterAddress: fleet.exporterAddress,
            catalogFile: fleet.catalogFile,
            appConfigFile: fleet.appConfigFile,
          }
        : undefined,
      pids,
      warnings,
      kubernetesCaPem: kubeTls?.caPem,
      internals: { kube, logs, traces, jenkins, reconciler, gitEvents, repos },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
