import { z } from 'zod';
import { parseBody } from '../../http/parseBody';
import type { ParseResult } from '../../query/equalityLabels';

/** `["<unix ns>", "<line>"]`, plus metadata with the categorize-labels encoding flag. @public */
export type LokiEntry =
  | [string, string]
  | [
      string,
      string,
      {
        structuredMetadata?: Record<string, string>;
        parsed?: Record<string, string>;
      },
    ];

/** One stream of a Loki answer: its labels and entries. @public */
export interface LokiStream {
  stream: Record<string, string>;
  values: LokiEntry[];
}

/** `data` of `query_range`, keyed on `resultType`. @public */
export type LokiQueryData =
  | { resultType: 'streams'; result: LokiStream[] }
  | {
      resultType: 'matrix';
      result: { metric: Record<string, string>; values: [number, string][] }[];
    }
  | {
      resultType: 'vector';
      result: { metric: Record<string, string>; value: [number, string] }[];
    };

/** One WebSocket frame of `/loki/api/v1/tail`. @public */
export interface LokiTailFrame {
  streams?: LokiStream[] | null;
  dropped_entries?:
    | { labels: Record<string, string>; timestamp: string }[]
    | null;
}

const labels = z.record(z.string());
const entryMetadata = z.object({
  structuredMetadata: labels.optional(),
  parsed: labels.optional(),
});

const lokiEntrySchema = z.union([
  z.tuple([z.string(), z.string()]),
  z.tuple([z.string(), z.string(), entryMetadata]),
]) satisfies z.ZodType<LokiEntry, z.ZodTypeDef, unknown>;

export const lokiStreamSchema = z.object({
  stream: labels,
  values: z.array(lokiEntrySchema),
}) satisfies z.ZodType<LokiStream, z.ZodTypeDef, unknown>;

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
]) satisfies z.ZodType<LokiQueryData, z.ZodTypeDef, unknown>;

export const lokiQueryResponseSchema = z.object({
  status: z.literal('success'),
  data: lokiQueryDataSchema,
});

/** An unknown label answers `{"status":"success"}` without `data`. */
export const lokiStringListResponseSchema = z.object({
  status: z.literal('success'),
  data: z.array(z.string()).optional(),
});

export const lokiTailFrameSchema = z.object({
  streams: z.array(lokiStreamSchema).nullish(),
  dropped_entries: z
    .array(z.object({ labels, timestamp: z.string() }))
    .nullish(),
}) satisfies z.ZodType<LokiTailFrame, z.ZodTypeDef, unknown>;

/** The `data` of a Loki query body, checked as {@link LokiClient} does. @public */
export function parseLokiQueryData(body: unknown): ParseResult<LokiQueryData> {
  return parseBody(lokiQueryDataSchema, body);
}
