import type { IncomingMessage, ServerResponse, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request handler as passed to `http.createServer`. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Default cap for request bodies the simulators accept (git pushes are streamed, not buffered). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a whole request body, refusing bodies above `limit` bytes. */
export function readBody(
  req: IncomingMessage,
  limit: number = MAX_BODY_BYTES,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLargeError(limit));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', err => {
      if (!failed) {
        failed = true;
        reject(err);
      }
    });
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType: string = 'application/json',
  headers: Record<string, string> = {},
): void {
  // a Buffer body keeps Node from writing headers and body together in the body's encoding
  const buf = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': buf.length,
    ...headers,
  });
  res.end(buf);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType: string = 'text/plain; charset=utf-8',
  headers: Record<string, string> = {},
): void {
  const buf = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': buf.length,
    ...headers,
  });
  res.end(buf);
}

/** Parses the request URL (path and query) relative to a dummy origin. */
export function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://sandbox.invalid');
}

/** The base URL a client used to reach us (from the Host header), without trailing slash. */
export function baseUrlOf(req: IncomingMessage): string {
  const host = req.headers.host ?? '127.0.0.1';
  return `http://${host}`;
}

/** Starts listening; resolves with the bound port. */
export function listen(
  server: Server,
  port: number,
  host: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Closes a server, dropping idle and active connections. */
export function closeServer(server: Server): Promise<void> {
  return new Promise(resolve => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Parses a Cookie header into a map. */
export function parseCookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  const header = req.headers.cookie;
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      out.set(name, decodeURIComponent(value));
    } catch {
      out.set(name, value);
    }
  }
  return out;
}

export interface BasicCredentials {
  username: string;
  password: string;
}

/** Decodes `Authorization: Basic ...`; undefined when absent or malformed. */
export function parseBasicAuth(
  req: IncomingMessage,
): BasicCredentials | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
  };
}

/** Extracts a bearer token; undefined when absent. */
export function parseBearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : undefined;
}

/** Constant-time string comparison for credentials. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ab.length !== bb.length) return false;
  let diff = 0;
  for (let i = 0; i < ab.length; i++) diff |= ab[i] ^ bb[i];
  return diff === 0;
}

/** Wraps an async handler so a thrown error becomes a 500 instead of an unhandled rejection. */
export function asyncHandler(
  fn: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  onError?: (err: unknown, req: IncomingMessage, res: ServerResponse) => void,
): Handler {
  return (req, res) => {
    fn(req, res).catch(err => {
      if (onError) {
        onError(err, req, res);
        return;
      }
      if (!res.headersSent) {
        sendText(
          res,
          500,
          `internal error: ${(err as Error)?.message ?? String(err)}`,
        );
      } else {
        res.destroy();
      }
    });
  };
}

/** Splits a URL path into decoded segments; undefined when a segment is not valid percent-encoding. */
export function pathSegments(pathname: string): string[] | undefined {
  const raw = pathname.split('/').filter(s => s.length > 0);
  try {
    return raw.map(s => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}
