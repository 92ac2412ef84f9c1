/** One HTTP endpoint serving a Prometheus text exposition at `/metrics` (the metrics-generator, the fleet). */
import http from 'node:http';
import { closeServer, listen, sendText } from '../http/util.ts';

export interface Exporter {
  url: string;
  /** `host:port`, as a scrape target */
  address: string;
  stop: () => Promise<void>;
}

export async function startExporter(o: {
  host: string;
  port?: number;
  expose: () => string;
}): Promise<Exporter> {
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'GET' || pathname !== '/metrics') {
      sendText(res, 404, 'not found: this endpoint serves GET /metrics only');
      return;
    }
    sendText(res, 200, o.expose(), 'text/plain; version=0.0.4; charset=utf-8');
  });
  const port = await listen(server, o.port ?? 0, o.host);
  return {
    url: `http://${o.host}:${port}`,
    address: `${o.host}:${port}`,
    stop: () => closeServer(server),
  };
}
