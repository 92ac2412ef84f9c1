import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { UpstreamAuth, UpstreamConfig } from '../config/upstream';
import { UpstreamError, kindForStatus } from './UpstreamError';

/** How an upstream reports an error in its body, so the message can quote it. @public */
export type ErrorBodyFormat =
  /** Plain text (Loki, Tempo). */
  | 'text'
  /** `{"error": "...", "message": "..."}` (Argo CD grpc-gateway, Prometheus, Kubernetes Status). */
  | 'json'
  /** A bare JSON string (Alertmanager). */
  | 'json-string'
  /** HTML page with the reason in an `X-Error` header (Jenkins). */
  | 'x-error-header'
  /** `{"error": {"type", "reason", "root_cause": [...]}, "status"}`, or `{"error": "..."}` (Elasticsearch). */
  | 'elasticsearch';

/** @public */
export interface UpstreamRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | string[] | undefined>;
  headers?: Record<string, string>;
  body?: string;
  /** Overrides the configured timeout. */
  timeoutMs?: number;
}

/** @public */
export interface UpstreamResponse {
  status: number;
  headers: Headers;
  text: string;
}

const MAX_ERROR_TEXT = 300;

/** Builds the Authorization header value; never logged, never put in a URL. @public */
export function authorizationHeader(auth: UpstreamAuth): string | undefined {
  switch (auth.type) {
    case 'bearer':
      return `Bearer ${auth.token}`;
    case 'basic':
      return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString(
        'base64',
      )}`;
    case 'apiKey':
      return `ApiKey ${auth.apiKey}`;
    default:
      return undefined;
  }
}

/** @public */
export function buildUrl(
  base: string,
  path: string,
  query?: UpstreamRequest['query'],
): string {
  return urlOf(base, path, query).toString();
}

function urlOf(
  base: string,
  path: string,
  query?: UpstreamRequest['query'],
): URL {
  const url = new URL(base.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) {
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      url.searchParams.append(key, String(item));
    }
  }
  return url;
}

function secretsOf(auth: UpstreamAuth): string[] {
  if (auth.type === 'bearer') {
    return [auth.token];
  }
  if (auth.type === 'basic') {
    return [auth.password];
  }
  if (auth.type === 'apiKey') {
    // the encoded key and the secret half inside it
    const decoded = Buffer.from(auth.apiKey, 'base64').toString('utf8');
    const secret = decoded.slice(decoded.indexOf(':') + 1);
    return secret.length >= 8 ? [auth.apiKey, secret] : [auth.apiKey];
  }
  return [];
}

function stripSecrets(text: string, auth: UpstreamAuth): string {
  return secretsOf(auth).reduce(
    (acc, secret) => (secret ? acc.split(secret).join('***') : acc),
    text,
  );
}

/** Extracts the upstream's own explanation from an error response, trimmed. @public */
export function describeErrorBody(
  response: UpstreamResponse,
  format: ErrorBodyFormat,
): string {
  const text = response.text.trim();
  let detail = '';
  if (format === 'x-error-header') {
    detail = response.headers.get('x-error') ?? '';
  } else if (format === 'text') {
    detail = text;
  } else if (format === 'elasticsearch') {
    detail = elasticsearchErrorText(text);
  } else {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'string') {
        detail = parsed;
      } else if (parsed && typeof parsed === 'object') {
        const record = parsed as Record<string, unknown>;
        detail = String(record.message ?? record.error ?? '');
      }
    } catch {
      detail = '';
    }
  }
  if (!detail && /^\s*</.test(text)) {
    detail = 'HTML error page';
  }
  return detail.length > MAX_ERROR_TEXT
    ? `${detail.slice(0, MAX_ERROR_TEXT)}…`
    : detail;
}

/** `type: reason`, plus the root cause when it says more (a search phase failure wraps the real one). */
function elasticsearchErrorText(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return '';
  }
  const error = (parsed as { error?: unknown } | null)?.error;
  if (typeof error === 'string') {
    return error;
  }
  if (!error || typeof error !== 'object') {
    return '';
  }
  const describe = (cause: unknown): string => {
    const c = (cause ?? {}) as { type?: unknown; reason?: unknown };
    return [c.type, c.reason]
      .filter(part => typeof part === 'string' && part)
      .join(': ');
  };
  const top = describe(error);
  const rootCauses = (error as { root_cause?: unknown }).root_cause;
  const root = Array.isArray(rootCauses) ? describe(rootCauses[0]) : '';
  return root && root !== top ? `${top} (${root})` : top;
}

class UpstreamTimeout extends Error {}

/*
 * Transport: Node's own HTTP client over kept-alive connections, one pool per protocol. The WHATWG
 * `fetch` (undici) costs several times more CPU per request (web streams, Request/Response objects,
 * an AbortSignal per call); a health view makes five upstream calls, so under load that overhead was
 * most of the backend's CPU. Redirects are not followed (as `redirect: 'manual'` before); bodies are
 * decompressed (gzip, deflate, br) like fetch does.
 */
const AGENT_OPTIONS = {
  keepAlive: true,
  keepAliveMsecs: 1_000,
  maxSockets: 64,
  // As many idle connections as busy ones: with fewer, every burst of concurrent views (one request per
  // upstream each) closed the surplus afterwards and the next burst connected again, a TCP connect and
  // close per request that cost more CPU than the request itself.
  maxFreeSockets: 64,
  timeout: 60_000,
  scheduling: 'lifo',
} as const;
const httpAgent = new http.Agent(AGENT_OPTIONS);
const httpsAgent = new https.Agent(AGENT_OPTIONS);
/** One pool per configured CA bundle (an upstream with its own `caData`); a handful at most. */
const caAgents = new Map<string, https.Agent>();

function httpsAgentFor(ca: string | undefined): https.Agent {
  if (!ca) return httpsAgent;
  let agent = caAgents.get(ca);
  if (!agent) {
    agent = new https.Agent({ ...AGENT_OPTIONS, ca });
    caAgents.set(ca, agent);
  }
  return agent;
}

function decode(res: http.IncomingMessage): NodeJS.ReadableStream {
  switch ((res.headers['content-encoding'] ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(
        zlib.createGunzip({
          flush: zlib.constants.Z_SYNC_FLUSH,
          finishFlush: zlib.constants.Z_SYNC_FLUSH,
        }),
      );
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}

function toHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    headers.append(raw[i], raw[i + 1]);
  }
  return headers;
}

function withDefaults(
  headers: Record<string, string>,
  body: string | undefined,
): Record<string, string> {
  const outgoing: Record<string, string> = { ...headers };
  const has = (name: string) =>
    Object.keys(outgoing).some(key => key.toLowerCase() === name);
  if (!has('accept')) outgoing.Accept = '*/*';
  if (!has('accept-encoding'))
    outgoing['Accept-Encoding'] = 'gzip, deflate, br';
  if (body !== undefined && !has('content-length'))
    outgoing['Content-Length'] = String(Buffer.byteLength(body));
  return outgoing;
}

interface Sent {
  status: number;
  headers: Headers;
  text: string;
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
  ca?: string,
): Promise<Sent> {
  const secure = url.protocol === 'https:';
  const outgoing = withDefaults(headers, body);
  const deadline = Date.now() + timeoutMs;
  const attempt = (retry: boolean): Promise<Sent> =>
    new Promise<Sent>((resolve, reject) => {
      let settled = false;
      let answered = false;
      const deadlineTimer: { handle?: NodeJS.Timeout } = {};
      const finish = (error: unknown, value?: Sent) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadlineTimer.handle);
        if (error) reject(error);
        else resolve(value!);
      };
      const req = (secure ? https : http).request(
        url,
        {
          method,
          headers: outgoing,
          agent: secure ? httpsAgentFor(ca) : httpAgent,
        },
        res => {
          answered = true;
          const chunks: Buffer[] = [];
          const stream = decode(res);
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', error => finish(error));
          res.on('error', error => finish(error));
          stream.on('end', () => {
            // Most callers never look at the headers: a Headers object is built only for those that do.
            let built: Headers | undefined;
            const raw = res.rawHeaders;
            finish(undefined, {
              status: res.statusCode ?? 0,
              get headers() {
                built ??= toHeaders(raw);
                return built;
              },
              text: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      // One deadline for the whole exchange (connect, headers and body), like AbortSignal.timeout before.
      deadlineTimer.handle = setTimeout(() => {
        finish(new UpstreamTimeout());
        req.destroy();
      }, Math.max(deadline - Date.now(), 0));
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the upstream closed while idle: retry once on a fresh one (Node's documented pattern).
        if (
          retry &&
          !answered &&
          !settled &&
          req.reusedSocket &&
          error.code === 'ECONNRESET'
        ) {
          settled = true;
          clearTimeout(deadlineTimer.handle);
          attempt(false).then(resolve, reject);
          return;
        }
        finish(error);
      });
      req.end(body);
    });
  // Only idempotent requests are retried.
  return attempt(method === 'GET' || method === 'HEAD');
}

/**
 * Sends one request to an upstream with its configured auth, headers and timeout, and maps every failure
 * (unreachable, timeout, non-2xx) to an {@link UpstreamError}. Successful responses are returned as text;
 * callers parse and validate.
 *
 * @public
 */
export async function upstreamFetch(
  upstreamName: string,
  config: UpstreamConfig,
  request: UpstreamRequest,
  options: { errorBody: ErrorBodyFormat; acceptStatus?: number[] },
): Promise<UpstreamResponse> {
  const url = urlOf(config.url, request.path, request.query);
  const headers: Record<string, string> = {
    ...config.headers,
    ...request.headers,
  };
  const authorization = authorizationHeader(config.auth);
  if (authorization && !headers.Authorization) {
    headers.Authorization = authorization;
  }
  const timeoutMs = request.timeoutMs ?? config.timeoutMs;
  const where = `${request.method ?? 'GET'} ${request.path}`;
  let response: Sent;
  try {
    response = await send(
      url,
      request.method ?? 'GET',
      headers,
      request.body,
      timeoutMs,
      config.caData,
    );
  } catch (error) {
    if (error instanceof UpstreamTimeout) {
      throw new UpstreamError({
        upstream: upstreamName,
        kind: 'timeout',
        message: `${where} did not answer within ${timeoutMs} ms`,
      });
    }
    const code = (error as { code?: string })?.code ?? '';
    throw new UpstreamError({
      upstream: upstreamName,
      kind: 'unreachable',
      message: `${where} failed: cannot connect${code ? ` (${code})` : ''}`,
    });
  }
  const result = response;
  if (
    (response.status >= 200 && response.status < 300) ||
    options.acceptStatus?.includes(response.status)
  ) {
    return result;
  }
  const detail = stripSecrets(
    describeErrorBody(result, options.errorBody),
    config.auth,
  );
  throw new UpstreamError({
    upstream: upstreamName,
    kind: kindForStatus(response.status),
    status: response.status,
    message: `${where} answered ${response.status}${
      detail ? `: ${detail}` : ''
    }`,
  });
}

/**
 * Parses a JSON body and validates it with the given parser (a zod schema's `parse` or similar).
 * A non-JSON or wrong-shape body becomes a `bad-response` error.
 *
 * @public
 */
export function parseJsonBody<T>(
  upstreamName: string,
  where: string,
  text: string,
  validate: (value: unknown) =>
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: Array<{ path: PropertyKey[]; message: string }> };
      },
): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UpstreamError({
      upstream: upstreamName,
      kind: 'bad-response',
      message: `${where} answered a body that is not JSON${
        /^\s*</.test(text) ? ' (an HTML page)' : ''
      }`,
    });
  }
  const result = validate(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UpstreamError({
      upstream: upstreamName,
      kind: 'bad-response',
      message: `${where} answered an unexpected shape: ${
        issue
          ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`
          : 'invalid'
      }`,
    });
  }
  return result.data;
}
