import { prepareSpecializedApp } from '@backstage/frontend-app-api';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
} from '@backstage/frontend-test-utils';
import appPlugin from '@backstage/plugin-app';
import { HealthReason } from '@paved-road/backstage-plugin-platform-common';
import { screen, within } from '@testing-library/react';
import platformPlugin, { PlatformSourceCardBlueprint } from '../index';
import {
  alertsSourceCard,
  argoCdSourceCard,
  healthEntityContent,
  logsSourceCard,
} from '../plugin';
import * as f from '../__testUtils__/fixtures';
import { mockPlatformApi, renderCard } from '../__testUtils__/renderCard';

// A card for a source the plugin does not know, declared the way another package would: through the
// exported blueprint only.
const serviceGraphCard = PlatformSourceCardBlueprint.make({
  name: 'service-graph',
  params: {
    sourceId: 'service-graph',
    title: 'Service graph',
    layout: 'half',
    loader: async () => (
      <section aria-label="Service graph">payments calls msa-nginx</section>
    ),
  },
});

// `source` is any registered source's id (the backend widens the type to string).
const reason = (source: string, message: string): HealthReason =>
  ({ source, verdict: 'degraded', message } as unknown as HealthReason);

type AppConfig = NonNullable<Parameters<typeof mockApis.config>[0]>['data'];

/** The ids of the extensions attached to the Health tab's `cards` input, enabled ones only, in order. */
function healthCards(config: AppConfig = {}): string[] {
  const { tree } = prepareSpecializedApp({
    features: [
      appPlugin,
      platformPlugin,
      createFrontendModule({
        pluginId: 'platform',
        extensions: [serviceGraphCard],
      }),
    ],
    config: mockApis.config({ data: config }),
  }).getBootstrapApp();
  const health = tree.nodes.get('entity-content:platform/health')!;
  return (health.edges.attachments.get('cards') ?? [])
    .filter(node => !node.spec.disabled)
    .map(node => node.spec.id);
}

describe('PlatformSourceCardBlueprint', () => {
  it("attaches the six built-in cards to the Health tab in their order, and another module's card after them", () => {
    expect(healthCards()).toEqual([
      'platform-source-card:platform/argocd',
      'platform-source-card:platform/alerts',
      'platform-source-card:platform/metrics',
      'platform-source-card:platform/logs',
      'platform-source-card:platform/traces',
      'platform-source-card:platform/builds',
      'platform-source-card:platform/service-graph',
    ]);
  });

  it('lets the app disable a built-in card and reorder the cards in app.extensions', () => {
    expect(
      healthCards({
        app: {
          extensions: [
            'platform-source-card:platform/service-graph',
            { 'platform-source-card:platform/logs': false },
          ],
        },
      }),
    ).toEqual([
      'platform-source-card:platform/service-graph',
      'platform-source-card:platform/argocd',
      'platform-source-card:platform/alerts',
      'platform-source-card:platform/metrics',
      'platform-source-card:platform/traces',
      'platform-source-card:platform/builds',
    ]);
  });

  it('outputs the source id, title and layout it was given', () => {
    const tester = createExtensionTester(serviceGraphCard);
    expect(tester.get(PlatformSourceCardBlueprint.dataRefs.sourceId)).toBe(
      'service-graph',
    );
    expect(tester.get(PlatformSourceCardBlueprint.dataRefs.title)).toBe(
      'Service graph',
    );
    expect(tester.get(PlatformSourceCardBlueprint.dataRefs.layout)).toBe(
      'half',
    );
    const full = createExtensionTester(logsSourceCard);
    expect(full.get(PlatformSourceCardBlueprint.dataRefs.layout)).toBe('full');
  });

  it('refuses a hostile source id, naming the extension', () => {
    const bad = PlatformSourceCardBlueprint.make({
      name: 'bad',
      params: {
        sourceId: 'logs"><script>',
        title: 'Bad',
        loader: async () => <div />,
      },
    });
    expect(() =>
      createExtensionTester(bad).get(
        PlatformSourceCardBlueprint.dataRefs.sourceId,
      ),
    ).toThrow(
      /Extension 'platform-source-card:bad'.*params\.sourceId "logs\\"><script>" is not allowed/,
    );
  });

  it("renders the verdict, then the attached cards in order; a reason of another module's source links to its card, an unknown one shows its id", async () => {
    const api = mockPlatformApi({
      getHealth: jest.fn(async () => ({
        ...f.health,
        reasons: [
          ...f.health.reasons,
          reason('service-graph', 'payments answers 5xx'),
          reason('elasticsearch-logs', 'error rate 12%'),
          reason('metrics', 'p95 above 2 s'),
        ],
      })),
    });
    // Outside a plugin the tester names the tab `entity-content:health`; the attachments above are the app's.
    const onTester = {
      attachTo: { id: 'entity-content:health', input: 'cards' },
    };
    const tester = createExtensionTester(healthEntityContent)
      .add(argoCdSourceCard.override(onTester))
      .add(alertsSourceCard.override(onTester))
      .add(serviceGraphCard.override(onTester));
    renderCard(tester.reactElement(), { api });

    expect(
      await screen.findByRole(
        'region',
        { name: 'Service graph' },
        { timeout: 10_000 },
      ),
    ).toHaveTextContent('payments calls msa-nginx');
    const order = Array.from(
      document.querySelectorAll('[data-platform-source]'),
    ).map(el => el.getAttribute('data-platform-source'));
    expect(order).toEqual(['argocd', 'alerts', 'service-graph']);

    const reasons = within(
      await screen.findByTestId('platform-verdict'),
    ).getByRole('list', { name: 'Reasons' });
    expect(
      within(reasons).getByRole('link', { name: 'Service graph' }),
    ).toHaveAttribute('href', '#platform-source-service-graph');
    expect(
      document.getElementById('platform-source-service-graph'),
    ).toContainElement(screen.getByRole('region', { name: 'Service graph' }));
    // No card for it: its id, not a link to nowhere.
    expect(reasons).toHaveTextContent('elasticsearch-logs');
    expect(reasons).toHaveTextContent('error rate 12%');
    expect(
      within(reasons).queryByRole('link', { name: 'elasticsearch-logs' }),
    ).toBeNull();
    // A built-in without a card on this tab: its title, unlinked.
    expect(within(reasons).getByText('Metrics').tagName).toBe('STRONG');
    expect(within(reasons).queryByRole('link', { name: 'Metrics' })).toBeNull();
    expect(
      within(reasons).getByRole('link', { name: 'Argo CD' }),
    ).toHaveAttribute('href', '#platform-source-argocd');
  }, 30_000);
});
