import {
  ApiBlueprint,
  coreExtensionData,
  createExtensionInput,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import ViewListIcon from '@material-ui/icons/ViewList';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { PlatformClient, platformApiRef } from './api';
import { platformFilter } from './filters';
import { PlatformSourceCardBlueprint } from './blueprints/PlatformSourceCardBlueprint';
import { builtinSourceCard } from './components/HealthContent/builtinSourceCards';
import { fleetPageRouteRef } from './routes';

/** The {@link PlatformClient} as the app's `platformApiRef`. */
export const platformApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: platformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformClient({ discoveryApi, fetchApi }),
    }),
});

/** Argo CD card on the entity overview, for entities with an Argo CD annotation. */
export const argoCdEntityCard = EntityCardBlueprint.make({
  name: 'argocd',
  params: {
    filter: platformFilter('argocd'),
    loader: () => import('./components/ArgoCdCard').then(m => <m.ArgoCdCard />),
  },
});

/** Alerts card on the entity overview. */
export const alertsEntityCard = EntityCardBlueprint.make({
  name: 'alerts',
  params: {
    filter: platformFilter('alerts'),
    loader: () => import('./components/AlertsCard').then(m => <m.AlertsCard />),
  },
});

/** Builds card on the entity overview. */
export const buildsEntityCard = EntityCardBlueprint.make({
  name: 'builds',
  params: {
    filter: platformFilter('builds'),
    loader: () => import('./components/BuildsCard').then(m => <m.BuildsCard />),
  },
});

// The wide cards below are on the Health tab anyway; an app opts into them on the overview in config.

/** RED metrics card on the entity overview (disabled by default: it is on the Health tab). */
export const metricsEntityCard = EntityCardBlueprint.make({
  name: 'metrics',
  disabled: true,
  params: {
    type: 'content',
    filter: platformFilter('metrics'),
    loader: () =>
      import('./components/MetricsCard').then(m => <m.MetricsCard />),
  },
});

/** Logs card on the entity overview (disabled by default: it is on the Health tab). */
export const logsEntityCard = EntityCardBlueprint.make({
  name: 'logs',
  disabled: true,
  params: {
    type: 'content',
    filter: platformFilter('logs'),
    loader: () => import('./components/LogsCard').then(m => <m.LogsCard />),
  },
});

/** Traces card on the entity overview (disabled by default: it is on the Health tab). */
export const tracesEntityCard = EntityCardBlueprint.make({
  name: 'traces',
  disabled: true,
  params: {
    type: 'content',
    filter: platformFilter('traces'),
    loader: () => import('./components/TracesCard').then(m => <m.TracesCard />),
  },
});

/**
 * The entity "Health" tab: the verdict and its reasons, then every attached `platform-source-card` in the
 * app's extension order.
 */
export const healthEntityContent = EntityContentBlueprint.makeWithOverrides({
  name: 'health',
  inputs: {
    cards: createExtensionInput([
      coreExtensionData.reactElement,
      PlatformSourceCardBlueprint.dataRefs.sourceId,
      PlatformSourceCardBlueprint.dataRefs.title,
      PlatformSourceCardBlueprint.dataRefs.layout,
    ]),
  },
  factory(originalFactory, { inputs }) {
    const cards = inputs.cards.map(card => ({
      sourceId: card.get(PlatformSourceCardBlueprint.dataRefs.sourceId),
      title: card.get(PlatformSourceCardBlueprint.dataRefs.title),
      layout: card.get(PlatformSourceCardBlueprint.dataRefs.layout),
      element: card.get(coreExtensionData.reactElement),
    }));
    return originalFactory({
      path: 'health',
      title: 'Health',
      filter: platformFilter('health'),
      loader: () =>
        import('./components/HealthContent').then(m => (
          <m.HealthContent cards={cards} />
        )),
    });
  },
});

// The Health tab's cards, one extension each, in their default order.

/** Argo CD on the Health tab. */
export const argoCdSourceCard = PlatformSourceCardBlueprint.make({
  name: 'argocd',
  params: builtinSourceCard('argocd'),
});

/** Alerts on the Health tab. */
export const alertsSourceCard = PlatformSourceCardBlueprint.make({
  name: 'alerts',
  params: builtinSourceCard('alerts'),
});

/** RED metrics on the Health tab. */
export const metricsSourceCard = PlatformSourceCardBlueprint.make({
  name: 'metrics',
  params: builtinSourceCard('metrics'),
});

/** Logs on the Health tab. */
export const logsSourceCard = PlatformSourceCardBlueprint.make({
  name: 'logs',
  params: builtinSourceCard('logs'),
});

/** Traces on the Health tab. */
export const tracesSourceCard = PlatformSourceCardBlueprint.make({
  name: 'traces',
  params: builtinSourceCard('traces'),
});

/** Jenkins builds on the Health tab. */
export const buildsSourceCard = PlatformSourceCardBlueprint.make({
  name: 'builds',
  params: builtinSourceCard('builds'),
});

/** Callers and callees of the component on the Health tab. */
export const serviceGraphSourceCard = PlatformSourceCardBlueprint.make({
  name: 'service-graph',
  params: builtinSourceCard('service-graph'),
});

/** The "Services" tab of a Group, User or System: its components at a glance, failing first, kept live. */
export const fleetEntityContent = EntityContentBlueprint.make({
  name: 'fleet',
  params: {
    path: 'services',
    title: 'Services',
    filter: { kind: { $in: ['group', 'user', 'system'] } },
    loader: () =>
      import('./components/FleetContent').then(m => <m.FleetContent />),
  },
});

/** The "My services" page (nav item too): every component of the signed-in user's groups, kept live. */
export const fleetPage = PageBlueprint.make({
  name: 'fleet',
  params: {
    path: '/platform/fleet',
    title: 'My services',
    icon: <ViewListIcon fontSize="inherit" />,
    routeRef: fleetPageRouteRef,
    loader: () => import('./components/FleetPage').then(m => <m.FleetPage />),
  },
});

/** Home page card "My services" (widget `platform-my-services`): the user's failing and degraded services. */
export const myServicesHomeWidget = HomePageWidgetBlueprint.make({
  name: 'my-services',
  params: {
    name: 'platform-my-services',
    title: 'My services',
    description:
      "How many of your groups' services fail, degrade or are healthy, and which need attention.",
    components: () =>
      import('./components/MyServicesCard').then(m => ({
        Content: m.MyServicesCard,
      })),
  },
});

/** Scaffolder field `ui:field: PlatformServiceName`: says while the user types when a service name is taken. */
export const serviceNameFormField = FormFieldBlueprint.make({
  name: 'service-name',
  params: {
    field: () =>
      import('./scaffolder/serviceNameFormField').then(m => m.serviceNameField),
  },
});

/**
 * The platform frontend plugin for the new frontend system.
 *
 * @public
 */
export const platformPlugin = createFrontendPlugin({
  pluginId: 'platform',
  routes: { fleet: fleetPageRouteRef },
  info: { packageJson: () => import('../package.json') },
  extensions: [
    platformApi,
    argoCdEntityCard,
    alertsEntityCard,
    buildsEntityCard,
    metricsEntityCard,
    logsEntityCard,
    tracesEntityCard,
    healthEntityContent,
    argoCdSourceCard,
    alertsSourceCard,
    metricsSourceCard,
    logsSourceCard,
    tracesSourceCard,
    buildsSourceCard,
    serviceGraphSourceCard,
    fleetEntityContent,
    fleetPage,
    myServicesHomeWidget,
    serviceNameFormField,
  ],
});
