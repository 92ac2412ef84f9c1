import { z } from 'zod/v4';

const sample = z.tuple([z.number(), z.string()]);
const labels = z.record(z.string(), z.string());

/** A PromQL result, keyed on `resultType`. @public */
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
]);

/** @public */
export type PromQueryData = z.infer<typeof promQueryDataSchema>;

/** `GET /api/v1/alerts`. @public */
export const promAlertSchema = z.object({
  labels,
  annotations: labels.default({}),
  state: z.enum(['firing', 'pending', 'inactive']),
  activeAt: z.string().optional(),
  value: z.string().optional(),
});

/** @public */
export type PromAlert = z.infer<typeof promAlertSchema>;

/** One alerting rule of `GET /api/v1/rules?type=alert`. @public */
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
});

/** @public */
export type PromAlertingRule = z.infer<typeof promAlertingRuleSchema>;

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

/** The response envelope around every `data`. @public */
export const promEnvelopeSchema = z.object({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});
