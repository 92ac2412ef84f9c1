import type { UpstreamConfig } from '../../config/upstream';
import { UpstreamError } from '../../http/UpstreamError';
import { parseJsonBody, upstreamFetch } from '../../http/upstreamFetch';
import type {
  EsQueryClause,
  EsSearchBody,
} from '../../query/elasticsearch/logSearch';
import {
  EsCatIndex,
  EsHit,
  esCatIndexSchema,
  esCountResponseSchema,
  esSearchResponseSchema,
} from './schemas';
import { z } from 'zod';

const UPSTREAM = 'Elasticsearch';
const esCatIndicesSchema = z.array(esCatIndexSchema);
/** Syntax of an index expression part; the allow-list check is the caller's (checkEsIndexPattern). */
const INDEX_PART = /^[a-z0-9*][a-z0-9._*+-]{0,254}$/;
const MAX_REASONS = 3;

/**
 * Some shards failed (or the search timed out) and the hits are only those of the others: shown, but flagged.
 *
 * @public
 */
export interface EsPartialResults {
  failedShards: number;
  totalShards: number;
  timedOut: boolean;
  /** Distinct `type: reason` of the failures (at most 3), for the card's warning. */
  reasons: string[];
}

/** @public */
export interface EsSearchResult {
  hits: EsHit[];
  total?: { value: number; relation: 'eq' | 'gte' };
  tookMs: number;
  /** Set when the answer is partial: `_shards.failed > 0` or `timed_out`. */
  partial?: EsPartialResults;
}

/** @public */
export interface EsCountResult {
  count: number;
  partial?: EsPartialResults;
}

/** @public */
export interface EsRequestOptions {
  /** `ignore_unavailable=true`: a missing concrete index is skipped instead of a 404. */
  ignoreUnavailable?: boolean;
}

type Shards = z.infer<typeof esSearchResponseSchema>['_shards'];

function partialOf(
  shards: Shards,
  timedOut: boolean,
): EsPartialResults | undefined {
  if (shards.failed === 0 && !timedOut) {
    return undefined;
  }
  const reasons = [
    ...new Set(
      (shards.failures ?? []).map(f =>
        [f.reason.type, f.reason.reason]
          .filter(Boolean)
          .join(': ')
          .slice(0, 200),
      ),
    ),
  ].slice(0, MAX_REASONS);
  return {
    failedShards: shards.failed,
    totalShards: shards.total,
    timedOut,
    reasons,
  };
}

function indexPath(indexPattern: string): string {
  const parts = indexPattern.split(',');
  if (parts.some(part => !INDEX_PART.test(part))) {
    // programming error of the caller: the pattern should have been checked against the allow-list already
    throw new UpstreamError({
      upstream: UPSTREAM,
      kind: 'not-configured',
      message: `index pattern is not a list of lowercase index names or * patterns`,
    });
  }
  return parts.map(encodeURIComponent).join(',');
}

/**
 * Elasticsearch REST client (8.x; OpenSearch answers the same for these calls): `_search`, `_count` and
 * `_cat/indices`, with the instance's API key or basic credentials, timeout and CA. Bodies are the query
 * builder's (never a query string); answers are validated; errors become {@link UpstreamError} kinds naming
 * Elasticsearch's own `type: reason` (401/403 `forbidden`, `index_not_found_exception` `not-found`, timeouts,
 * bad JSON `bad-response`); shard failures inside a 200 come back as `partial`.
 *
 * @public
 */
export class ElasticsearchClient {
  constructor(private readonly config: UpstreamConfig) {}

  /** `body`: the query builder's (`buildEsLogSearch`), or another DSL body built from structured clauses. */
  async search(
    indexPattern: string,
    body: EsSearchBody | Record<string, unknown>,
    options: EsRequestOptions = {},
  ): Promise<EsSearchResult> {
    const path = `/${indexPath(indexPattern)}/_search`;
    const response = await this.post(path, body, options);
    const parsed = parseJsonBody(UPSTREAM, `POST ${path}`, response, value =>
      esSearchResponseSchema.safeParse(value),
    );
    const partial = partialOf(parsed._shards, parsed.timed_out);
    return {
      hits: parsed.hits.hits,
      ...(parsed.hits.total ? { total: parsed.hits.total } : {}),
      tookMs: parsed.took,
      ...(partial ? { partial } : {}),
    };
  }

  async count(
    indexPattern: string,
    query: EsQueryClause | undefined,
    options: EsRequestOptions = {},
  ): Promise<EsCountResult> {
    const path = `/${indexPath(indexPattern)}/_count`;
    const response = await this.post(path, query ? { query } : {}, options);
    const parsed = parseJsonBody(UPSTREAM, `POST ${path}`, response, value =>
      esCountResponseSchema.safeParse(value),
    );
    const partial = partialOf(parsed._shards, false);
    return { count: parsed.count, ...(partial ? { partial } : {}) };
  }

  /** `GET _cat/indices[/<pattern>]?format=json`: the indices the credentials may see. */
  async catIndices(indexPattern?: string): Promise<EsCatIndex[]> {
    const path = indexPattern
      ? `/_cat/indices/${indexPath(indexPattern)}`
      : '/_cat/indices';
    const response = await upstreamFetch(
      UPSTREAM,
      this.config,
      {
        path,
        query: { format: 'json' },
        headers: { Accept: 'application/json' },
      },
      { errorBody: 'elasticsearch' },
    );
    return parseJsonBody(UPSTREAM, `GET ${path}`, response.text, value =>
      esCatIndicesSchema.safeParse(value),
    );
  }

  private async post(
    path: string,
    body: EsSearchBody | Record<string, unknown>,
    options: EsRequestOptions,
  ): Promise<string> {
    const response = await upstreamFetch(
      UPSTREAM,
      this.config,
      {
        method: 'POST',
        path,
        query: options.ignoreUnavailable ? { ignore_unavailable: true } : {},
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify(body),
      },
      { errorBody: 'elasticsearch' },
    );
    return response.text;
  }
}
