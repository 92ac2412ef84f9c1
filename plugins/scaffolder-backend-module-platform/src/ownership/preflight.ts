import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normaliseOwnerRef } from '@paved-road/backstage-plugin-platform-node';
import { parseRepoLocation } from '../actions/git/repoLocation';
import { ServiceOwnership } from './ServiceOwnership';
import { ownerOfEntity } from './ownerMarks';
import { namespaceWriteProblem } from './writeAccess';
import {
  ExistingResource,
  ServiceResourceClients,
  readExistingServiceResources,
} from './serviceResources';

/** What the wizard asks for, as far as it is known (the name check runs while the user types). */
export interface PreflightRequest {
  serviceName: string;
  owner: string;
  namespace?: string;
  /** RepoUrlPicker form: host?owner=o&repo=r */
  repoUrl?: string;
  jenkinsJobFullName?: string;
}

/** Outcome of a preflight: every problem at once, and what already exists (owned by the same owner). */
export interface PreflightReport {
  problems: string[];
  /** Resources that exist and belong to the owner: the run updates them (an identical run changes nothing). */
  existing: string[];
  /** The component is already in the catalog (catalog:register is skipped). */
  entityRegistered: boolean;
  entityRef: string;
}

/** Services and clients a preflight reads through. @public */
export interface PreflightDeps extends ServiceResourceClients {
  ownership: ServiceOwnership;
  catalog: CatalogService;
  auth: AuthService;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Checks every precondition of a Create MSA service run before its first write: the owner exists and the user
 * may act for it, the namespace is inside the operator's write bound, the repository host is allowed, and each
 * resource the run would touch (catalog entity, repository, msa_deploy entry, Jenkins folders and job,
 * namespace, Secret, Argo CD Application) is either absent or owned by the same owner. Reads only.
 */
export async function runPreflight(
  credentials: BackstageCredentials,
  request: PreflightRequest,
  deps: PreflightDeps,
): Promise<PreflightReport> {
  const problems: string[] = [];
  const entityRef = `component:default/${request.serviceName}`;
  const owner = normaliseOwnerRef(request.owner) ?? request.owner;

  try {
    await deps.ownership.authorize(credentials, { owner: request.owner });
  } catch (error) {
    problems.push(messageOf(error));
  }

  const outsideBound =
    request.namespace === undefined
      ? undefined
      : namespaceWriteProblem(deps.config, {
          namespace: request.namespace,
          owner,
        });
  if (outsideBound) {
    problems.push(outsideBound);
  }

  let repoRemoteUrl: string | undefined;
  if (request.repoUrl !== undefined) {
    try {
      repoRemoteUrl = parseRepoLocation(request.repoUrl, deps.config).remoteUrl;
    } catch (error) {
      problems.push(messageOf(error));
    }
  }

  const [entity, existing] = await Promise.all([
    deps.catalog.getEntityByRef(entityRef, {
      credentials: await deps.auth.getOwnServiceCredentials(),
    }),
    readExistingServiceResources(
      {
        serviceName: request.serviceName,
        namespace: request.namespace,
        repoRemoteUrl,
        jenkinsJobFullName: request.jenkinsJobFullName,
      },
      deps,
    ),
  ]);

  const resources: ExistingResource[] = [...existing];
  if (entity) {
    resources.unshift({
      resource: `catalog entity ${entityRef}`,
      marks: { owner: ownerOfEntity(entity), entityRef },
    });
  }
  const owned: string[] = [];
  for (const found of resources) {
    if (found.blocked) {
      problems.push(found.blocked);
      continue;
    }
    const verdict = await deps.ownership.checkClaim(
      found.resource,
      found.marks,
      {
        owner,
        entityRef: found.shared ? undefined : entityRef,
        foreign: found.foreign,
      },
    );
    if (!verdict.ok) {
      problems.push(verdict.message);
      continue;
    }
    if (
      !found.shared &&
      request.namespace &&
      found.marks.namespace &&
      found.marks.namespace !== request.namespace
    ) {
      problems.push(
        `${found.resource} deploys ${request.serviceName} to namespace '${found.marks.namespace}'; the template does not move a service to '${request.namespace}'`,
      );
      continue;
    }
    owned.push(found.resource);
  }
  return {
    problems,
    existing: owned,
    entityRegistered: Boolean(entity) && problems.length === 0,
    entityRef,
  };
}

/** The one message a refused preflight fails with. */
export function preflightFailureMessage(
  serviceName: string,
  problems: string[],
): string {
  return `Cannot create or update '${serviceName}'; nothing was written:\n${problems
    .map(p => `- ${p}`)
    .join('\n')}`;
}
