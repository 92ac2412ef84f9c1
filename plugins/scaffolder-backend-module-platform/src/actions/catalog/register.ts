import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, ResponseError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { z } from 'zod';
import { entityRefSchema } from '../../schemas/fields';
import {
  WriteAccessOptions,
  authorizeWrite,
  ownerInputSchema,
} from '../../ownership/writeAccess';
import { createPlatformAction } from '../createPlatformAction';
import { componentWriteAudit } from '../../audit/writeAudit';
import { ownerOfEntity } from '../../ownership/ownerMarks';
import { examples } from './register.examples';
import { auditUrl } from '../../audit/auditMeta';

const ACTION_ID = 'platform:catalog:register';

const inputSchema = z.object({
  catalogInfoUrl: z
    .string()
    .max(500)
    .url()
    .regex(/^https?:\/\//, 'an http(s) URL')
    .describe(
      'URL of the catalog-info.yaml to register (an http(s) URL the catalog may read)',
    ),
  entityRef: entityRefSchema.describe('The component the file describes'),
  owner: ownerInputSchema,
});

const outputSchema = z.object({
  entityRef: z.string().describe('The registered component'),
  result: z
    .enum(['registered', 'unchanged'])
    .describe('unchanged: it was already in the catalog, for this owner'),
});

/** Options of {@link createCatalogRegisterAction}. @public */
export interface CatalogRegisterActionOptions extends WriteAccessOptions {
  catalog: CatalogService;
  auth: AuthService;
}

function isConflict(error: unknown): boolean {
  return (
    error instanceof ConflictError ||
    (error instanceof ResponseError && error.response.status === 409)
  );
}

/**
 * `platform:catalog:register`: registers the service's catalog-info.yaml with the user's credentials, like
 * `catalog:register`, but a component already in the catalog for the same owner (a re-run, or a concurrent run
 * that registered it first) is success, not a 409; one of another owner is refused.
 *
 * @public
 */
export function createCatalogRegisterAction(
  options: CatalogRegisterActionOptions,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      'Registers a catalog-info.yaml; an entity already registered for the same owner is success (idempotent)',
    examples,
    input: inputSchema,
    output: outputSchema,
    audit: componentWriteAudit(
      options.auditor,
      'platform-catalog-registration',
    ),
    async handler(ctx, input, audit) {
      audit.target({
        location: auditUrl(input.catalogInfoUrl),
        entityRef: input.entityRef,
      });
      const credentials = await ctx.getInitiatorCredentials();
      const owner = await authorizeWrite(ctx, options.ownership, input);
      const serviceCredentials = await options.auth.getOwnServiceCredentials();
      ctx.output('entityRef', input.entityRef);

      /** Whether the component is already in the catalog (refusing it when another owner has it). */
      const alreadyRegistered = async () => {
        const entity = await options.catalog.getEntityByRef(input.entityRef, {
          credentials: serviceCredentials,
        });
        if (!entity) {
          return false;
        }
        await options.ownership.assertClaim(
          `catalog entity ${input.entityRef}`,
          { owner: ownerOfEntity(entity) },
          { owner },
        );
        return true;
      };

      if (await alreadyRegistered()) {
        ctx.logger.info(
          `${input.entityRef} is already in the catalog for ${owner}; nothing to register`,
        );
        ctx.output('result', 'unchanged');
        audit.outcome('unchanged');
        return;
      }
      const location = { type: 'url', target: input.catalogInfoUrl };
      if (ctx.isDryRun) {
        const analysed = await options.catalog.addLocation(
          { ...location, dryRun: true },
          { credentials },
        );
        const refs = analysed.entities.map(entity =>
          stringifyEntityRef(entity),
        );
        if (!refs.includes(input.entityRef)) {
          throw new InputError(
            `catalogInfoUrl describes ${refs.join(', ') || 'no entity'}, not ${
              input.entityRef
            }`,
          );
        }
        ctx.output('result', 'registered');
        return;
      }
      const registered = await ctx.checkpoint({
        key: `catalog.register.${input.catalogInfoUrl}`,
        fn: async (): Promise<'created' | 'unchanged'> => {
          try {
            await options.catalog.addLocation(location, { credentials });
            return 'created';
          } catch (error) {
            // Registered meanwhile by a concurrent run of the same service: fine once its owner is known to match.
            if (!isConflict(error)) {
              throw error;
            }
            ctx.logger.info(
              `${input.catalogInfoUrl} was registered by another run of ${input.entityRef}`,
            );
            return 'unchanged';
          }
        },
      });
      ctx.output('result', 'registered');
      audit.outcome(registered);
    },
  });
}
