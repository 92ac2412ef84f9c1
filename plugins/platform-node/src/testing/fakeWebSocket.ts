import { createHash } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Duplex } from 'node:stream';

/** One accepted WebSocket connection of the fake server. @internal */
export interface FakeSocket {
  url: URL;
  headers: http.IncomingHttpHeaders;
  sendText(text: string): void;
  close(code?: number): void;
  closed: Promise<void>;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([0x80 | opcode, length]);
  } else if (length < 65536) {
    header = Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff]);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/**
 * A minimal WebSocket server (RFC 6455 handshake, unmasked server frames) for tail tests, so the tests need
 * no WebSocket library. Client frames are not decoded: a client close just ends the socket.
 *
 * @internal
 */
export async function startFakeWebSocketServer(
  onConnection: (socket: FakeSocket) => void,
  options: { rejectStatus?: number } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Duplex>();
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket: Duplex) => {
    sockets.add(socket);
    if (options.rejectStatus) {
      socket.end(
        `HTTP/1.1 ${options.rejectStatus} Rejected\r\nContent-Length: 0\r\n\r\n`,
      );
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
      // Any client frame after the handshake here is a close (the tail client never sends data).
      socket.on('data', () => socket.end());
      socket.on('error', () => resolve());
    });
    onConnection({
      url: new URL(req.url ?? '/', 'http://localhost'),
      headers: req.headers,
      sendText: text => socket.write(frame(0x1, Buffer.from(text, 'utf8'))),
      close: (code = 1000) => {
        const payload = Buffer.alloc(2);
        payload.writeUInt16BE(code);
        socket.write(frame(0x8, payload));
        socket.end();
      },
      closed,
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        sockets.forEach(s => s.destroy());
        server.close(() => resolve());
      }),
  };
}
