import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A request as the fake upstream saw it. @internal */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What a route answers. @internal */
export interface FakeResponse {
  status?: number;
  contentType?: string;
  headers?: Record<string, string>;
  /** A string is sent verbatim; anything else as JSON. */
  body?: unknown;
  delayMs?: number;
}

/** The `{request, response}` recording format of the shared fixtures. @internal */
export interface Recording {
  request: { method: string; path: string; query: Record<string, string> };
  response: { status: number; contentType: string; body: unknown };
}

/** Answers a recorded response as the real server did. @internal */
export function replay(recording: Recording): FakeResponse {
  return {
    status: recording.response.status,
    contentType: recording.response.contentType,
    body: recording.response.body,
  };
}

/**
 * An in-test HTTP upstream on 127.0.0.1, port 0. `handler` picks the answer per request; every request is
 * recorded for assertions.
 *
 * @internal
 */
export async function startFakeUpstream(
  handler: (request: RecordedRequest) => FakeResponse | Promise<FakeResponse>,
): Promise<{
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const answer = await handler(recorded);
      if (answer.delayMs) {
        await new Promise(resolve => setTimeout(resolve, answer.delayMs));
      }
      if (res.destroyed) {
        return;
      }
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
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
