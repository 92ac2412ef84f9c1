import { z } from 'zod/v4';

/** A PromQL result, keyed on `resultType`; a sample is `[<unix seconds>, "<value>"]`. @public */
export type PromQueryData =
  | {
      resultType: 'vector';
      result: { metric: Record<string, string>; value: [number, string] }[];
    }
  | {
      resultType: 'matrix';
      result: { metric: Record<string, string>; values: [number, string][] }[];
    }
  | { resultType: 'scalar'; result: [number, string] }
  | { resultType: 'string'; result: [number, string] };

/** One alert of `GET /api/v1/alerts`. @public */
export interface PromAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'firing' | 'pending' | 'inactive';
  activeAt?: string;
  value?: string;
}

/** One alerting rule of `GET /api/v1/rules?type=alert`. @public */
export interface PromAlertingRule {
  name: string;
  query: string;
  duration: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  alerts: PromAlert[];
  health: string;
  lastError?: string;
  state: 'firing' | 'pending' | 'inactive';
  type: 'alerting';
}

const sample = z.tuple([z.number(), z.string()]);
const labels = z.record(z.string(), z.string());

export const promQueryDataSchema = z.discriminatedUnion('resultType', [
  z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ metric: labels, value: sample })),
  }),
  z.object({
    resultType: z.literal('matrix'),
    result: z.array(z.object({ metric: labels, values: z.array(sample) })),
  }),
  z.object({ resultType: z.literal('scalar'), result: sample }),
  z.object({
    resultType: z.literal('string'),
    result: z.tuple([z.number(), z.string()]),
  }),
]) satisfies z.ZodType<PromQueryData, unknown>;

export const promAlertSchema = z.object({
  labels,
  annotations: labels.default({}),
  state: z.enum(['firing', 'pending', 'inactive']),
  activeAt: z.string().optional(),
  value: z.string().optional(),
}) satisfies z.ZodType<PromAlert, unknown>;

export const promAlertingRuleSchema = z.object({
  name: z.string(),
  query: z.string(),
  duration: z.number().default(0),
  labels: labels.default({}),
  annotations: labels.default({}),
  alerts: z.array(promAlertSchema).default([]),
  health: z.string(),
  lastError: z.string().optional(),
  state: z.enum(['firing', 'pending', 'inactive']),
  type: z.literal('alerting'),
}) satisfies z.ZodType<PromAlertingRule, unknown>;

export const promRulesDataSchema = z.object({
  groups: z.array(
    z.object({
      name: z.string(),
      file: z.string(),
      // `type=alert` should return alerting rules only; anything else is skipped, not an error.
      rules: z.array(
        z.union([
          promAlertingRuleSchema,
          z.object({ type: z.literal('recording') }).passthrough(),
        ]),
      ),
    }),
  ),
});

export const promAlertsDataSchema = z.object({
  alerts: z.array(promAlertSchema),
});

/** The response envelope around every `data`. */
export const promEnvelopeSchema = z.object({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});
