import { getRoles } from '@testing-library/dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import * as f from '../../__testUtils__/fixtures';
import { mockPlatformApi, renderCard } from '../../__testUtils__/renderCard';
import { DefaultHealthContent } from './DefaultHealthContent';

/** Every element a keyboard reaches: links, form controls, and anything with a tab stop. */
function focusables(): HTMLElement[] {
  return Array.from(
    document.body.querySelectorAll<HTMLElement>(
      'a[href], button, input, select, textarea, [tabindex]',
    ),
  ).filter(
    el =>
      el.getAttribute('tabindex') !== '-1' &&
      !(el as HTMLButtonElement).disabled,
  );
}

/** Focusable elements with no accessible role and name, described for the failure message. */
function unnamed(): string[] {
  const named = new Set(
    Object.keys(getRoles(document.body)).flatMap(role =>
      screen.queryAllByRole(role, { name: /\S/ }),
    ),
  );
  return focusables()
    .filter(el => !named.has(el))
    .map(el => el.outerHTML.slice(0, 160));
}

function fullApi() {
  return mockPlatformApi({
    getHealth: jest.fn(async () => f.health),
    getArgoCd: jest.fn(async () => f.ok(f.argocd)),
    getAlerts: jest.fn(async () => f.ok(f.alerts)),
    getMetrics: jest.fn(async () => f.ok(f.metrics)),
    getLogs: jest.fn(async () => f.ok(f.logs)),
    getTraces: jest.fn(async () => f.ok(f.traces)),
    getTrace: jest.fn(async () => f.ok(f.trace)),
    getBuilds: jest.fn(async () => f.ok(f.builds)),
  });
}

describe('HealthContent', () => {
  it('heads the tab with the verdict and its reasons, linked to their cards', async () => {
    renderCard(<DefaultHealthContent />, { api: fullApi() });
    const verdict = await screen.findByTestId('platform-verdict');
    expect(within(verdict).getAllByText('failing')[0]).toHaveAttribute(
      'data-tone',
      'error',
    );
    const reasons = within(verdict).getByRole('list', { name: 'Reasons' });
    expect(within(reasons).getAllByRole('listitem')).toHaveLength(2);
    expect(
      within(reasons).getByRole('link', { name: 'Argo CD' }),
    ).toHaveAttribute('href', '#platform-source-argocd');
    expect(reasons).toHaveTextContent('msa-nginx is Degraded');
    for (const title of [
      'Argo CD',
      'Alerts',
      'RED metrics',
      'Logs',
      'Traces',
      'Builds',
    ]) {
      expect(screen.getByRole('region', { name: title })).toBeInTheDocument();
    }
    // The whole tab renders in jsdom; on a loaded machine that exceeds Jest's default 5 s.
  }, 20_000);

  it('keeps every other card when one source and the verdict fail', async () => {
    const api = fullApi();
    api.getHealth.mockRejectedValue(new Error('health exploded'));
    api.getAlerts.mockResolvedValue({
      ok: false,
      error: {
        kind: 'unreachable',
        message: 'Alertmanager refused the connection',
      },
    });
    renderCard(<DefaultHealthContent />, { api });
    const alerts = await screen.findByRole('region', { name: 'Alerts' });
    expect(await within(alerts).findByRole('alert')).toHaveTextContent(
      'Alertmanager refused the connection',
    );
    expect(await screen.findByText('health exploded')).toBeInTheDocument();
    expect(
      await screen.findByTestId('argocd-app-msa-nginx'),
    ).toBeInTheDocument();
    expect(await screen.findAllByTestId('platform-build')).toHaveLength(2);
  }, 20_000);

  it('gives every interactive element an accessible name', async () => {
    renderCard(<DefaultHealthContent />, { api: fullApi() });
    await screen.findAllByTestId('platform-build');
    await screen.findByRole('img', { name: /request rate/i });
    await screen.findByTestId('trace-row');
    await screen.findByTestId('argocd-app-msa-nginx');
    expect(focusables().length).toBeGreaterThan(20);
    expect(unnamed()).toEqual([]);

    // The trace view and the filtered logs' controls too.
    fireEvent.click(
      await screen.findByRole('button', { name: `Open trace ${f.TRACE_ID}` }),
    );
    await screen.findByTestId('trace-detail');
    fireEvent.click(
      screen.getByRole('button', { name: /logs for this trace/i }),
    );
    await screen.findByTestId('logs-trace-filter');
    expect(unnamed()).toEqual([]);
    // Walking the roles of the whole tab twice is slow in jsdom: 27 s alone on this machine with seven cards and
    // the Builds card's deploy buttons, over 30 s beside another jest run.
  }, 60_000);

  it('cross-links: a log line opens its trace, the trace filters the logs', async () => {
    const api = fullApi();
    renderCard(<DefaultHealthContent />, { api });
    fireEvent.click(
      await screen.findByRole('button', { name: `Open trace ${f.TRACE_ID}` }),
    );
    expect(await screen.findByTestId('trace-detail')).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: /logs for this trace/i }),
    );
    await waitFor(() =>
      expect(api.getLogs).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({
          traceId: f.TRACE_ID,
          start: '2026-01-01T11:54:00.000Z',
        }),
      ),
    );
    expect(screen.getByTestId('logs-trace-filter')).toBeInTheDocument();
  }, 20_000);
});
