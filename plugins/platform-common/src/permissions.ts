import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read any observability data of an entity. Resource-scoped so a policy can decide per entity;
 * the entity itself must also be readable through the catalog.
 *
 * @public
 */
export const platformEntityReadPermission = createPermission({
  name: 'platform.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Trigger an Argo CD sync of an entity's application.
 *
 * @public
 */
export const platformArgocdSyncPermission = createPermission({
  name: 'platform.argocd.sync',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Create or change a service's resources (repository, msa_deploy entry, Jenkins job, namespace, Secret,
 * Argo CD Application, catalog entity) on behalf of an owner group the user is not a member of; the resource is
 * that owner group. Members of the owner never need it; a policy grants it e.g. to platform admins.
 *
 * @public
 */
export const platformServiceWritePermission = createPermission({
  name: 'platform.service.write',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Deploy a build of an entity (roll back or forward): a commit to msa_deploy setting the service's image tag.
 * The example policy grants it to the entity's owners.
 *
 * @public
 */
export const platformDeployWritePermission = createPermission({
  name: 'platform.deploy.write',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Every permission of the platform plugin, for registration at start-up.
 *
 * @public
 */
export const platformPermissions = [
  platformEntityReadPermission,
  platformArgocdSyncPermission,
  platformServiceWritePermission,
  platformDeployWritePermission,
];
