import { z } from 'zod';

const labels = z.record(z.string());
const entryMetadata = z.object({
  structuredMetadata: labels.optional(),
  parsed: labels.optional(),
});

/** `["<unix ns>", "<line>"]`, plus metadata with the categorize-labels encoding flag. @public */
export const lokiEntrySchema = z.union([
  z.tuple([z.string(), z.string()]),
  z.tuple([z.string(), z.string(), entryMetadata]),
]);

/** @public */
export const lokiStreamSchema = z.object({
  stream: labels,
  values: z.array(lokiEntrySchema),
});

/** @public */
export type LokiStream = z.infer<typeof lokiStreamSchema>;

/** `data` of `query_range`, keyed on `resultType`. @public */
export const lokiQueryDataSchema = z.discriminatedUnion('resultType', [
  z.object({
    resultType: z.literal('streams'),
    result: z.array(lokiStreamSchema),
  }),
  z.object({
    resultType: z.literal('matrix'),
    result: z.array(
      z.object({
        metric: labels,
        values: z.array(z.tuple([z.number(), z.string()])),
      }),
    ),
  }),
  z.object({
    resultType: z.literal('vector'),
    result: z.array(
      z.object({ metric: labels, value: z.tuple([z.number(), z.string()]) }),
    ),
  }),
]);

/** @public */
export type LokiQueryData = z.infer<typeof lokiQueryDataSchema>;

export const lokiQueryResponseSchema = z.object({
  status: z.literal('success'),
  data: lokiQueryDataSchema,
});

/** An unknown label answers `{"status":"success"}` without `data`. */
export const lokiStringListResponseSchema = z.object({
  status: z.literal('success'),
  data: z.array(z.string()).optional(),
});

/** One WebSocket frame of `/loki/api/v1/tail`. @public */
export const lokiTailFrameSchema = z.object({
  streams: z.array(lokiStreamSchema).nullish(),
  dropped_entries: z
    .array(z.object({ labels, timestamp: z.string() }))
    .nullish(),
});

/** @public */
export type LokiTailFrame = z.infer<typeof lokiTailFrameSchema>;
