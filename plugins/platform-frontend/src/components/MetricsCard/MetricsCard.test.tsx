import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import * as f from '../../__testUtils__/fixtures';
import { mockPlatformApi, renderCard } from '../../__testUtils__/renderCard';
import { MetricsCard } from './MetricsCard';

describe('MetricsCard', () => {
  it('draws rate, error ratio and p95 with deploy markers', async () => {
    const api = mockPlatformApi({
      getMetrics: jest.fn(async () =>
        f.ok({ ...f.metrics, warnings: ['deploy markers unavailable'] }),
      ),
    });
    renderCard(<MetricsCard />, { api });
    const rate = await screen.findByRole('img', {
      name: 'Request rate: latest 3/s',
    });
    expect(
      screen.getByRole('img', { name: 'Error ratio: latest 10%' }),
    ).toBeInTheDocument();
    // p95 has no points: said in words, not drawn.
    expect(screen.getByText('No data in this range.')).toBeInTheDocument();
    // The null point splits the rate line into two segments.
    const ratePath = rate.querySelector('path')!.getAttribute('d')!;
    expect(ratePath.match(/M/g)).toHaveLength(2);
    expect(screen.getAllByTestId('deploy-marker')).toHaveLength(2);
    expect(
      within(screen.getAllByTestId('deploy-marker')[0]).getByText(
        /Deployed msa-nginx @ bbbbbbb/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /explore/i })).toHaveAttribute(
      'href',
      'https://grafana.example/explore?x',
    );
    expect(screen.getByTestId('platform-warnings')).toHaveTextContent(
      'deploy markers unavailable',
    );
    expect(api.getMetrics).toHaveBeenCalledWith(expect.anything(), {
      start: 'now-1h',
      stepSeconds: 30,
    });
  });

  it('labels the live deploy with its build, reachable by name', async () => {
    const api = mockPlatformApi({
      getMetrics: jest.fn(async () =>
        f.ok({
          ...f.metrics,
          deployMarkers: [
            {
              ...f.metrics.deployMarkers[0],
              images: ['harbor.example/msa/msa-nginx:41'],
            },
          ],
        }),
      ),
    });
    renderCard(<MetricsCard />, { api });
    const markers = await screen.findAllByRole('button', {
      name: 'Deployed build #41 of msa-nginx @ bbbbbbb (2026-01-01T11:30:00Z)',
    });
    // One per chart that has points (rate and error ratio).
    expect(markers).toHaveLength(2);
    expect(screen.getByTestId('deploy-legend')).toHaveTextContent(
      'hover or focus a line for its revision and build',
    );
  });

  it('reloads for a new range with a matching step', async () => {
    const api = mockPlatformApi({
      getMetrics: jest.fn(async () => f.ok(f.metrics)),
    });
    renderCard(<MetricsCard />, { api });
    await screen.findByRole('img', { name: /request rate/i });
    fireEvent.mouseDown(screen.getByRole('button', { name: /last hour/i }));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Last 24 hours' }),
    );
    await waitFor(() =>
      expect(api.getMetrics).toHaveBeenLastCalledWith(expect.anything(), {
        start: 'now-24h',
        stepSeconds: 720,
      }),
    );
  });
});
