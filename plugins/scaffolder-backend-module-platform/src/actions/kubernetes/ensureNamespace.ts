import { ConflictError } from '@backstage/errors';
import {
  KubernetesClient,
  ScaffolderConfig,
  UpstreamError,
} from '@paved-road/backstage-plugin-platform-node';
import { z } from 'zod';
import { entityRefSchema, namespaceSchema } from '../../schemas/fields';
import { MANAGED_BY_LABEL, buildRegistrySecret } from '../../render/dockerConfig';
import { ENTITY_REF_ANNOTATION } from '../../render/application';
import { createPlatformAction } from '../createPlatformAction';
import { requireConfig } from '../guards';
import { examples } from './ensureNamespace.examples';

const ACTION_ID = 'platform:kubernetes:ensure-namespace';

const inputSchema = z.object({
  namespace: namespaceSchema,
  istioInjection: z.boolean().default(false).describe('Label the namespace istio-injection=enabled'),
  entityRef: entityRefSchema.optional(),
  registrySecret: z
    .boolean()
    .default(true)
    .describe('Create the registry dockerconfigjson Secret (from backend config) in the namespace'),
});

const outputSchema = z.object({
  namespace: z.string().describe('The namespace'),
  namespaceResult: z.enum(['created', 'updated', 'unchanged']).describe('What happened to the namespace'),
  secretName: z.string().optional().describe('Name of the registry Secret'),
  secretResult: z.enum(['created', 'updated', 'unchanged']).optional().describe('What happened to the Secret'),
});

/** Options of {@link createKubernetesEnsureNamespaceAction}. @public */
export interface KubernetesActionOptions {
  config: ScaffolderConfig;
  /** Overrides the client built from config (tests). */
  client?: KubernetesClient;
}

function isStatus(error: unknown, code: number): boolean {
  return error instanceof UpstreamError && error.status === code;
}

/**
 * `platform:kubernetes:ensure-namespace`: the namespace (optionally Istio-injected) and the registry pull
 * Secret built from `platform.scaffolder.registry`. Idempotent: an existing object is compared and patched.
 *
 * @public
 */
export function createKubernetesEnsureNamespaceAction(options: KubernetesActionOptions) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      'Ensures a Kubernetes namespace (istio-injection label when asked) and its registry pull Secret from backend config',
    examples,
    input: inputSchema,
    output: outputSchema,
    async handler(ctx, input) {
      const kubernetes = requireConfig(options.config.kubernetes, 'platform.kubernetes', ACTION_ID);
      const registry = input.registrySecret
        ? requireConfig(options.config.registry, 'platform.scaffolder.registry', ACTION_ID)
        : undefined;
      const client = options.client ?? new KubernetesClient(kubernetes);
      const labels: Record<string, string> = { ...MANAGED_BY_LABEL };
      if (input.istioInjection) {
        labels['istio-injection'] = 'enabled';
      }
      const annotations: Record<string, string> = input.entityRef
        ? { [ENTITY_REF_ANNOTATION]: input.entityRef }
        : {};
      ctx.output('namespace', input.namespace);

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would ensure namespace ${input.namespace} labels ${JSON.stringify(labels)}${registry ? ` and Secret ${registry.secretName}` : ''}`,
        );
        ctx.output('namespaceResult', 'unchanged');
        if (registry) {
          ctx.output('secretName', registry.secretName);
          ctx.output('secretResult', 'unchanged');
        }
        return;
      }

      const namespaceResult = await ctx.checkpoint({
        key: `kubernetes.namespace.${input.namespace}`,
        fn: async (): Promise<'created' | 'updated' | 'unchanged'> => {
          const body = { apiVersion: 'v1' as const, kind: 'Namespace' as const, metadata: { name: input.namespace, labels, annotations } };
          let existing = await client.getNamespace(input.namespace);
          if (!existing) {
            try {
              await client.createNamespace(body);
              return 'created';
            } catch (error) {
              if (!isStatus(error, 409)) {
                throw error;
              }
              existing = await client.getNamespace(input.namespace);
            }
          }
          const missingLabels = Object.entries(labels).filter(
            ([key, value]) => key !== 'app.kubernetes.io/managed-by' && existing?.metadata.labels?.[key] !== value,
          );
          if (missingLabels.length === 0) {
            return 'unchanged';
          }
          // Only add what was asked for; never take over or relabel a namespace beyond that.
          await client.mergePatchNamespace(input.namespace, {
            metadata: { labels: Object.fromEntries(missingLabels) },
          });
          return 'updated';
        },
      });
      ctx.output('namespaceResult', namespaceResult);

      if (!registry) {
        return;
      }
      const secretResult = await ctx.checkpoint({
        key: `kubernetes.secret.${input.namespace}.${registry.secretName}`,
        fn: async (): Promise<'created' | 'updated' | 'unchanged'> => {
          const body = buildRegistrySecret(registry, input.namespace);
          let existing = await client.getSecret(input.namespace, registry.secretName);
          if (!existing) {
            try {
              await client.createSecret(input.namespace, body);
              return 'created';
            } catch (error) {
              if (!isStatus(error, 409)) {
                throw error;
              }
              existing = await client.getSecret(input.namespace, registry.secretName);
            }
          }
          if (!existing) {
            throw new Error(`Secret ${input.namespace}/${registry.secretName} vanished while being created`);
          }
          if (existing.type !== body.type) {
            throw new ConflictError(
              `Secret ${input.namespace}/${registry.secretName} exists with type ${existing.type}; a Secret's type is immutable, delete it or configure another platform.scaffolder.registry.secretName`,
            );
          }
          if (existing.data?.['.dockerconfigjson'] === body.data?.['.dockerconfigjson']) {
            return 'unchanged';
          }
          if (existing.metadata.labels?.['app.kubernetes.io/managed-by'] !== 'backstage') {
            throw new ConflictError(
              `Secret ${input.namespace}/${registry.secretName} exists with other credentials and is not managed by Backstage; refusing to replace it`,
            );
          }
          await client.mergePatchSecret(input.namespace, registry.secretName, { data: body.data });
          return 'updated';
        },
      });
      ctx.logger.info(
        `Namespace ${input.namespace}: ${namespaceResult}; Secret ${registry.secretName}: ${secretResult}`,
      );
      ctx.output('secretName', registry.secretName);
      ctx.output('secretResult', secretResult);
    },
  });
}
