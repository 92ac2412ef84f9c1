import { ConflictError } from '@backstage/errors';
import { z } from 'zod';
import {
  jenkinsJobFullNameSchema,
  namespaceSchema,
  serviceNameSchema,
} from '../../schemas/fields';
import {
  PreflightDeps,
  preflightFailureMessage,
  runPreflight,
} from '../../ownership/preflight';
import { createPlatformAction } from '../createPlatformAction';
import { examples } from './preflight.examples';

const ACTION_ID = 'platform:service:preflight';

const inputSchema = z.object({
  serviceName: serviceNameSchema,
  owner: z
    .string()
    .min(1)
    .max(255)
    .describe('Owner entity ref of the service (group:default/team-a)'),
  namespace: namespaceSchema.describe('Namespace the service is deployed to'),
  repoUrl: z
    .string()
    .max(300)
    .describe(
      'Repository location as the RepoUrlPicker writes it: host?owner=<owner>&repo=<repo>',
    ),
  jenkinsJobFullName: jenkinsJobFullNameSchema.optional(),
});

const outputSchema = z.object({
  entityRef: z.string().describe('The component the run creates or updates'),
  mode: z
    .enum(['create', 'update'])
    .describe('update when some of its resources already exist (same owner)'),
  entityRegistered: z
    .boolean()
    .describe(
      'The component is already in the catalog (skip catalog:register)',
    ),
  existing: z
    .array(z.string())
    .describe('Resources that exist and belong to the owner'),
});

/** Options of {@link createServicePreflightAction}. @public */
export type ServicePreflightActionOptions = PreflightDeps;

/**
 * `platform:service:preflight`: the template's first step (dry-run too). Checks every later step's
 * preconditions at once (owner and the user's right to act for it, namespace bound, repository host, and
 * that every existing resource of the name belongs to the same owner) and fails with one message listing
 * every problem, before anything is written.
 *
 * @public
 */
export function createServicePreflightAction(
  options: ServicePreflightActionOptions,
) {
  return createPlatformAction({
    id: ACTION_ID,
    description:
      'Checks, before anything is written, that a service name, owner, namespace and repository can be created or updated by the user',
    examples,
    input: inputSchema,
    output: outputSchema,
    async handler(ctx, input) {
      const report = await runPreflight(
        await ctx.getInitiatorCredentials(),
        input,
        options,
      );
      if (report.problems.length > 0) {
        throw new ConflictError(
          preflightFailureMessage(input.serviceName, report.problems),
        );
      }
      ctx.logger.info(
        report.existing.length > 0
          ? `Preflight passed: updating ${
              report.entityRef
            }; already there and owned by ${
              input.owner
            }: ${report.existing.join(', ')}`
          : `Preflight passed: ${report.entityRef} is new`,
      );
      ctx.output('entityRef', report.entityRef);
      ctx.output(
        'mode',
        report.existing.length > 0 || report.entityRegistered
          ? 'update'
          : 'create',
      );
      ctx.output('entityRegistered', report.entityRegistered);
      ctx.output('existing', report.existing);
    },
  });
}
