/**
 * The platform module for `@backstage/plugin-scaffolder-backend`: `platform:*` actions that publish a service
 * repository, create its Jenkins pipeline, add it to msa_deploy, prepare its namespace and create its
 * Argo CD Application.
 *
 * @packageDocumentation
 */

export { scaffolderModulePlatform as default } from './module';
export * from './actions';
