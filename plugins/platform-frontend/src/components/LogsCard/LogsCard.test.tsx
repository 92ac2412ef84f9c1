import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LogTailOptions } from '../../api';
import { tabTo } from '../../__testUtils__/keyboard';
import * as f from '../../__testUtils__/fixtures';
import { mockPlatformApi, renderCard } from '../../__testUtils__/renderCard';
import { LogsCard } from './LogsCard';

const search = () => screen.getByTestId('location-search').textContent;

describe('LogsCard', () => {
  it('shows lines with level colours and an Explore link', async () => {
    const api = mockPlatformApi({ getLogs: jest.fn(async () => f.ok(f.logs)) });
    renderCard(<LogsCard />, { api });
    const rows = await screen.findAllByTestId('log-row');
    expect(rows.map(r => r.dataset.level)).toEqual(['error', 'warn', 'info']);
    expect(screen.getByRole('link', { name: /explore/i })).toHaveAttribute(
      'href',
      'https://grafana.example/explore?logs',
    );
    expect(api.getLogs).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'msa-nginx' },
      {
        start: 'now-1h',
        end: undefined,
        direction: 'backward',
        limit: 1000,
        level: undefined,
        text: undefined,
        traceId: undefined,
      },
    );
  });

  it('labels an Elasticsearch answer\'s link "Open in Kibana" and shows its partial-result warnings', async () => {
    const api = mockPlatformApi({
      getLogs: jest.fn(async () =>
        f.ok({
          ...f.logs,
          exploreUrl: 'https://kibana.example/app/discover#/',
          exploreKind: 'kibana' as const,
          warnings: ['Elasticsearch answered with partial results'],
        }),
      ),
    });
    renderCard(<LogsCard />, { api });
    await screen.findAllByTestId('log-row');
    expect(
      screen.getByRole('link', { name: /open in kibana/i }),
    ).toHaveAttribute('href', 'https://kibana.example/app/discover#/');
    expect(screen.queryByRole('link', { name: /^explore/i })).toBeNull();
    expect(screen.getByTestId('platform-warnings')).toHaveTextContent(
      'Elasticsearch answered with partial results',
    );
  });

  it('filters by level (error brings fatal) and by text', async () => {
    const api = mockPlatformApi({ getLogs: jest.fn(async () => f.ok(f.logs)) });
    renderCard(<LogsCard />, { api });
    await screen.findAllByTestId('log-row');
    fireEvent.click(screen.getByRole('button', { name: 'error' }));
    await waitFor(() =>
      expect(api.getLogs).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ level: ['error', 'fatal'] }),
      ),
    );
    expect(screen.getByRole('button', { name: 'error' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    fireEvent.change(screen.getByLabelText('Search'), {
      target: { value: ' timeout ' },
    });
    await waitFor(() =>
      expect(api.getLogs).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ text: 'timeout' }),
      ),
    );
  });

  it('is worked from the keyboard: Tab reaches the level filters, the search box and the live tail', async () => {
    const user = userEvent.setup();
    let tail: LogTailOptions | undefined;
    const api = mockPlatformApi({
      getLogs: jest.fn(async () => f.ok(f.logs)),
      tailLogs: jest.fn(async (_ref, _query, options) => {
        tail = options;
      }),
    });
    renderCard(<LogsCard />, { api });
    await screen.findAllByTestId('log-row');
    const error = screen.getByRole('button', { name: 'error' });
    await tabTo(user, error, 3);
    await user.keyboard('{Enter}');
    expect(error).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() =>
      expect(api.getLogs).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ level: ['error', 'fatal'] }),
      ),
    );
    await tabTo(user, screen.getByRole('searchbox', { name: 'Search' }), 4);
    await user.keyboard('timeout');
    await waitFor(() =>
      expect(api.getLogs).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ text: 'timeout' }),
      ),
    );
    const live = screen.getByRole('checkbox', { name: 'Live' });
    await tabTo(user, live, 2);
    await user.keyboard(' ');
    expect(live).toBeChecked();
    await waitFor(() => expect(tail).toBeDefined());
  });

  it('opens the trace of a line through ?traceId=', async () => {
    const api = mockPlatformApi({ getLogs: jest.fn(async () => f.ok(f.logs)) });
    renderCard(<LogsCard />, { api, search: '?tab=x' });
    fireEvent.click(
      await screen.findByRole('button', { name: `Open trace ${f.TRACE_ID}` }),
    );
    await waitFor(() => expect(search()).toBe(`?tab=x&traceId=${f.TRACE_ID}`));
  });

  it('is filtered by a deep-linked trace around its time, and can drop that filter', async () => {
    const api = mockPlatformApi({ getLogs: jest.fn(async () => f.ok(f.logs)) });
    renderCard(<LogsCard />, {
      api,
      search: `?logsTraceId=${f.TRACE_ID}&logsStart=2026-01-01T11:54:00.000Z&logsEnd=2026-01-01T12:04:00.000Z`,
    });
    await screen.findAllByTestId('log-row');
    expect(api.getLogs).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        traceId: f.TRACE_ID,
        start: '2026-01-01T11:54:00.000Z',
        end: '2026-01-01T12:04:00.000Z',
      }),
    );
    expect(
      screen.getByRole('button', { name: /around the trace/i }),
    ).toBeInTheDocument();
    const chip = screen.getByTestId('logs-trace-filter');
    fireEvent.click(chip.querySelector('svg')!);
    await waitFor(() => expect(search()).toBe(''));
    await waitFor(() =>
      expect(api.getLogs).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ traceId: undefined, start: 'now-1h' }),
      ),
    );
  });

  it('live tail prepends new lines and stops when switched off', async () => {
    let tail: LogTailOptions | undefined;
    const api = mockPlatformApi({
      getLogs: jest.fn(async () => f.ok(f.logs)),
      tailLogs: jest.fn(async (_ref, _query, options) => {
        tail = options;
      }),
    });
    renderCard(<LogsCard />, { api });
    await screen.findAllByTestId('log-row');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Live' }));
    await waitFor(() => expect(tail).toBeDefined());
    const fresh: LogLine[] = [
      f.logLine(10, { line: 'tailed one' }),
      f.logLine(11, { line: 'tailed two', level: 'error' }),
    ];
    act(() => tail!.onLines(fresh));
    const rows = await screen.findAllByTestId('log-row');
    expect(rows[0]).toHaveTextContent('tailed two');
    expect(rows[1]).toHaveTextContent('tailed one');
    expect(rows).toHaveLength(5);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Live' }));
    expect(tail!.signal.aborted).toBe(true);
  });

  it('says when the live tail fails, keeping the lines', async () => {
    const api = mockPlatformApi({
      getLogs: jest.fn(async () => f.ok(f.logs)),
      tailLogs: jest.fn(async (_ref, _query, options) =>
        options.onError?.(new Error('stream closed')),
      ),
    });
    renderCard(<LogsCard />, { api });
    await screen.findAllByTestId('log-row');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Live' }));
    expect(
      await screen.findByText('Live tail stopped: stream closed'),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('log-row')).toHaveLength(3);
  });

  it('says when the server cut the result', async () => {
    const api = mockPlatformApi({
      getLogs: jest.fn(async () =>
        f.ok({ ...f.logs, truncated: true, limit: 3 }),
      ),
    });
    renderCard(<LogsCard />, { api });
    const notice = await screen.findByText(/showing the newest 3 lines/i);
    // A notice, not an error: cards with an error state show role="alert".
    expect(notice.closest('[role]')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
