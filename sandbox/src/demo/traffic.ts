/** Starts the demo services and a request loop against msa-nginx. */
import http from 'node:http';
import { closeServer, listen } from '../http/util.ts';
import { BurstClock, DEFAULT_BURSTS, type BurstSchedule } from './bursts.ts';
import { startMeshExtras, type MeshExtras } from './meshExtras.ts';
import { ServiceMetrics, type Mesh } from './metrics.ts';
import {
  LOGIN_JS,
  type DemoContext,
  loginJsHandler,
  MSA_NGINX,
  msaNginxHandler,
} from './services.ts';
import { TelemetryShipper } from './telemetry.ts';

export interface DemoOptions {
  host: string;
  msaNginxPort: number;
  loginJsPort: number;
  lokiUrl?: string;
  tempoUrl?: string;
  /** requests per second sent to msa-nginx */
  rate?: number;
  bursts?: Partial<BurstSchedule>;
  flushMs?: number;
  /** sidecar metric families the services expose (default istio) */
  meshes?: Mesh[];
}

export interface Demo {
  msaNginxUrl: string;
  loginJsUrl: string;
  /** Tempo's service-graph series computed from the demo's spans, `host:port` serving /metrics */
  generatorAddress: string;
  stop: () => Promise<void>;
}

const CALLS: { method: string; path: string; weight: number }[] = [
  { method: 'GET', path: '/api/orders', weight: 5 },
  { method: 'POST', path: '/api/login', weight: 3 },
  { method: 'GET', path: '/api/cart', weight: 2 },
  { method: 'GET', path: '/healthz', weight: 1 },
];

function pick(): { method: string; path: string } {
  const total = CALLS.reduce((n, c) => n + c.weight, 0);
  let r = Math.random() * total;
  for (const c of CALLS) {
    r -= c.weight;
    if (r <= 0) return c;
  }
  return CALLS[0];
}

export async function startDemo(o: DemoOptions): Promise<Demo> {
  const shipper = new TelemetryShipper({
    lokiUrl: o.lokiUrl,
    tempoUrl: o.tempoUrl,
    flushMs: o.flushMs ?? 1000,
  });
  const bursts = new BurstClock({ ...DEFAULT_BURSTS, ...o.bursts });
  const meshes = o.meshes ?? ['istio'];
  let extras: MeshExtras | undefined;
  const ctx: DemoContext = { shipper, bursts };
  let loginUrl = '';
  const login = http.createServer(
    loginJsHandler(ctx, new ServiceMetrics(LOGIN_JS, meshes)),
  );
  const nginx = http.createServer(
    msaNginxHandler(ctx, new ServiceMetrics(MSA_NGINX, meshes), () => loginUrl),
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  let timer: NodeJS.Timeout | undefined;
  try {
    const lp = await listen(login, o.loginJsPort, o.host);
    loginUrl = `http://${o.host}:${lp}`;
    const np = await listen(nginx, o.msaNginxPort, o.host);
    const nginxUrl = `http://${o.host}:${np}`;
    extras = await startMeshExtras({ host: o.host, loginJsUrl: loginUrl });
    ctx.graph = extras.graph;
    const interval = 1000 / (o.rate ?? 5);
    timer = setInterval(() => {
      const c = pick();
      const req = http.request(
        `${nginxUrl}${c.path}`,
        { method: c.method, agent, timeout: 5000 },
        res => res.resume(),
      );
      req.on('error', () => undefined);
      req.on('timeout', () => req.destroy());
      req.end();
    }, interval);
    return {
      msaNginxUrl: nginxUrl,
      loginJsUrl: loginUrl,
      generatorAddress: extras.address,
      stop: async () => {
        if (timer) clearInterval(timer);
        agent.destroy();
        await extras?.stop();
        await Promise.all([closeServer(nginx), closeServer(login)]);
        await shipper.stop();
      },
    };
  } catch (e) {
    if (timer) clearInterval(timer);
    agent.destroy();
    await extras?.stop();
    await Promise.all([closeServer(nginx), closeServer(login)]);
    await shipper.stop();
    throw e;
  }
}
