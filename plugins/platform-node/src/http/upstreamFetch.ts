import { UpstreamAuth, UpstreamConfig } from '../config/readPlatformConfig';
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
  | 'x-error-header';

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
  const url = new URL(base.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) {
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      url.searchParams.append(key, String(item));
    }
  }
  return url.toString();
}

function secretsOf(auth: UpstreamAuth): string[] {
  if (auth.type === 'bearer') {
    return [auth.token];
  }
  if (auth.type === 'basic') {
    return [auth.password];
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
  const url = buildUrl(config.url, request.path, request.query);
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
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: request.method ?? 'GET',
      headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new UpstreamError({
        upstream: upstreamName,
        kind: 'timeout',
        message: `${where} did not answer within ${timeoutMs} ms`,
      });
    }
    const code = (error as { cause?: { code?: string } })?.cause?.code ?? '';
    throw new UpstreamError({
      upstream: upstreamName,
      kind: 'unreachable',
      message: `${where} failed: cannot connect${code ? ` (${code})` : ''}`,
    });
  }
  const result = { status: response.status, headers: response.headers, text };
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
  validate: (
    value: unknown,
  ) =>
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
