import type {
  ArgoHealthStatus,
  ArgoSyncStatus,
} from '@paved-road/backstage-plugin-platform-common';
import { z } from 'zod/v4';
import { parseBody } from '../../http/parseBody';
import type { ParseResult } from '../../query/equalityLabels';

/** Where an Application's manifests come from. @public */
export interface ArgoApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  chart?: string;
}

/** Argo CD `v1alpha1.Application`, the fields the platform reads. @public */
export interface ArgoApplication {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: {
    project: string;
    source?: ArgoApplicationSource;
    sources?: ArgoApplicationSource[];
    destination?: { server?: string; name?: string; namespace?: string };
    syncPolicy?: unknown;
  };
  status?: {
    sync?: {
      status: ArgoSyncStatus;
      revision?: string;
      revisions?: string[];
    };
    health?: {
      status: ArgoHealthStatus;
      message?: string;
    };
    operationState?: {
      phase: 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';
      message?: string;
      startedAt?: string;
      finishedAt?: string;
      syncResult?: { revision?: string };
    };
    history?:
      | {
          id: number;
          revision?: string;
          revisions?: string[];
          deployStartedAt?: string;
          deployedAt: string;
          source?: ArgoApplicationSource;
        }[]
      | null;
    summary?: { images?: string[] | null };
    reconciledAt?: string;
  };
}

/** `GET .../resource-tree`: the resources an Application manages. @public */
export interface ArgoResourceTree {
  nodes?:
    | {
        group?: string;
        version?: string;
        kind: string;
        namespace?: string;
        name: string;
        uid?: string;
        parentRefs?: { kind: string; name: string; [key: string]: unknown }[];
        images?: string[];
        health?: { status?: string; message?: string };
        createdAt?: string;
      }[]
    | null;
  orphanedNodes?: unknown[] | null;
  hosts?: unknown[] | null;
}

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
}) satisfies z.ZodType<ArgoApplication, unknown>;

/** `GET /api/v1/applications`: `items` is null when empty and `fields` was given. */
export const argoApplicationListSchema = z.object({
  items: z.array(argoApplicationSchema).nullable().optional(),
});

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
}) satisfies z.ZodType<ArgoResourceTree, unknown>;

export const argoSessionSchema = z.object({ token: z.string().min(1) });

/**
 * An Application checked as the Argo CD API's are, for one read elsewhere (the Kubernetes resource).
 *
 * @public
 */
export function parseArgoApplication(
  value: unknown,
): ParseResult<ArgoApplication> {
  return parseBody(argoApplicationSchema, value);
}
