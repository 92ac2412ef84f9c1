import {
  RootHttpRouterConfigureContext,
  rootHttpRouterServiceFactory,
} from '@backstage/backend-defaults/rootHttpRouter';
import http from 'node:http';
import { Duplex } from 'node:stream';

/** What Node's HTTP parser reports for a request it cannot read, and how it is answered. */
function refusal(
  code: string | undefined,
  maxHeaderSize: number,
): { status: number; name: string; message: string } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      name: 'RequestHeaderFieldsTooLargeError',
      message:
        `The request line and headers are larger than this server accepts (${maxHeaderSize} bytes in all); ` +
        'a long query string is the usual cause. The platform routes accept a query string of at most 4096 characters.',
    };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'HPE_REQUEST_TIMEOUT') {
    return {
      status: 408,
      name: 'RequestTimeoutError',
      message: 'The request was not received in time.',
    };
  }
  return {
    status: 400,
    name: 'BadRequestError',
    message: 'The request is not valid HTTP/1.1.',
  };
}

/**
 * Answers requests Node's HTTP parser refuses before any route runs (a request line plus headers over
 * `maxHeaderSize`, malformed HTTP) with a JSON body saying why, in Backstage's error shape, instead of Node's
 * bare status line. The rest of the request is read and dropped before the socket closes, so the client gets
 * the answer rather than a connection reset.
 */
export function answerClientErrors(
  server: Pick<http.Server, 'on'>,
  maxHeaderSize = http.maxHeaderSize,
): void {
  server.on(
    'clientError',
    (error: Error & { code?: string }, socket: Duplex) => {
      const started = (
        socket as Duplex & { _httpMessage?: { headersSent?: boolean } }
      )._httpMessage?.headersSent;
      if (error.code === 'ECONNRESET' || !socket.writable || started) {
        socket.destroy();
        return;
      }
      const { status, name, message } = refusal(error.code, maxHeaderSize);
      const body = JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      });
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(
            body,
          )}\r\nConnection: close\r\n\r\n${body}`,
      );
      setTimeout(() => socket.destroy(), 2000).unref();
    },
  );
}

/** A Backstage error response body (`{ error: { name, message, stack?, cause? }, response: { statusCode } }`). */
function isErrorBody(
  body: unknown,
): body is { error: Record<string, unknown> } {
  const b = body as {
    error?: unknown;
    response?: { statusCode?: unknown };
  } | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.error === 'object' &&
    b.error !== null &&
    typeof b.response?.statusCode === 'number'
  );
}

/** The serialised error without `stack`, on it and on its causes. */
function withoutStacks(
  error: Record<string, unknown>,
): Record<string, unknown> {
  const { stack: _stack, cause, ...rest } = error;
  return typeof cause === 'object' && cause !== null
    ? { ...rest, cause: withoutStacks(cause as Record<string, unknown>) }
    : rest;
}

/**
 * Backstage's default root router set-up with two changes: error bodies never carry a stack trace (Backstage
 * adds them when NODE_ENV=development, and `yarn start` is development; each plugin's router has its own
 * error handler, so the bodies are cleaned where every response passes: `res.json`), and requests Node
 * refuses before routing get a readable answer ({@link answerClientErrors}).
 */
export function configureRootHttpRouter(
  context: RootHttpRouterConfigureContext,
): void {
  context.app.use((_req, res, next) => {
    const json = res.json.bind(res);
    res.json = body =>
      json(
        isErrorBody(body)
          ? { ...body, error: withoutStacks(body.error) }
          : body,
      );
    next();
  });
  context.applyDefaults();
  answerClientErrors(context.server);
}

/** The root HTTP router of this backend: {@link configureRootHttpRouter}. */
export const rootHttpRouter = rootHttpRouterServiceFactory({
  configure: configureRootHttpRouter,
});
