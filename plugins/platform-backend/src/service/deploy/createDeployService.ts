import {
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  JenkinsClient,
  PlatformConfig,
  ScaffolderConfig,
} from '@paved-road/backstage-plugin-platform-node';
import { EntityAccess } from '../entityAccess';
import { DeployService } from './DeployService';

/**
 * The deployer: the Jenkins instances of `platform.jenkins` say whether a build succeeded, and msa_deploy is the
 * repository (and git credentials) of `platform.scaffolder`, the one the service template writes.
 */
export function createDeployService(options: {
  config: PlatformConfig;
  scaffolder: ScaffolderConfig;
  catalog: CatalogService;
  permissions: PermissionsService;
  logger: LoggerService;
}): DeployService {
  const { config, scaffolder, logger } = options;
  return new DeployService({
    access: new EntityAccess({
      catalog: options.catalog,
      permissions: options.permissions,
      logger,
      catalogTimeoutMs: config.timeoutMs > 0 ? config.timeoutMs : undefined,
    }),
    config,
    msaDeploy: scaffolder.msaDeploy,
    git: scaffolder.git,
    jenkins: new Map(
      (config.jenkins?.instances ?? []).map(instance => [
        instance.name,
        new JenkinsClient(instance),
      ]),
    ),
    logger,
  });
}
