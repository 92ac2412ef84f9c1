import { ConflictError } from '@backstage/errors';
import {
  ArgoCdClient,
  KubernetesClient,
  ScaffolderConfig,
  UpstreamError,
  applyConflictsOf,
} from '@paved-road/backstage-plugin-platform-node';
import { z } from 'zod';
import {
  entityRefSchema,
  namespaceSchema,
  serviceNameSchema,
} from '../../schemas/fields';
import { isDeepStrictEqual } from 'node:util';
import { marksFromMetadata } from '../../ownership/ownerMarks';
import {
  WriteAccessOptions,
  assertNamespaceWritable,
  authorizeWrite,
  ownerInputSchema,
} from '../../ownership/writeAccess';
import { serviceApplication } from '../../render/serviceApplication';
import { createPlatformAction } from '../createPlatformAction';
import { requireConfig } from '../guards';
import { applyConflictAdvice, forcedApplyWarning } from './applyConflict';
import { examples } from './createApplication.examples';

const ACTION_ID = 'platform:argocd:create-application';

/** Field manager of every server-side apply this module makes. @public */
export const FIELD_MANAGER = 'backstage-platform';

const inputSchema = z.object({
  serviceName: serviceNameSchema.describe('Application name (= service name)'),
  entityRef: entityRefSchema,
  owner: ownerInputSchema,
  namespace: namespaceSchema.describe('Destination namespace of the service'),
  sync: z
    .boolean()
    .default(false)
    .describe(
      'Request a first sync right away (only when the Application was created or changed)',
    ),
  forceConflicts: z
    .boolean()
    .default(false)
    .describe(
      'UNSAFE. When the server-side apply conflicts with another field manager (someone edited fields this template sets), re-apply with force and overwrite them; logged as an audit warning. Default false: the run fails naming the fields and the manager (via kubernetes only)',
    ),
});

const outputSchema = z.object({
  name: z.string().describe('Application name'),
  argocdNamespace: z.string().describe('Namespace of the Application resource'),
  via: z.enum(['kubernetes', 'api']).describe('How it was written'),
  result: z
    .enum(['applied', 'unchanged'])
    .optional()
    .describe('Whether the Application was written'),
  url: z
    .string()
    .optional()
    .describe('Argo CD UI link, when an Argo CD instance is configured'),
  manifest: z.string().optional().describe('The Application as JSON (dry run)'),
});

/** Options of {@link createArgoCdCreateApplicationAction}. @public */
export interface ArgoCdActionOptions extends WriteAccessOptions {
  config: ScaffolderConfig;
  /** Override clients built from config (tests). */
  kubernetes?: KubernetesClient;
  argocd?: ArgoCdClient;
}

type AppLike = {
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: unknown;
};

/** Whether an existing Application already holds what would be applied (then nothing is written or synced). */
function holdsDesired(existing: AppLike, desired: AppLike): boolean {
  const subset = (
    have: Record<string, string> | undefined,
    want: Record<string, string> | undefined,
  ) =>
    Object.entries(want ?? {}).every(([key, value]) => have?.[key] === value);
  return (
    isDeepStrictEqual(existing.spec, desired.spec) &&
    subset(existing.metadata?.labels, desired.metadata?.labels) &&
    subset(existing.metadata?.annotations, desired.metadata?.annotations)
  );
}

/**
 * `platform:argocd:create-application`: the service's Argo CD Application (the same one msa_deploy holds
 * under apps/), written by Kubernetes server-side apply or the Argo CD API; idempotent, owner-checked,
 * optional first sync.
 *
 * @public
 */
export function createArgoCdCreateApplicationAction(
  options: ArgoCdActionOptions,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      'Creates or updates the Argo CD Application of a service (Kubernetes server-side apply or the Argo CD API)',
    examples,
    input: inputSchema,
    output: outputSchema,
    async handler(ctx, input) {
      const config = options.config;
      const msaDeploy = requireConfig(
        config.msaDeploy,
        'platform.scaffolder.msaDeploy',
        ACTION_ID,
      );
      const owner = await authorizeWrite(ctx, options.ownership, input);
      assertNamespaceWritable(config, { namespace: input.namespace, owner });
      const application = serviceApplication(config, msaDeploy, {
        ...input,
        owner,
      });
      const what = `Argo CD Application '${config.argocd.namespace}/${input.serviceName}'`;
      const checkExisting = (existing: AppLike) =>
        options.ownership.assertClaim(
          what,
          marksFromMetadata(existing.metadata),
          { owner, entityRef: input.entityRef },
        );
      const instance = config.argocdInstances?.[0];
      const name = input.serviceName;
      const argocdNamespace = config.argocd.namespace;
      ctx.output('name', name);
      ctx.output('argocdNamespace', argocdNamespace);
      ctx.output('via', config.argocd.via);
      if (instance) {
        ctx.output(
          'url',
          `${instance.webUrl}/applications/${argocdNamespace}/${name}`,
        );
      }
      if (ctx.isDryRun) {
        const existing =
          config.argocd.via === 'kubernetes' && config.kubernetes
            ? await (
                options.kubernetes ?? new KubernetesClient(config.kubernetes)
              ).getApplication(argocdNamespace, name)
            : undefined;
        if (existing) {
          await checkExisting(existing);
        }
        ctx.output('manifest', JSON.stringify(application, null, 2));
        ctx.logger.info(
          `Dry run: would apply Argo CD Application ${argocdNamespace}/${name}`,
        );
        return;
      }

      if (config.argocd.via === 'kubernetes') {
        const client =
          options.kubernetes ??
          new KubernetesClient(
            requireConfig(config.kubernetes, 'platform.kubernetes', ACTION_ID),
          );
        const result = await ctx.checkpoint({
          key: `argocd.application.${argocdNamespace}.${name}`,
          fn: async (): Promise<'applied' | 'unchanged'> => {
            const existing = await client.getApplication(argocdNamespace, name);
            if (existing) {
              await checkExisting(existing);
              if (holdsDesired(existing, application)) {
                return 'unchanged';
              }
            }
            const apply = (force: boolean) =>
              client.applyApplication(argocdNamespace, application, {
                fieldManager: FIELD_MANAGER,
                ...(force ? { force } : {}),
              });
            try {
              await apply(false);
            } catch (error) {
              const conflicts = applyConflictsOf(error);
              if (!conflicts) {
                throw error;
              }
              if (!input.forceConflicts) {
                throw new ConflictError(
                  applyConflictAdvice(what, FIELD_MANAGER, conflicts),
                );
              }
              ctx.logger.warn(
                forcedApplyWarning(what, ctx.user?.ref, conflicts),
              );
              await apply(true);
            }
            return 'applied';
          },
        });
        ctx.output('result', result);
        if (input.sync && result === 'applied') {
          await ctx.checkpoint({
            key: `argocd.sync.${argocdNamespace}.${name}`,
            fn: async () => {
              await client.mergePatchApplication(argocdNamespace, name, {
                operation: {
                  initiatedBy: { username: 'backstage' },
                  sync: { syncStrategy: { hook: {} } },
                },
              });
            },
          });
        }
      } else {
        const target = requireConfig(
          instance,
          'platform.argocd.instances',
          ACTION_ID,
        );
        const client =
          options.argocd ?? new ArgoCdClient(config.argocdInstances ?? []);
        const result = await ctx.checkpoint({
          key: `argocd.application.${argocdNamespace}.${name}`,
          fn: async (): Promise<'applied' | 'unchanged'> => {
            let existing: AppLike | undefined;
            try {
              existing = (await client.getApplication(target.name, name, {
                project: config.argocd.project,
                appNamespace: argocdNamespace,
              })) as AppLike;
            } catch (error) {
              if (!(error instanceof UpstreamError && error.status === 404)) {
                throw error;
              }
            }
            if (existing) {
              await checkExisting(existing);
              if (holdsDesired(existing, application)) {
                return 'unchanged';
              }
            }
            await client.createApplication(
              target.name,
              application as unknown as Record<string, unknown>,
              {
                upsert: true,
              },
            );
            return 'applied';
          },
        });
        ctx.output('result', result);
        if (input.sync && result === 'applied') {
          await ctx.checkpoint({
            key: `argocd.sync.${argocdNamespace}.${name}`,
            fn: async () => {
              try {
                await client.syncApplication(target.name, name, {
                  project: config.argocd.project,
                  appNamespace: argocdNamespace,
                });
              } catch (error) {
                // Automated sync may already be running: that is the outcome asked for.
                if (
                  !(
                    error instanceof UpstreamError &&
                    /already in progress/.test(error.message)
                  )
                ) {
                  throw error;
                }
              }
            },
          });
        }
      }
      ctx.logger.info(
        `Argo CD Application ${argocdNamespace}/${name} applied via ${config.argocd.via}`,
      );
    },
  });
}
