// Child process of backend.bench.ts: the fake upstreams, in their own process so their CPU is neither
// counted as backend work nor able to delay the backend's event loop. Each answers after
// minMs + random * spreadMs and records its own latency (arrival to end of response).
import http from 'node:http';
import { AddressInfo } from 'node:net';

interface Setup {
  bodies: Record<string, Record<string, string>>;
  minMs: number;
  spreadMs: number;
}

interface UpstreamStats {
  latencies: number[];
  requests: number;
}

const send = (message: unknown) => process.send!(message);
const stats: Record<string, UpstreamStats> = {};

async function start({ bodies, minMs, spreadMs }: Setup) {
  const urls: Record<string, string> = {};
  for (const [name, routes] of Object.entries(bodies)) {
    const own: UpstreamStats = { latencies: [], requests: 0 };
    stats[name] = own;
    const server = http.createServer((req, res) => {
      const started = performance.now();
      own.requests += 1;
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body = routes[path] ?? routes['*'];
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(body);
        own.latencies.push(performance.now() - started);
      }, minMs + Math.random() * spreadMs);
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  send({ type: 'ready', urls });
}

process.on('message', (message: { type: string; setup?: Setup }) => {
  if (message.type === 'start') start(message.setup!);
  if (message.type === 'stats') send({ type: 'stats', stats });
  if (message.type === 'reset') {
    for (const s of Object.values(stats)) {
      s.latencies = [];
      s.requests = 0;
    }
    send({ type: 'reset' });
  }
  if (message.type === 'exit') process.exit(0);
});
process.on('disconnect', () => process.exit(0));
