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
});
