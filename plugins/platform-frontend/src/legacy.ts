/**
 * The platform plugin for apps still on the old frontend system: `createPlugin` with the API factory, and
 * one component extension per card plus the Health content, to place in the app's `EntityPage`.
 *
 * @packageDocumentation
 */

import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { JSX } from 'react';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { PlatformClient, platformApiRef } from './api';
import { ServiceNameField } from './scaffolder/ServiceNameField';
import {
  SERVICE_NAME_FIELD,
  validateServiceName,
} from './scaffolder/serviceNameValidation';
import { isPlatformSourceAvailable } from './filters';

/**
 * The platform plugin for the old frontend system.
 *
 * @public
 */
export const platformPlugin = createPlugin({
  id: 'platform',
  apis: [
    createApiFactory({
      api: platformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/** Argo CD card. @public */
export const EntityPlatformArgoCdCard: () => JSX.Element =
  platformPlugin.provide(
    createComponentExtension({
      name: 'EntityPlatformArgoCdCard',
      component: {
        lazy: () => import('./components/ArgoCdCard').then(m => m.ArgoCdCard),
      },
    }),
  );

/** Alerts card. @public */
export const EntityPlatformAlertsCard: () => JSX.Element =
  platformPlugin.provide(
    createComponentExtension({
      name: 'EntityPlatformAlertsCard',
      component: {
        lazy: () => import('./components/AlertsCard').then(m => m.AlertsCard),
      },
    }),
  );

/** RED metrics card. @public */
export const EntityPlatformMetricsCard: () => JSX.Element =
  platformPlugin.provide(
    createComponentExtension({
      name: 'EntityPlatformMetricsCard',
      component: {
        lazy: () => import('./components/MetricsCard').then(m => m.MetricsCard),
      },
    }),
  );

/** Logs card. @public */
export const EntityPlatformLogsCard: () => JSX.Element = platformPlugin.provide(
  createComponentExtension({
    name: 'EntityPlatformLogsCard',
    component: {
      lazy: () => import('./components/LogsCard').then(m => m.LogsCard),
    },
  }),
);

/** Traces card. @public */
export const EntityPlatformTracesCard: () => JSX.Element =
  platformPlugin.provide(
    createComponentExtension({
      name: 'EntityPlatformTracesCard',
      component: {
        lazy: () => import('./components/TracesCard').then(m => m.TracesCard),
      },
    }),
  );

/** Builds card. @public */
export const EntityPlatformBuildsCard: () => JSX.Element =
  platformPlugin.provide(
    createComponentExtension({
      name: 'EntityPlatformBuildsCard',
      component: {
        lazy: () => import('./components/BuildsCard').then(m => m.BuildsCard),
      },
    }),
  );

/** The Health content (verdict and every card), for an `EntityLayout.Route path="/health"`. @public */
export const EntityPlatformHealthContent: () => JSX.Element =
  platformPlugin.provide(
    createComponentExtension({
      name: 'EntityPlatformHealthContent',
      component: {
        lazy: () =>
          import('./components/HealthContent').then(
            m => m.DefaultHealthContent,
          ),
      },
    }),
  );

/** Whether the entity has what the Argo CD card needs, for `EntitySwitch.Case if=`. @public */
export const isPlatformArgoCdAvailable = (entity: Entity) =>
  isPlatformSourceAvailable('argocd', entity);
/** Whether the entity has what the Alerts card needs. @public */
export const isPlatformAlertsAvailable = (entity: Entity) =>
  isPlatformSourceAvailable('alerts', entity);
/** Whether the entity has what the Builds card needs. @public */
export const isPlatformBuildsAvailable = (entity: Entity) =>
  isPlatformSourceAvailable('builds', entity);
/** Whether the entity has a workload for metrics, logs and traces. @public */
export const isPlatformWorkloadAvailable = (entity: Entity) =>
  isPlatformSourceAvailable('logs', entity);
/** Whether the Health tab has anything to show for the entity. @public */
export const isPlatformHealthAvailable = (entity: Entity) =>
  isPlatformSourceAvailable('health', entity);

export { platformApiRef, PlatformClient } from './api';
export type { PlatformApi, LogTailOptions, LogTailQuery } from './api';

/**
 * `ui:field: PlatformServiceName` for the scaffolder on the old frontend system (the msa-service template uses
 * it): place it inside the app's `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const PlatformServiceNameFieldExtension: () => null =
  platformPlugin.provide(
    createScaffolderFieldExtension({
      name: SERVICE_NAME_FIELD,
      component: ServiceNameField,
      validation: validateServiceName,
    }),
  );
