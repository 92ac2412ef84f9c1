import { z } from 'zod';

const cause = z
  .object({ type: z.string(), reason: z.string().nullish() })
  .passthrough();

/** `_shards` of a search or count; `failures[]` only when a shard failed. */
export const esShardsSchema = z.object({
  total: z.number(),
  successful: z.number(),
  skipped: z.number().optional(),
  failed: z.number(),
  failures: z
    .array(
      z
        .object({
          shard: z.number().optional(),
          index: z.string().nullish(),
          node: z.string().nullish(),
          reason: cause,
        })
        .passthrough(),
    )
    .optional(),
});

/** One hit of a `_search` answer. @public */
export interface EsHit {
  _index: string;
  _id: string;
  _score?: number | null;
  _source?: Record<string, unknown>;
  /** The hit's sort values: `search_after` of the next page. */
  sort?: (number | string | boolean | null)[];
}

// The response schemas are internal: the client validates with them and exports the result types.
export const esHitSchema: z.ZodType<EsHit> = z.object({
  _index: z.string(),
  _id: z.string(),
  _score: z.number().nullable().optional(),
  _source: z.record(z.unknown()).optional(),
  sort: z
    .array(z.union([z.number(), z.string(), z.boolean(), z.null()]))
    .optional(),
});

/** A `_search` answer. */
export const esSearchResponseSchema = z.object({
  took: z.number(),
  timed_out: z.boolean(),
  _shards: esShardsSchema,
  hits: z.object({
    total: z
      .object({ value: z.number(), relation: z.enum(['eq', 'gte']) })
      .optional(),
    max_score: z.number().nullable().optional(),
    hits: z.array(esHitSchema),
  }),
});

/** A `_count` answer. */
export const esCountResponseSchema = z.object({
  count: z.number(),
  _shards: esShardsSchema,
});

/** One row of `_cat/indices?format=json` (all values are strings; null for a closed index's stats). @public */
export interface EsCatIndex {
  index: string;
  health?: string | null;
  status?: string | null;
  'docs.count'?: string | null;
  'store.size'?: string | null;
  [column: string]: unknown;
}

export const esCatIndexSchema: z.ZodType<EsCatIndex> = z
  .object({
    index: z.string(),
    health: z.string().nullish(),
    status: z.string().nullish(),
    'docs.count': z.string().nullish(),
    'store.size': z.string().nullish(),
  })
  .passthrough();
