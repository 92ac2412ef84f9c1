import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { prepareSpecializedApp } from '@backstage/frontend-app-api';
import appPlugin from '@backstage/plugin-app';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { screen } from '@testing-library/react';
import { platformApiRef } from './api';
import { serviceNameField } from './scaffolder/serviceNameFormField';
import {
  alertsEntityCard,
  argoCdEntityCard,
  buildsEntityCard,
  healthEntityContent,
  logsEntityCard,
  metricsEntityCard,
  platformApi,
  platformPlugin,
  serviceNameFormField,
  tracesEntityCard,
} from './plugin';
import * as f from './__testUtils__/fixtures';
import { mockPlatformApi } from './__testUtils__/renderCard';
import defaultExport from './index';

const bare = { ...f.entity, metadata: { name: 'bare', annotations: {} } };

describe('platform plugin extensions', () => {
  it('is the default export, with the id platform', () => {
    expect(defaultExport).toBe(platformPlugin);
    expect(platformPlugin.id).toBe('platform');
  });

  it('declares exactly the API, the six overview cards, the Health tab and its seven cards (the service graph too), the Services tab, the My services page and home card, and the scaffolder field', () => {
    // What an app installs from the plugin, read from the app's extension tree.
    const { tree } = prepareSpecializedApp({
      features: [appPlugin, platformPlugin],
    }).getBootstrapApp();
    const installed = [...tree.nodes.values()]
      .filter(node => node.spec.plugin?.pluginId === platformPlugin.pluginId)
      .map(node => node.spec.id);
    expect(installed.sort()).toEqual([
      'api:platform',
      'entity-card:platform/alerts',
      'entity-card:platform/argocd',
      'entity-card:platform/builds',
      'entity-card:platform/logs',
      'entity-card:platform/metrics',
      'entity-card:platform/traces',
      'entity-content:platform/fleet',
      'entity-content:platform/health',
      'home-page-widget:platform/my-services',
      'page:platform/fleet',
      'platform-source-card:platform/alerts',
      'platform-source-card:platform/argocd',
      'platform-source-card:platform/builds',
      'platform-source-card:platform/logs',
      'platform-source-card:platform/metrics',
      'platform-source-card:platform/service-graph',
      'platform-source-card:platform/traces',
      'scaffolder-form-field:platform/service-name',
    ]);
  });

  it('provides the PlatformServiceName scaffolder field', async () => {
    const tester = createExtensionTester(serviceNameFormField);
    const load = tester.get(FormFieldBlueprint.dataRefs.formFieldLoader);
    expect(await load()).toBe(serviceNameField);
  });

  it('provides the platform API factory', () => {
    const tester = createExtensionTester(platformApi);
    expect(tester.get(ApiBlueprint.dataRefs.factory)).toMatchObject({
      api: platformApiRef,
    });
  });

  it.each([
    ['argocd', argoCdEntityCard, { 'argocd/app-selector': 'app=x' }],
    ['alerts', alertsEntityCard, { 'prometheus.io/alert': 'all' }],
    ['builds', buildsEntityCard, { 'jenkins.io/job-full-name': 'a/b' }],
    ['metrics', metricsEntityCard, { 'backstage.io/kubernetes-id': 'x' }],
    [
      'logs',
      logsEntityCard,
      { 'platform.paved-road.dev/loki-labels': 'app=x' },
    ],
    [
      'traces',
      tracesEntityCard,
      { 'platform.paved-road.dev/tempo-service-name': 'x' },
    ],
  ])(
    '%s card only matches entities carrying its annotation',
    (_name, card, annotations) => {
      const tester = createExtensionTester(card as typeof argoCdEntityCard);
      const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
      expect(filter(bare)).toBe(false);
      expect(filter({ ...bare, metadata: { name: 'x', annotations } })).toBe(
        true,
      );
    },
  );

  it('lets an app replace a card filter in config', () => {
    const tester = createExtensionTester(argoCdEntityCard, {
      config: { filter: { kind: 'system' } },
    });
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(f.entity)).toBe(false);
    expect(filter({ ...bare, kind: 'System' })).toBe(true);
  });

  it('keeps the wide cards off the overview unless enabled', () => {
    const disabled = (e: object) => (e as { disabled?: boolean }).disabled;
    expect(
      [metricsEntityCard, logsEntityCard, tracesEntityCard].map(disabled),
    ).toEqual([true, true, true]);
    expect(
      [
        argoCdEntityCard,
        alertsEntityCard,
        buildsEntityCard,
        healthEntityContent,
      ].map(disabled),
    ).toEqual([false, false, false, false]);
  });

  it('mounts the Health tab at /health for components with platform annotations', () => {
    const tester = createExtensionTester(healthEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('health');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Health');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(f.entity)).toBe(true);
    expect(filter(bare)).toBe(false);
    expect(filter({ ...f.entity, kind: 'Group' })).toBe(false);
  });

  it('lazy-loads a card that renders with the entity in context', async () => {
    const api = mockPlatformApi({
      getBuilds: jest.fn(async () => f.ok(f.builds)),
    });
    const tester = createExtensionTester(buildsEntityCard);
    renderInTestApp(
      <EntityProvider entity={f.entity}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[platformApiRef, api]] },
    );
    expect(
      await screen.findByRole('region', { name: 'Builds' }),
    ).toBeInTheDocument();
    expect(await screen.findAllByTestId('platform-build')).toHaveLength(2);
  });
});
