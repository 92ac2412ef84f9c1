import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  PLATFORM_ANNOTATIONS as A,
  DeployRequest,
  DeployResponse,
  platformDeployWritePermission,
} from '@paved-road/backstage-plugin-platform-common';
import {
  GitCredentials,
  ImageTagRefusalReason,
  JenkinsBuild,
  JenkinsClient,
  MsaDeployConfig,
  PlatformConfig,
  UpstreamError,
  deployImageTag,
  normaliseOwnerRef,
} from '@paved-road/backstage-plugin-platform-node';
import { EntityAccess } from '../entityAccess';
import { buildTarget } from '../entityTargets';
import { EntityRequest } from '../EntityObservabilityService';
import { BadGatewayError } from '../errors';

/** Deploys a build of an entity; the routes, the scaffolder action and the agent actions share it. @public */
export interface EntityDeployer {
  /**
   * Checks `platform.deploy.write` on the entity with the caller's credentials, that the build succeeded, and
   * commits (or on a dry run previews) the image tag. Throws Backstage errors: 404 (no entity / build / entry),
   * 403 (permission, or an entry of another owner), 409 (build not SUCCESS, tag already live), 400 (entity not
   * set up for deploys), 501 (msa_deploy not configured), 502/503 (Jenkins or git failed).
   */
  deploy(request: EntityRequest, body: DeployRequest): Promise<DeployResponse>;
}

const SERVICE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The msa_deploy entry name: the Kubernetes id, as the service template names the entry, else the entity name. */
export function deployServiceName(entity: Entity): string {
  const annotated = entity.metadata.annotations?.[A.kubernetesId]?.trim();
  const name = annotated || entity.metadata.name;
  if (!SERVICE_NAME.test(name)) {
    throw new InputError(
      `${
        annotated ? `annotation ${A.kubernetesId}` : 'the entity name'
      } '${name}' cannot name an msa_deploy entry: it must be a DNS-1123 label (lower-case letters, digits, '-', at most 63)`,
    );
  }
  return name;
}

/** The caller's user entity ref, or the service subject. */
export function who(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? 'unknown';
}

const REFUSAL_ERRORS: Record<
  ImageTagRefusalReason,
  new (message: string) => Error
> = {
  'no-entry': NotFoundError,
  unreadable: ConflictError,
  'foreign-owner': NotAllowedError,
  'foreign-entity': NotAllowedError,
  'no-image': ConflictError,
  'already-live': ConflictError,
};

/** {@link EntityDeployer} over the Jenkins instances of `platform.jenkins` and msa_deploy of `platform.scaffolder`. */
export class DeployService implements EntityDeployer {
  constructor(
    private readonly deps: {
      access: EntityAccess;
      config: PlatformConfig;
      /** `platform.scaffolder.msaDeploy`: the repository the service template writes and the pipeline bumps. */
      msaDeploy?: MsaDeployConfig;
      git?: GitCredentials;
      jenkins: ReadonlyMap<string, JenkinsClient>;
      logger: LoggerService;
      maxAttempts?: number;
      tmpDir?: string;
    },
  ) {}

  async deploy(
    request: EntityRequest,
    body: DeployRequest,
  ): Promise<DeployResponse> {
    const entity = await this.deps.access.load(
      request.ref,
      request.credentials,
      platformDeployWritePermission,
    );
    const msaDeploy = this.deps.msaDeploy;
    if (!msaDeploy) {
      throw new NotImplementedError(
        'Deploying a build needs the msa_deploy repository: configure platform.scaffolder.msaDeploy',
      );
    }
    const entityRef = stringifyEntityRef(entity);
    const serviceName = deployServiceName(entity);
    const owner =
      typeof entity.spec?.owner === 'string'
        ? normaliseOwnerRef(entity.spec.owner, entity.metadata.namespace)
        : undefined;
    if (!owner) {
      throw new InputError(
        `${entityRef} has no valid spec.owner, so no msa_deploy entry can be checked against it`,
      );
    }
    const target = buildTarget(entity, this.deps.config);
    if (!target.ok) {
      throw new InputError(target.error.message);
    }
    const { instance, jobFullName } = target.value;
    const build = await this.build(instance, jobFullName, body.build);
    if (build.building || !build.result) {
      throw new ConflictError(
        `build #${body.build} of ${jobFullName} is still running; deploy it once it has succeeded`,
      );
    }
    if (build.result !== 'SUCCESS') {
      throw new ConflictError(
        `build #${body.build} of ${jobFullName} finished ${build.result}; only a build that succeeded (SUCCESS) can be deployed`,
      );
    }
    const dir = await mkdtemp(
      path.join(this.deps.tmpDir ?? os.tmpdir(), 'platform-deploy-'),
    );
    try {
      const result = await deployImageTag({
        target: {
          repoUrl: msaDeploy.repoUrl,
          branch: msaDeploy.branch,
          credentials: this.deps.git,
          author: { name: msaDeploy.authorName, email: msaDeploy.authorEmail },
        },
        request: {
          layout: msaDeploy.layout,
          serviceName,
          tag: String(body.build),
          owner,
          entityRef,
        },
        dir: path.join(dir, 'msa_deploy'),
        dryRun: body.dryRun,
        maxAttempts: this.deps.maxAttempts,
        message: `Deploy build #${body.build} of ${serviceName}\n\nimage tag ${
          body.build
        } (${jobFullName}) for ${entityRef}, requested by ${who(
          request.credentials,
        )} through Backstage.`,
      }).catch(error => {
        // git's message is already free of credentials; the remote URL may name internal hosts, so it is logged.
        this.deps.logger.warn(
          `Platform deploy of ${entityRef} build #${body.build} failed: ${error}`,
        );
        throw new BadGatewayError(
          `msa_deploy could not be updated (${
            /failed after \d+ attempt/.test(String(error))
              ? 'other commits kept landing first'
              : 'git failed'
          }); nothing was deployed, try again`,
        );
      });
      if (!result.ok) {
        throw new REFUSAL_ERRORS[result.reason](result.message);
      }
      const web = msaDeploy.repoUrl.replace(/\.git$/, '');
      return {
        dryRun: body.dryRun === true,
        build: body.build,
        jobFullName,
        path: result.path,
        previousTag: result.previousTag,
        tag: result.tag,
        diff: result.diff,
        attempts: result.attempts,
        ...(result.commitSha
          ? {
              commitSha: result.commitSha,
              commitUrl: `${web}/commit/${result.commitSha}`,
            }
          : { commitUrl: web }),
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async build(
    instance: string,
    jobFullName: string,
    number: number,
  ): Promise<JenkinsBuild> {
    const client = this.deps.jenkins.get(instance)!;
    try {
      return await client.getBuild(jobFullName, number);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      if (error.kind === 'not-found') {
        throw new NotFoundError(
          `Jenkins has no build #${number} of ${jobFullName}`,
        );
      }
      if (error.kind === 'timeout' || error.kind === 'unreachable') {
        throw new ServiceUnavailableError(
          `${error.message}; the build could not be checked, nothing was deployed`,
        );
      }
      throw new BadGatewayError(
        `${error.message}; the build could not be checked, nothing was deployed`,
      );
    }
  }
}
