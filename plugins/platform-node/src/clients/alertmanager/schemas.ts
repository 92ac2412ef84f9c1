import { z } from 'zod/v4';

/** One alert of `GET /api/v2/alerts` (a bare array). @public */
export const amAlertSchema = z.object({
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()).default({}),
  startsAt: z.string(),
  endsAt: z.string().optional(),
  updatedAt: z.string().optional(),
  fingerprint: z.string(),
  generatorURL: z.string().optional(),
  receivers: z.array(z.object({ name: z.string() })).default([]),
  status: z.object({
    state: z.enum(['unprocessed', 'active', 'suppressed']),
    silencedBy: z.array(z.string()).nullish(),
    inhibitedBy: z.array(z.string()).nullish(),
  }),
});

/** @public */
export type AmAlert = z.infer<typeof amAlertSchema>;

/** One silence of `GET /api/v2/silences`. @public */
export const amSilenceSchema = z.object({
  id: z.string(),
  status: z.object({ state: z.enum(['active', 'pending', 'expired']) }),
  matchers: z.array(
    z.object({
      name: z.string(),
      value: z.string(),
      isRegex: z.boolean(),
      isEqual: z.boolean().default(true),
    }),
  ),
  startsAt: z.string(),
  endsAt: z.string(),
  updatedAt: z.string().optional(),
  createdBy: z.string(),
  comment: z.string(),
});

/** @public */
export type AmSilence = z.infer<typeof amSilenceSchema>;
