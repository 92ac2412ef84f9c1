import { screen, within } from '@testing-library/react';
import * as f from '../../__testUtils__/fixtures';
import { mockPlatformApi, renderCard } from '../../__testUtils__/renderCard';
import { AlertsCard } from './AlertsCard';

describe('AlertsCard', () => {
  it('lists firing, pending and silenced alerts with severity, summary, runbook and Alertmanager links', async () => {
    const api = mockPlatformApi({
      getAlerts: jest.fn(async () =>
        f.ok({ ...f.alerts, warnings: ['Prometheus rules unavailable'] }),
      ),
    });
    renderCard(<AlertsCard />, { api });
    const rows = await screen.findAllByTestId('platform-alert');
    expect(rows.map(r => within(r).getAllByText(/./)[0].textContent)).toEqual([
      'HighErrorRate',
      'PodRestarting',
      'SlowRequests',
    ]);
    const firing = rows[0];
    expect(within(firing).getByText('critical')).toHaveAttribute(
      'data-tone',
      'error',
    );
    expect(within(firing).getByText('firing')).toBeInTheDocument();
    expect(
      within(firing).getByText('More than 5% of requests fail'),
    ).toBeInTheDocument();
    expect(within(firing).getByText(/^since /)).toBeInTheDocument();
    expect(
      within(firing).getByRole('link', { name: 'Runbook' }),
    ).toHaveAttribute('href', 'https://runbooks.example/high-error-rate');
    expect(
      within(firing).getByRole('link', { name: 'Open in Alertmanager' }),
    ).toHaveAttribute('href', 'https://am.example/#/alerts?fingerprint=f1');
    expect(within(rows[2]).getByText('silenced')).toHaveAttribute(
      'data-tone',
      'neutral',
    );
    expect(
      screen.getByRole('link', { name: /^alertmanager/i }),
    ).toHaveAttribute('href', 'https://am.example/');
    const rules = screen.getByRole('list', { name: 'Alert rules' });
    expect(within(rules).getAllByRole('listitem')).toHaveLength(
      f.alerts.rules.length,
    );
    expect(rules).toHaveTextContent(f.alerts.rules[0].name);
    expect(screen.getByTestId('platform-warnings')).toHaveTextContent(
      'Prometheus rules unavailable',
    );
  });

  it('says how many rules watch the service when nothing fires, and links to Alertmanager filtered', async () => {
    const alertmanagerUrl =
      'https://am.example/#/alerts?filter=%7Bnamespace%3D%22msa%22%7D';
    const api = mockPlatformApi({
      getAlerts: jest.fn(async () =>
        f.ok({ alerts: [], rules: f.alerts.rules, alertmanagerUrl }),
      ),
    });
    renderCard(<AlertsCard />, { api });
    expect(await screen.findByTestId('platform-no-alerts')).toHaveTextContent(
      `No alerts firing (${f.alerts.rules.length} rule`,
    );
    expect(
      screen.getByRole('link', { name: /^alertmanager/i }),
    ).toHaveAttribute('href', alertmanagerUrl);
  });

  it('tells "no rules" apart from "nothing firing"', async () => {
    const api = mockPlatformApi({
      getAlerts: jest.fn(async () => f.ok({ alerts: [], rules: [] })),
    });
    renderCard(<AlertsCard />, { api });
    expect(
      await screen.findByText('No alerts and no alert rules'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('platform-no-alerts')).not.toBeInTheDocument();
  });
});
