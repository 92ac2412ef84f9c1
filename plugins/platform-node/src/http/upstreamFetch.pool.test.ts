import http from 'node:http';
import { AddressInfo } from 'node:net';
import { upstreamFetch } from './upstreamFetch';

describe('upstreamFetch connection pool', () => {
  let server: http.Server;
  let connections = 0;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      // Answer later than the whole burst takes to send, so every request of a burst holds its own connection.
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ path: req.url }));
      }, 150);
    });
    server.keepAliveTimeout = 60_000;
    server.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  const burst = (n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        upstreamFetch(
          'test',
          { url, auth: { type: 'none' }, timeoutMs: 5_000, headers: {} },
          { path: `/r/${i}` },
          { errorBody: 'json' },
        ),
      ),
    );

  it('keeps the connections of a burst of concurrent calls open for the next burst', async () => {
    const first = await burst(40);
    expect(first.every(r => r.status === 200)).toBe(true);
    const opened = connections;
    expect(opened).toBeGreaterThan(16);
    await burst(40);
    await burst(40);
    // Reused, not closed after each burst and opened again.
    expect(connections).toBe(opened);
  });
});
