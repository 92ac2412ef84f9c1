import { ConflictError } from '@backstage/errors';
import {
  KubernetesClient,
  NamespaceResource,
  ScaffolderConfig,
  UpstreamError,
} from '@paved-road/backstage-plugin-platform-node';
import { z } from 'zod';
import { entityRefSchema, namespaceSchema } from '../../schemas/fields';
import {
  MANAGED_BY_LABEL,
  buildRegistrySecret,
  createdByPlatform,
} from '../../render/dockerConfig';
import {
  marksFromMetadata,
  terminatingProblem,
} from '../../ownership/ownerMarks';
import {
  WriteAccessOptions,
  assertNamespaceWritable,
  authorizeWrite,
  ownerAnnotations,
  ownerInputSchema,
} from '../../ownership/writeAccess';
import { createPlatformAction } from '../createPlatformAction';
import { componentWriteAudit } from '../../audit/writeAudit';
import { requireConfig } from '../guards';
import { examples } from './ensureNamespace.examples';

const ACTION_ID = 'platform:kubernetes:ensure-namespace';

const inputSchema = z.object({
  namespace: namespaceSchema,
  owner: ownerInputSchema,
  istioInjection: z
    .boolean()
    .default(false)
    .describe(
      'Label the namespace istio-injection=enabled (only a namespace the platform created)',
    ),
  entityRef: entityRefSchema.optional(),
  registrySecret: z
    .boolean()
    .default(true)
    .describe(
      'Create the registry dockerconfigjson Secret (from backend config) in the namespace',
    ),
});

const outputSchema = z.object({
  namespace: z.string().describe('The namespace'),
  namespaceResult: z
    .enum(['created', 'updated', 'unchanged'])
    .describe('What happened to the namespace'),
  secretName: z.string().optional().describe('Name of the registry Secret'),
  secretResult: z
    .enum(['created', 'updated', 'unchanged'])
    .optional()
    .describe('What happened to the Secret'),
});

/** Options of {@link createKubernetesEnsureNamespaceAction}. @public */
export interface KubernetesActionOptions extends WriteAccessOptions {
  config: ScaffolderConfig;
  /** Overrides the client built from config (tests). */
  client?: KubernetesClient;
}

function isStatus(error: unknown, code: number): boolean {
  return error instanceof UpstreamError && error.status === code;
}

/**
 * `platform:kubernetes:ensure-namespace`: the namespace (optionally Istio-injected) and the registry pull
 * Secret built from `platform.scaffolder.registry`, both recording their owner. Inside the operator's write
 * bound only; an existing namespace is used only when it records the same owner, one the platform did not
 * create is never relabelled, and a Terminating one is refused. Idempotent.
 *
 * @public
 */
export function createKubernetesEnsureNamespaceAction(
  options: KubernetesActionOptions,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      'Ensures a Kubernetes namespace (istio-injection label when asked) and its registry pull Secret from backend config, owned by the service owner',
    examples,
    input: inputSchema,
    output: outputSchema,
    audit: componentWriteAudit(
      options.auditor,
      'platform-kubernetes-namespace',
    ),
    async handler(ctx, input, audit) {
      audit.target({ namespace: input.namespace });
      const kubernetes = requireConfig(
        options.config.kubernetes,
        'platform.kubernetes',
        ACTION_ID,
      );
      const registry = input.registrySecret
        ? requireConfig(
            options.config.registry,
            'platform.scaffolder.registry',
            ACTION_ID,
          )
        : undefined;
      const owner = await authorizeWrite(ctx, options.ownership, input);
      assertNamespaceWritable(options.config, {
        namespace: input.namespace,
        owner,
      });
      const client = options.client ?? new KubernetesClient(kubernetes);
      const labels: Record<string, string> = { ...MANAGED_BY_LABEL };
      if (input.istioInjection) {
        labels['istio-injection'] = 'enabled';
      }
      const annotations = ownerAnnotations(owner, input.entityRef);
      ctx.output('namespace', input.namespace);

      /** What may be done to an existing namespace: refuses, or returns the labels still to add. */
      const checkExisting = async (
        existing: NamespaceResource,
      ): Promise<Record<string, string>> => {
        const what = `namespace '${input.namespace}'`;
        const terminating = terminatingProblem(existing);
        if (terminating) {
          throw new ConflictError(terminating);
        }
        const marks = marksFromMetadata(existing.metadata);
        const foreign = !createdByPlatform(existing.metadata);
        // Shared by the owner's services: the owner decides, not the component it was first created for.
        await options.ownership.assertClaim(what, marks, { owner, foreign });
        if (foreign) {
          if (
            input.istioInjection &&
            existing.metadata.labels?.['istio-injection'] !== 'enabled'
          ) {
            ctx.logger.warn(
              `${what} was not created by the platform, so its labels are left alone (istio-injection is '${
                existing.metadata.labels?.['istio-injection'] ?? 'unset'
              }')`,
            );
          }
          return {};
        }
        return Object.fromEntries(
          Object.entries(labels).filter(
            ([key, value]) =>
              !(key in MANAGED_BY_LABEL) &&
              existing.metadata.labels?.[key] !== value,
          ),
        );
      };

      if (ctx.isDryRun) {
        const existing = await client.getNamespace(input.namespace);
        const missing = existing ? await checkExisting(existing) : labels;
        ctx.logger.info(
          `Dry run: namespace ${input.namespace} ${
            existing
              ? `exists; would add labels ${JSON.stringify(missing)}`
              : `would be created with labels ${JSON.stringify(labels)}`
          }${registry ? ` and Secret ${registry.secretName}` : ''}`,
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
          const body = {
            apiVersion: 'v1' as const,
            kind: 'Namespace' as const,
            metadata: { name: input.namespace, labels, annotations },
          };
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
          if (!existing) {
            throw new Error(
              `namespace ${input.namespace} vanished while being created`,
            );
          }
          const missingLabels = await checkExisting(existing);
          if (Object.keys(missingLabels).length === 0) {
            return 'unchanged';
          }
          await client.mergePatchNamespace(input.namespace, {
            metadata: { labels: missingLabels },
          });
          return 'updated';
        },
      });
      ctx.output('namespaceResult', namespaceResult);
      audit.outcome(namespaceResult);

      if (!registry) {
        return;
      }
      const secretResult = await ctx.checkpoint({
        key: `kubernetes.secret.${input.namespace}.${registry.secretName}`,
        fn: async (): Promise<'created' | 'updated' | 'unchanged'> => {
          const built = buildRegistrySecret(registry, input.namespace);
          const body = {
            ...built,
            metadata: { ...built.metadata, annotations },
          };
          const what = `Secret ${input.namespace}/${registry.secretName}`;
          let existing = await client.getSecret(
            input.namespace,
            registry.secretName,
          );
          if (!existing) {
            try {
              await client.createSecret(input.namespace, body);
              return 'created';
            } catch (error) {
              if (!isStatus(error, 409)) {
                throw error;
              }
              existing = await client.getSecret(
                input.namespace,
                registry.secretName,
              );
            }
          }
          if (!existing) {
            throw new Error(`${what} vanished while being created`);
          }
          if (existing.type !== body.type) {
            throw new ConflictError(
              `${what} exists with type ${existing.type}; a Secret's type is immutable, delete it or configure another platform.scaffolder.registry.secretName`,
            );
          }
          if (
            existing.data?.['.dockerconfigjson'] ===
            body.data?.['.dockerconfigjson']
          ) {
            return 'unchanged';
          }
          if (!createdByPlatform(existing.metadata)) {
            throw new ConflictError(
              `${what} exists with other credentials and is not managed by Backstage; refusing to replace it`,
            );
          }
          await options.ownership.assertClaim(
            what,
            marksFromMetadata(existing.metadata),
            { owner },
          );
          await client.mergePatchSecret(input.namespace, registry.secretName, {
            data: body.data,
          });
          return 'updated';
        },
      });
      ctx.logger.info(
        `Namespace ${input.namespace}: ${namespaceResult}; Secret ${registry.secretName}: ${secretResult}`,
      );
      ctx.output('secretName', registry.secretName);
      ctx.output('secretResult', secretResult);
      audit.outcome(namespaceResult, {
        registrySecret: { name: registry.secretName, outcome: secretResult },
      });
    },
  });
}
