import { AuditorService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ScaffolderConfig,
  checkNamespaceWritable,
} from '@paved-road/backstage-plugin-platform-node';
import { z } from 'zod';
import { PlatformActionContext } from '../actions/createPlatformAction';
import { ServiceOwnership } from './ServiceOwnership';
import { OWNER_ANNOTATION } from './ownerMarks';
import { ENTITY_REF_ANNOTATION } from '../render/application';

/** The `owner` input every writing action takes: the entity ref recorded on what it creates. */
export const ownerInputSchema = z
  .string()
  .min(1)
  .max(255)
  .describe(
    'Owner of the service (group:default/team-a): recorded on every resource written; the task user must be a member (or hold platform.service.write)',
  );

/** Options every writing action gets: the one ownership decision, and the auditor its writes are recorded with. @public */
export interface WriteAccessOptions {
  ownership: ServiceOwnership;
  /** Records each run that may write (not dry runs): `coreServices.auditor` of the scaffolder plugin. */
  auditor: AuditorService;
}

/**
 * The checks every writing action makes before its first write (in dry-run too): the owner exists and the
 * task's user may act for it. Returns the normalised owner ref.
 */
export async function authorizeWrite(
  ctx: PlatformActionContext<any>,
  ownership: ServiceOwnership,
  input: { owner: string },
): Promise<string> {
  return ownership.authorize(await ctx.getInitiatorCredentials(), input);
}

/** Why the operator's write bound refuses a namespace for an owner, or undefined when it allows it. */
export function namespaceWriteProblem(
  config: ScaffolderConfig,
  input: { namespace: string; owner: string },
): string | undefined {
  const verdict = checkNamespaceWritable(config.namespaceBound, {
    namespace: input.namespace,
    owner: input.owner,
    argocdNamespace: config.argocd.namespace,
    from: 'namespace',
  });
  return verdict.ok ? undefined : verdict.message;
}

/** Refuses a namespace outside the operator's write bound (InputError naming the field). */
export function assertNamespaceWritable(
  config: ScaffolderConfig,
  input: { namespace: string; owner: string },
): void {
  const problem = namespaceWriteProblem(config, input);
  if (problem) {
    throw new InputError(problem);
  }
}

/** The annotations recording owner and component on what an action creates. */
export function ownerAnnotations(
  owner: string,
  entityRef?: string,
): Record<string, string> {
  return {
    [OWNER_ANNOTATION]: owner,
    ...(entityRef ? { [ENTITY_REF_ANNOTATION]: entityRef } : {}),
  };
}
