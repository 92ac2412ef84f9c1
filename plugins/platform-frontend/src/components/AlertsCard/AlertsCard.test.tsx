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
    expect(
      screen.getByText('1 alert rule watch this service,', { exact: false }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('platform-warnings')).toHaveTextContent(
      'Prometheus rules unavailable',
    );
  });

  it('says so when rules exist but nothing fires', async () => {
    const api = mockPlatformApi({
      getAlerts: jest.fn(async () =>
        f.ok({ alerts: [], rules: f.alerts.rules }),
      ),
    });
    renderCard(<AlertsCard />, { api });
    expect(await screen.findByTestId('platform-no-alerts')).toBeInTheDocument();
  });
});
