import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import * as f from '../../__testUtils__/fixtures';
import { mockPlatformApi, renderCard } from '../../__testUtils__/renderCard';
import { TracesCard } from './TracesCard';

const search = () => screen.getByTestId('location-search').textContent;

/** `count` traces like the fixture's, each with its own id. */
function manyTraces(count: number) {
  return f.ok({
    traces: Array.from({ length: count }, (_, i) => ({
      ...f.traces.traces[0],
      traceId: `${i}`.padStart(32, '0'),
    })),
  });
}

describe('TracesCard', () => {
  it('lists traces with duration and error status, and searches with the filters', async () => {
    const api = mockPlatformApi({
      getTraces: jest.fn(async () => f.ok(f.traces)),
    });
    renderCard(<TracesCard />, { api });
    const row = await screen.findByTestId('trace-row');
    expect(row).toHaveTextContent('msa-nginx: GET /login');
    expect(row).toHaveTextContent('120 ms');
    expect(within(row).getByText('error')).toHaveAttribute(
      'data-tone',
      'error',
    );
    expect(api.getTraces).toHaveBeenCalledWith(expect.anything(), {
      start: 'now-1h',
      minDurationMs: undefined,
      errorsOnly: undefined,
      limit: 20,
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Errors only' }));
    fireEvent.change(screen.getByLabelText('Min duration (ms)'), {
      target: { value: '250' },
    });
    await waitFor(() =>
      expect(api.getTraces).toHaveBeenLastCalledWith(expect.anything(), {
        start: 'now-1h',
        minDurationMs: 250,
        errorsOnly: true,
        limit: 20,
      }),
    );
  });

  it('asks for 20 traces, and 20 more on "Show more" until a page comes back short', async () => {
    const api = mockPlatformApi({
      getTraces: jest.fn(async (_ref, query) =>
        // The backend caps at platform.tempo.maxTraces, here 30.
        manyTraces(Math.min(query!.limit!, 30)),
      ),
    });
    renderCard(<TracesCard />, { api });
    expect(await screen.findAllByTestId('trace-row')).toHaveLength(20);
    fireEvent.click(screen.getByRole('button', { name: 'Show more traces' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('trace-row')).toHaveLength(30),
    );
    expect(api.getTraces).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ limit: 40 }),
    );
    expect(
      screen.queryByRole('button', { name: 'Show more traces' }),
    ).not.toBeInTheDocument();

    // New filters start again from one page.
    fireEvent.click(screen.getByRole('checkbox', { name: 'Errors only' }));
    await waitFor(() =>
      expect(api.getTraces).toHaveBeenLastCalledWith(expect.anything(), {
        start: 'now-1h',
        minDurationMs: undefined,
        errorsOnly: true,
        limit: 20,
      }),
    );
    expect(await screen.findAllByTestId('trace-row')).toHaveLength(20);
  });

  it('offers no "Show more" when the first page is not full', async () => {
    const api = mockPlatformApi({
      getTraces: jest.fn(async () => f.ok(f.traces)),
    });
    renderCard(<TracesCard />, { api });
    expect(await screen.findAllByTestId('trace-row')).toHaveLength(1);
    expect(
      screen.queryByRole('button', { name: /show more/i }),
    ).not.toBeInTheDocument();
  });

  it('opens a trace with Enter on its row, via ?traceId=', async () => {
    const api = mockPlatformApi({
      getTraces: jest.fn(async () => f.ok(f.traces)),
      getTrace: jest.fn(async () => f.ok(f.trace)),
    });
    renderCard(<TracesCard />, { api });
    const row = await screen.findByTestId('trace-row');
    expect(row).toHaveAttribute('tabindex', '0');
    fireEvent.keyDown(row, { key: 'Enter' });
    await waitFor(() => expect(search()).toBe(`?traceId=${f.TRACE_ID}`));
    expect(await screen.findByTestId('trace-detail')).toBeInTheDocument();
    expect(api.getTrace).toHaveBeenCalledWith(expect.anything(), f.TRACE_ID);
  });

  it('deep-links to a waterfall: attributes on click, logs link, back to the list', async () => {
    const api = mockPlatformApi({
      getTraces: jest.fn(async () => f.ok(f.traces)),
      getTrace: jest.fn(async () => f.ok(f.trace)),
    });
    renderCard(<TracesCard />, { api, search: `?traceId=${f.TRACE_ID}` });
    const detail = await screen.findByTestId('trace-detail');
    expect(detail).toHaveTextContent('3 spans');
    expect(detail).toHaveTextContent('1 error');
    expect(within(detail).getByLabelText('Services')).toHaveTextContent(
      'msa-nginxlogin-js',
    );
    expect(api.getTraces).not.toHaveBeenCalled();

    fireEvent.click(screen.getAllByTestId('waterfall-row')[1]);
    const details = screen.getByTestId('span-details');
    expect(details).toHaveTextContent('login-js: POST /auth');
    expect(details).toHaveTextContent('password store unreachable');
    expect(
      within(details).getByRole('table', { name: 'Span attributes' }),
    ).toHaveTextContent('http.status_code500');
    expect(details).toHaveTextContent('exception');

    fireEvent.click(
      screen.getByRole('button', { name: /logs for this trace/i }),
    );
    await waitFor(() =>
      expect(new URLSearchParams(search()!).get('logsTraceId')).toBe(
        f.TRACE_ID,
      ),
    );
    const params = new URLSearchParams(search()!);
    expect(params.get('logsStart')).toBe('2026-01-01T11:54:00.000Z');
    expect(params.get('logsEnd')).toBe('2026-01-01T12:04:00.120Z');
    expect(params.get('traceId')).toBe(f.TRACE_ID);

    fireEvent.click(screen.getByRole('button', { name: /all traces/i }));
    expect(await screen.findByTestId('trace-row')).toBeInTheDocument();
  });

  it('says when a linked trace is gone', async () => {
    const api = mockPlatformApi({
      getTrace: jest.fn(async () => ({
        ok: false as const,
        error: {
          kind: 'not-found' as const,
          status: 404,
          message: 'trace not found',
        },
      })),
    });
    renderCard(<TracesCard />, { api, search: '?traceId=abc' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Not found');
  });
});
