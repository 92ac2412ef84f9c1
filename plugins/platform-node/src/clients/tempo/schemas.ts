import { z } from 'zod';
import { parseBody } from '../../http/parseBody';
import type { ParseResult } from '../../query/equalityLabels';

/** An OTLP `AnyValue` (JSON form: 64-bit ints are strings). @public */
export type OtlpAnyValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: Array<{ key: string; value?: OtlpAnyValue }> };
  bytesValue?: string;
};

/** OTLP `attributes`: key and typed value pairs. @public */
export type OtlpAttributes = { key: string; value?: OtlpAnyValue }[];

/** `GET /api/search`: zero and empty fields are omitted, `traces` may be absent. @public */
export interface TempoSearchResponse {
  traces: {
    traceID: string;
    rootServiceName: string;
    rootTraceName?: string;
    startTimeUnixNano: string;
    durationMs: number;
    spanSets?: {
      spans: {
        spanID: string;
        startTimeUnixNano?: string;
        durationNanos?: string;
        attributes?: OtlpAttributes;
      }[];
      matched: number;
    }[];
    serviceStats?: Record<string, { spanCount: number; errorCount: number }>;
  }[];
}

/** A span in `batches` form: ids are base64. @public */
export interface TempoSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpAttributes;
  events: { timeUnixNano: string; name: string; attributes: OtlpAttributes }[];
  status: { code?: string; message?: string };
}

/** `GET /api/traces/{id}`: top-level `batches`. @public */
export interface TempoTrace {
  batches: {
    resource: { attributes: OtlpAttributes };
    scopeSpans?: { spans: TempoSpan[] }[];
    /** Tempo before 2.0 named `scopeSpans` so. */
    instrumentationLibrarySpans?: { spans: TempoSpan[] }[];
  }[];
}

export const otlpAnyValueSchema: z.ZodType<OtlpAnyValue> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    intValue: z.union([z.string(), z.number()]).optional(),
    doubleValue: z.number().optional(),
    boolValue: z.boolean().optional(),
    arrayValue: z
      .object({ values: z.array(otlpAnyValueSchema).optional() })
      .optional(),
    kvlistValue: z
      .object({
        values: z
          .array(
            z.object({ key: z.string(), value: otlpAnyValueSchema.optional() }),
          )
          .optional(),
      })
      .optional(),
    bytesValue: z.string().optional(),
  }),
);

export const otlpAttributesSchema = z
  .array(z.object({ key: z.string(), value: otlpAnyValueSchema.optional() }))
  .default([]) satisfies z.ZodType<OtlpAttributes, z.ZodTypeDef, unknown>;

export const tempoSearchResponseSchema = z.object({
  traces: z
    .array(
      z.object({
        traceID: z.string(),
        rootServiceName: z.string().default(''),
        rootTraceName: z.string().optional(),
        startTimeUnixNano: z.string(),
        durationMs: z.number().default(0),
        spanSets: z
          .array(
            z.object({
              spans: z
                .array(
                  z.object({
                    spanID: z.string(),
                    startTimeUnixNano: z.string().optional(),
                    durationNanos: z.string().optional(),
                    attributes: otlpAttributesSchema.optional(),
                  }),
                )
                .default([]),
              matched: z.number().default(0),
            }),
          )
          .optional(),
        serviceStats: z
          .record(
            z.object({
              spanCount: z.number().default(0),
              errorCount: z.number().default(0),
            }),
          )
          .optional(),
      }),
    )
    .default([]),
}) satisfies z.ZodType<TempoSearchResponse, z.ZodTypeDef, unknown>;

export const tempoSpanSchema = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().optional(),
  name: z.string().default(''),
  kind: z.string().default('SPAN_KIND_UNSPECIFIED'),
  startTimeUnixNano: z.string(),
  endTimeUnixNano: z.string(),
  attributes: otlpAttributesSchema,
  events: z
    .array(
      z.object({
        timeUnixNano: z.string(),
        name: z.string().default(''),
        attributes: otlpAttributesSchema,
      }),
    )
    .default([]),
  status: z
    .object({ code: z.string().optional(), message: z.string().optional() })
    .default({}),
}) satisfies z.ZodType<TempoSpan, z.ZodTypeDef, unknown>;

export const tempoTraceSchema = z.object({
  batches: z
    .array(
      z.object({
        resource: z
          .object({ attributes: otlpAttributesSchema })
          .default({ attributes: [] }),
        scopeSpans: z
          .array(z.object({ spans: z.array(tempoSpanSchema).default([]) }))
          .optional(),
        // Tempo before 2.0 named it instrumentationLibrarySpans.
        instrumentationLibrarySpans: z
          .array(z.object({ spans: z.array(tempoSpanSchema).default([]) }))
          .optional(),
      }),
    )
    .default([]),
}) satisfies z.ZodType<TempoTrace, z.ZodTypeDef, unknown>;

/** A Tempo trace body checked and completed (defaults) as {@link TempoClient} does. @public */
export function parseTempoTrace(body: unknown): ParseResult<TempoTrace> {
  return parseBody(tempoTraceSchema, body);
}

/** A Tempo search body checked and completed (defaults) as {@link TempoClient} does. @public */
export function parseTempoSearchResponse(
  body: unknown,
): ParseResult<TempoSearchResponse> {
  return parseBody(tempoSearchResponseSchema, body);
}
