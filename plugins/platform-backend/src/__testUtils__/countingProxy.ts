import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A request a proxied upstream was sent. */
export interface ProxiedRequest {
  method: string;
  url: string;
}

/**
 * An HTTP proxy in front of one upstream that records every request (WebSocket upgrades included, which it
 * refuses): lets a test against real servers say "this upstream was asked nothing".
 */
export async function startCountingProxy(target: string): Promise<{
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}> {
  const requests: ProxiedRequest[] = [];
  const base = new URL(target);
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/' });
    const upstream = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: base.host },
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('upgrade', (req, socket) => {
    requests.push({ method: 'UPGRADE', url: req.url ?? '/' });
    socket.destroy();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
