import { z } from 'zod/v4';

const source = z.object({
  repoURL: z.string(),
  path: z.string().optional(),
  targetRevision: z.string().optional(),
  chart: z.string().optional(),
});

const historyEntry = z.object({
  id: z.number(),
  revision: z.string().optional(),
  revisions: z.array(z.string()).optional(),
  deployStartedAt: z.string().optional(),
  deployedAt: z.string(),
  source: source.optional(),
});

/** Argo CD `v1alpha1.Application`, the fields the platform reads. @public */
export const argoApplicationSchema = z.object({
  metadata: z.object({
    name: z.string(),
    namespace: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.object({
    project: z.string().default('default'),
    source: source.optional(),
    sources: z.array(source).optional(),
    destination: z
      .object({
        server: z.string().optional(),
        name: z.string().optional(),
        namespace: z.string().optional(),
      })
      .optional(),
    syncPolicy: z.unknown().optional(),
  }),
  status: z
    .object({
      sync: z
        .object({
          status: z.enum(['Synced', 'OutOfSync', 'Unknown']).catch('Unknown'),
          revision: z.string().optional(),
          revisions: z.array(z.string()).optional(),
        })
        .optional(),
      health: z
        .object({
          status: z
            .enum([
              'Healthy',
              'Progressing',
              'Degraded',
              'Suspended',
              'Missing',
              'Unknown',
            ])
            .catch('Unknown'),
          message: z.string().optional(),
        })
        .optional(),
      operationState: z
        .object({
          phase: z.enum([
            'Running',
            'Terminating',
            'Failed',
            'Error',
            'Succeeded',
          ]),
          message: z.string().optional(),
          startedAt: z.string().optional(),
          finishedAt: z.string().optional(),
          syncResult: z.object({ revision: z.string().optional() }).optional(),
        })
        .optional(),
      history: z.array(historyEntry).nullish(),
      summary: z.object({ images: z.array(z.string()).nullish() }).optional(),
      reconciledAt: z.string().optional(),
    })
    .optional(),
});

/** @public */
export type ArgoApplication = z.infer<typeof argoApplicationSchema>;

/** `GET /api/v1/applications`: `items` is null when empty and `fields` was given. @public */
export const argoApplicationListSchema = z.object({
  items: z.array(argoApplicationSchema).nullable().optional(),
});

/** `GET .../resource-tree`. @public */
export const argoResourceTreeSchema = z.object({
  nodes: z
    .array(
      z.object({
        group: z.string().optional(),
        version: z.string().optional(),
        kind: z.string(),
        namespace: z.string().optional(),
        name: z.string(),
        uid: z.string().optional(),
        parentRefs: z
          .array(z.object({ kind: z.string(), name: z.string() }).passthrough())
          .optional(),
        images: z.array(z.string()).optional(),
        health: z
          .object({
            status: z.string().optional(),
            message: z.string().optional(),
          })
          .optional(),
        createdAt: z.string().optional(),
      }),
    )
    .nullish(),
  orphanedNodes: z.array(z.unknown()).nullish(),
  hosts: z.array(z.unknown()).nullish(),
});

/** @public */
export type ArgoResourceTree = z.infer<typeof argoResourceTreeSchema>;

export const argoSessionSchema = z.object({ token: z.string().min(1) });
