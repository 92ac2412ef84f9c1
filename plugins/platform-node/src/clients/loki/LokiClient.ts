import type { UpstreamConfig } from '../../config/upstream';
import { UpstreamError } from '../../http/UpstreamError';
import {
  authorizationHeader,
  buildUrl,
  parseJsonBody,
  upstreamFetch,
} from '../../http/upstreamFetch';
import {
  LokiQueryData,
  LokiTailFrame,
  lokiQueryResponseSchema,
  lokiStringListResponseSchema,
  lokiTailFrameSchema,
} from './schemas';

const UPSTREAM = 'Loki';
const ENCODING_FLAGS_HEADER = 'X-Loki-Response-Encoding-Flags';

/** Times are unix nanoseconds as decimal strings (they exceed 2^53). @public */
export interface LokiRangeOptions {
  start: string;
  end: string;
  limit?: number;
  direction?: 'backward' | 'forward';
  /** Seconds, for metric queries. */
  step?: number;
}

/** Per-request settings of a Loki read. @public */
export interface LokiRequestScope {
  /** Tenant sent as X-Scope-OrgID instead of the configured default (already checked by the caller). */
  tenant?: string;
}

function tenantHeader(
  scope?: LokiRequestScope,
): Record<string, string> | undefined {
  return scope?.tenant ? { 'X-Scope-OrgID': scope.tenant } : undefined;
}

/** Callbacks of a live tail. `onError` is followed by `onClose`. @public */
export interface LokiTailListener {
  onFrame(frame: LokiTailFrame): void;
  onError(error: UpstreamError): void;
  onClose(): void;
}

/** @public */
export interface LokiTailOptions {
  /** Unix nanoseconds to start from (Loki defaults to one hour ago). */
  start?: string;
  limit?: number;
  /** Seconds Loki waits for late lines, at most 5. */
  delayFor?: number;
}

/** A running tail; `close()` closes the upstream WebSocket. @public */
export interface LokiTail {
  close(): void;
}

/**
 * Loki HTTP API client: range queries (streams and matrix), labels, and live tail over WebSocket. The tenant
 * is sent as `X-Scope-OrgID`: the configured default, or the one a read names. Errors are plain text.
 *
 * @public
 */
export class LokiClient {
  constructor(private readonly config: UpstreamConfig) {}

  async queryRange(
    query: string,
    options: LokiRangeOptions,
    scope?: LokiRequestScope,
  ): Promise<LokiQueryData> {
    const path = '/loki/api/v1/query_range';
    // Loki 3 then keeps structured metadata (trace_id, detected_level) apart from the stream labels instead of
    // splitting a stream per value; a Loki that does not know the flag ignores it and answers [ts, line] pairs.
    const request = {
      path,
      query: { query, ...options },
      headers: {
        [ENCODING_FLAGS_HEADER]: 'categorize-labels',
        ...tenantHeader(scope),
      },
    };
    const response = await upstreamFetch(UPSTREAM, this.config, request, {
      errorBody: 'text',
    });
    return parseJsonBody(UPSTREAM, `GET ${path}`, response.text, body =>
      lokiQueryResponseSchema.safeParse(body),
    ).data;
  }

  async labels(
    range: { start?: string; end?: string } = {},
  ): Promise<string[]> {
    return this.stringList('/loki/api/v1/labels', range);
  }

  async labelValues(
    name: string,
    range: { start?: string; end?: string; query?: string } = {},
  ): Promise<string[]> {
    return this.stringList(
      `/loki/api/v1/label/${encodeURIComponent(name)}/values`,
      range,
    );
  }

  /**
   * Opens `/loki/api/v1/tail` over WebSocket. Each frame is validated; a bad frame, a failed connect or a
   * connect slower than the timeout reports one error and closes.
   */
  tail(
    query: string,
    options: LokiTailOptions,
    listener: LokiTailListener,
    scope?: LokiRequestScope,
  ): LokiTail {
    const url = buildUrl(this.config.url, '/loki/api/v1/tail', {
      query,
      start: options.start,
      limit: options.limit,
      delay_for: options.delayFor,
    }).replace(/^http/, 'ws');
    const headers: Record<string, string> = {
      ...this.config.headers,
      ...tenantHeader(scope),
    };
    const authorization = authorizationHeader(this.config.auth);
    if (authorization) {
      headers.Authorization = authorization;
    }
    let finished = false;
    let opened = false;
    let connectTimer: ReturnType<typeof setTimeout> | undefined = undefined;
    // Node's WebSocket (undici) takes headers as a non-standard second-argument option.
    const socket = new WebSocket(url, { headers } as unknown as string[]);
    const finish = (error?: UpstreamError) => {
      if (finished) {
        return;
      }
      finished = true;
      clearTimeout(connectTimer);
      if (
        socket.readyState === WebSocket.CONNECTING ||
        socket.readyState === WebSocket.OPEN
      ) {
        socket.close();
      }
      if (error) {
        listener.onError(error);
      }
      listener.onClose();
    };
    connectTimer = setTimeout(() => {
      finish(
        new UpstreamError({
          upstream: UPSTREAM,
          kind: 'timeout',
          message: `tail did not connect within ${this.config.timeoutMs} ms`,
        }),
      );
    }, this.config.timeoutMs);
    socket.addEventListener('open', () => {
      opened = true;
      clearTimeout(connectTimer);
    });
    socket.addEventListener('message', event => {
      if (finished) {
        return;
      }
      let frame: LokiTailFrame;
      try {
        frame = parseJsonBody(
          UPSTREAM,
          'tail frame',
          String(event.data),
          body => lokiTailFrameSchema.safeParse(body),
        );
      } catch (error) {
        finish(error as UpstreamError);
        return;
      }
      listener.onFrame(frame);
    });
    socket.addEventListener('error', () => {
      finish(
        new UpstreamError({
          upstream: UPSTREAM,
          kind: opened ? 'upstream' : 'unreachable',
          message: opened
            ? 'tail connection failed'
            : 'tail could not connect (refused, or the handshake was rejected)',
        }),
      );
    });
    socket.addEventListener('close', event => {
      const abnormal = event.code !== 1000 && event.code !== 1005;
      finish(
        abnormal
          ? new UpstreamError({
              upstream: UPSTREAM,
              kind: 'upstream',
              message: `tail closed with code ${event.code}${
                event.reason ? `: ${event.reason.slice(0, 200)}` : ''
              }`,
            })
          : undefined,
      );
    });
    return { close: () => finish() };
  }

  private async stringList(
    path: string,
    query: Record<string, string | undefined>,
  ): Promise<string[]> {
    const response = await upstreamFetch(
      UPSTREAM,
      this.config,
      { path, query },
      { errorBody: 'text' },
    );
    return (
      parseJsonBody(UPSTREAM, `GET ${path}`, response.text, body =>
        lokiStringListResponseSchema.safeParse(body),
      ).data ?? []
    );
  }
}
