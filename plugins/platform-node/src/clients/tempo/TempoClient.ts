import type { UpstreamConfig } from '../../config/upstream';
import { UpstreamError } from '../../http/UpstreamError';
import { parseJsonBody, upstreamFetch } from '../../http/upstreamFetch';
import {
  TempoSearchResponse,
  TempoTrace,
  tempoSearchResponseSchema,
  tempoTraceSchema,
} from './schemas';

const UPSTREAM = 'Tempo';

/** @public */
export interface TempoSearchOptions {
  /** TraceQL, from `buildTraceQuery`. */
  q: string;
  /** Unix seconds. */
  start?: number;
  end?: number;
  limit?: number;
  /** Go duration, e.g. `500ms`. */
  minDuration?: string;
  /** Spans per span set. */
  spss?: number;
}

/** Per-request settings of a Tempo read. @public */
export interface TempoRequestScope {
  /** Tenant sent as X-Scope-OrgID instead of the configured default (already checked by the caller). */
  tenant?: string;
}

function tenantHeader(
  scope?: TempoRequestScope,
): Record<string, string> | undefined {
  return scope?.tenant ? { 'X-Scope-OrgID': scope.tenant } : undefined;
}

/** Converts a base64 id (trace-by-id form) to lowercase hex (search form). @public */
export function base64IdToHex(id: string): string {
  return Buffer.from(id, 'base64').toString('hex');
}

/**
 * Tempo HTTP API client: TraceQL search and trace by id (`batches` form). Errors are plain text; a trace
 * that does not exist is `null` (404 with an empty body).
 *
 * @public
 */
export class TempoClient {
  constructor(private readonly config: UpstreamConfig) {}

  async search(
    options: TempoSearchOptions,
    scope?: TempoRequestScope,
  ): Promise<TempoSearchResponse> {
    const response = await upstreamFetch(
      UPSTREAM,
      this.config,
      {
        path: '/api/search',
        query: { ...options },
        headers: tenantHeader(scope),
      },
      { errorBody: 'text' },
    );
    return parseJsonBody(UPSTREAM, 'GET /api/search', response.text, body =>
      tempoSearchResponseSchema.safeParse(body),
    );
  }

  /** The trace with this lowercase hex id, or null when Tempo does not know it. */
  async traceById(
    hexId: string,
    scope?: TempoRequestScope,
  ): Promise<TempoTrace | null> {
    if (!/^[0-9a-f]{1,32}$/.test(hexId)) {
      throw new UpstreamError({
        upstream: UPSTREAM,
        kind: 'bad-response',
        message: 'trace id must be hex',
      });
    }
    const path = `/api/traces/${hexId}`;
    const response = await upstreamFetch(
      UPSTREAM,
      this.config,
      { path, headers: { Accept: 'application/json', ...tenantHeader(scope) } },
      {
        errorBody: 'text',
        acceptStatus: [404],
      },
    );
    if (response.status === 404) {
      if (response.text.trim() === '') {
        return null;
      }
      // A 404 with a body is a proxy or a wrong base URL, not a missing trace.
      throw new UpstreamError({
        upstream: UPSTREAM,
        kind: 'upstream',
        status: 404,
        message: `GET ${path} answered 404 with a body (is the Tempo URL right?)`,
      });
    }
    return parseJsonBody(UPSTREAM, `GET ${path}`, response.text, body =>
      tempoTraceSchema.safeParse(body),
    );
  }
}
