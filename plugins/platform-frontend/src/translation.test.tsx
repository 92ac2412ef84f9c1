import {
  createFrontendModule,
  createTranslationMessages,
} from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { platformApiRef } from './api';
import { BuildsCard } from './components/BuildsCard';
import { LogViewer } from './components/LogsCard/LogViewer';
import { MarkerLegend } from './components/MetricsCard/LineChart';
import { TraceDetailView } from './components/TracesCard/TraceDetailView';
import { platformTranslationRef } from './index';
import * as f from './__testUtils__/fixtures';
import { mockPlatformApi } from './__testUtils__/renderCard';

describe('platformTranslationRef', () => {
  it('lets an app override the plugin strings; the rest stay English and backend data stays as sent', async () => {
    const strings = createFrontendModule({
      pluginId: 'app',
      extensions: [
        TranslationBlueprint.make({
          name: 'platform-test',
          params: {
            resource: createTranslationMessages({
              ref: platformTranslationRef,
              messages: {
                'buildsCard.title': 'Jenkins-Läufe',
                'buildsCard.columns.result': 'Ergebnis',
                'freshness.updated': 'Stand: vor {{age}}',
              },
            }),
          },
        }),
      ],
    });
    renderInTestApp(
      <EntityProvider entity={f.entity}>
        <BuildsCard />
      </EntityProvider>,
      {
        features: [strings],
        apis: [
          [
            platformApiRef,
            mockPlatformApi({ getBuilds: jest.fn(async () => f.ok(f.builds)) }),
          ],
        ],
      },
    );
    const card = await screen.findByRole(
      'region',
      { name: 'Jenkins-Läufe' },
      { timeout: 10_000 },
    );
    await within(card).findAllByTestId('platform-build', undefined, {
      timeout: 10_000,
    });
    expect(
      within(card).getByRole('columnheader', { name: 'Ergebnis' }),
    ).toBeInTheDocument();
    expect(
      within(card).getByRole('columnheader', { name: 'Duration' }),
    ).toBeInTheDocument();
    expect(within(card).getByTestId('updated-ago').textContent).toMatch(
      /^Stand: vor \d+ (s|min|h)$/,
    );
    // The result itself is Jenkins' word, not a string of the plugin.
    expect(within(card).getAllByText('SUCCESS').length).toBeGreaterThan(0);
  }, 30_000);

  it('translates the log rows and detail, the trace view and the chart legend', async () => {
    const strings = createFrontendModule({
      pluginId: 'app',
      extensions: [
        TranslationBlueprint.make({
          name: 'platform-test-views',
          params: {
            resource: createTranslationMessages({
              ref: platformTranslationRef,
              messages: {
                'logsCard.lines': 'Logzeilen',
                'logsCard.openTrace': 'Trace {{id}} öffnen',
                'tracesCard.allTraces': 'Alle Traces',
                'tracesCard.logsForTrace': 'Logs zu diesem Trace',
                'tracesCard.errors_one': '{{count}} Fehler',
                'tracesCard.waterfall': 'Span-Wasserfall',
                'metricsCard.deployLegend': 'Deployment (Argo CD)',
              },
            }),
          },
        }),
      ],
    });
    renderInTestApp(
      <>
        <LogViewer lines={[f.logLine(1, { traceId: f.TRACE_ID })]} />
        <TraceDetailView
          trace={f.trace}
          onBack={() => {}}
          onShowLogs={() => {}}
        />
        <MarkerLegend />
      </>,
      { features: [strings] },
    );
    expect(
      await screen.findByRole(
        'list',
        { name: 'Logzeilen' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: `Trace ${f.TRACE_ID} öffnen` }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Alle Traces' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Logs zu diesem Trace' }),
    ).toBeInTheDocument();
    expect(screen.getByText('1 Fehler')).toBeInTheDocument();
    expect(
      screen.getByRole('grid', { name: 'Span-Wasserfall' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('deploy-legend')).toHaveTextContent(
      'Deployment (Argo CD)',
    );
    // Strings not overridden stay English.
    expect(screen.getByRole('list', { name: 'Services' })).toBeInTheDocument();
  }, 30_000);
});
