import { ConflictError } from '@backstage/errors';
import {
  ArgoCdClient,
  KubernetesClient,
  ScaffolderConfig,
  UpstreamError,
} from '@paved-road/backstage-plugin-platform-node';
import { z } from 'zod';
import { entityRefSchema, namespaceSchema, serviceNameSchema } from '../../schemas/fields';
import { ENTITY_REF_ANNOTATION } from '../../render/application';
import { serviceApplication } from '../../render/serviceApplication';
import { createPlatformAction } from '../createPlatformAction';
import { requireConfig } from '../guards';
import { examples } from './createApplication.examples';

const ACTION_ID = 'platform:argocd:create-application';

/** Field manager of every server-side apply this module makes. @public */
export const FIELD_MANAGER = 'backstage-platform';

const inputSchema = z.object({
  serviceName: serviceNameSchema.describe('Application name (= service name)'),
  entityRef: entityRefSchema,
  namespace: namespaceSchema.describe('Destination namespace of the service'),
  sync: z.boolean().default(false).describe('Request a first sync right away'),
});

const outputSchema = z.object({
  name: z.string().describe('Application name'),
  argocdNamespace: z.string().describe('Namespace of the Application resource'),
  via: z.enum(['kubernetes', 'api']).describe('How it was written'),
  url: z.string().optional().describe('Argo CD UI link, when an Argo CD instance is configured'),
  manifest: z.string().optional().describe('The Application as JSON (dry run)'),
});

/** Options of {@link createArgoCdCreateApplicationAction}. @public */
export interface ArgoCdActionOptions {
  config: ScaffolderConfig;
  /** Override clients built from config (tests). */
  kubernetes?: KubernetesClient;
  argocd?: ArgoCdClient;
}

function checkOwner(annotations: Record<string, string> | undefined, entityRef: string, name: string) {
  const owner = annotations?.[ENTITY_REF_ANNOTATION];
  if (owner !== entityRef) {
    throw new ConflictError(
      `Argo CD Application '${name}' already exists for ${owner ?? 'another owner (no backstage.io/entity-ref)'}; refusing to replace it for ${entityRef}`,
    );
  }
}

/**
 * `platform:argocd:create-application`: the service's Argo CD Application (the same one msa_deploy holds
 * under apps/), written by Kubernetes server-side apply or the Argo CD API; idempotent, owner-checked,
 * optional first sync.
 *
 * @public
 */
export function createArgoCdCreateApplicationAction(options: ArgoCdActionOptions) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      'Creates or updates the Argo CD Application of a service (Kubernetes server-side apply or the Argo CD API)',
    examples,
    input: inputSchema,
    output: outputSchema,
    async handler(ctx, input) {
      const config = options.config;
      const msaDeploy = requireConfig(config.msaDeploy, 'platform.scaffolder.msaDeploy', ACTION_ID);
      const application = serviceApplication(config, msaDeploy, input);
      const instance = config.argocdInstances?.[0];
      const name = input.serviceName;
      const argocdNamespace = config.argocd.namespace;
      ctx.output('name', name);
      ctx.output('argocdNamespace', argocdNamespace);
      ctx.output('via', config.argocd.via);
      if (instance) {
        ctx.output('url', `${instance.webUrl}/applications/${argocdNamespace}/${name}`);
      }
      if (ctx.isDryRun) {
        ctx.output('manifest', JSON.stringify(application, null, 2));
        ctx.logger.info(`Dry run: would apply Argo CD Application ${argocdNamespace}/${name}`);
        return;
      }

      if (config.argocd.via === 'kubernetes') {
        const client =
          options.kubernetes ??
          new KubernetesClient(requireConfig(config.kubernetes, 'platform.kubernetes', ACTION_ID));
        await ctx.checkpoint({
          key: `argocd.application.${argocdNamespace}.${name}`,
          fn: async () => {
            const existing = await client.getApplication(argocdNamespace, name);
            if (existing) {
              checkOwner(existing.metadata.annotations, input.entityRef, name);
            }
            await client.applyApplication(argocdNamespace, application, { fieldManager: FIELD_MANAGER });
          },
        });
        if (input.sync) {
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
        const target = requireConfig(instance, 'platform.argocd.instances', ACTION_ID);
        const client = options.argocd ?? new ArgoCdClient(config.argocdInstances ?? []);
        await ctx.checkpoint({
          key: `argocd.application.${argocdNamespace}.${name}`,
          fn: async () => {
            try {
              const existing = await client.getApplication(target.name, name, {
                project: config.argocd.project,
                appNamespace: argocdNamespace,
              });
              checkOwner(
                (existing as { metadata?: { annotations?: Record<string, string> } }).metadata?.annotations,
                input.entityRef,
                name,
              );
            } catch (error) {
              if (!(error instanceof UpstreamError && error.status === 404)) {
                throw error;
              }
            }
            await client.createApplication(target.name, application as unknown as Record<string, unknown>, {
              upsert: true,
            });
          },
        });
        if (input.sync) {
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
                if (!(error instanceof UpstreamError && /already in progress/.test(error.message))) {
                  throw error;
                }
              }
            },
          });
        }
      }
      ctx.logger.info(`Argo CD Application ${argocdNamespace}/${name} applied via ${config.argocd.via}`);
    },
  });
}
