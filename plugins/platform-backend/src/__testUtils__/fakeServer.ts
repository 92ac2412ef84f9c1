import { createHash } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Duplex } from 'node:stream';

/** A request as a fake upstream saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What a fake answers; `destroy` drops the connection without an answer. */
export interface FakeAnswer {
  status?: number;
  contentType?: string;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  destroy?: boolean;
}

/** A WebSocket connection accepted by the fake (server -> client text frames only). */
export interface FakeWebSocket {
  url: URL;
  headers: http.IncomingHttpHeaders;
  sendText(text: string): void;
  closed: Promise<void>;
}

function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const n = payload.length;
  const header =
    n < 126
      ? Buffer.from([0x81, n])
      : Buffer.from([0x81, 126, n >> 8, n & 0xff]);
  return Buffer.concat([header, payload]);
}

/** An HTTP (and WebSocket) fake upstream on 127.0.0.1, port 0. */
export async function startFakeServer(
  handler: (request: SeenRequest) => FakeAnswer | Promise<FakeAnswer>,
  onWebSocket?: (socket: FakeWebSocket) => void,
) {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Duplex>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const seen = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      requests.push(seen);
      const answer = await handler(seen);
      if (answer.destroy) {
        req.socket.destroy();
        return;
      }
      if (answer.delayMs) await new Promise(r => setTimeout(r, answer.delayMs));
      if (res.destroyed) return;
      const text =
        typeof answer.body === 'string'
          ? answer.body
          : JSON.stringify(answer.body ?? '').replace(/^""$/, '');
      res.writeHead(answer.status ?? 200, {
        'Content-Type': answer.contentType ?? 'application/json',
        ...answer.headers,
      });
      res.end(text);
    });
  });
  server.on('connection', s => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('upgrade', (req, socket: Duplex) => {
    if (!onWebSocket) {
      socket.destroy();
      return;
    }
    const accept = createHash('sha1')
      .update(
        `${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`,
      )
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    const closed = new Promise<void>(resolve => {
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.on('data', () => socket.end());
    });
    sockets.add(socket);
    onWebSocket({
      url: new URL(req.url ?? '/', 'http://localhost'),
      headers: req.headers,
      sendText: t => socket.write(textFrame(t)),
      closed,
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        sockets.forEach(s => s.destroy());
        server.close(() => resolve());
      }),
  };
}
