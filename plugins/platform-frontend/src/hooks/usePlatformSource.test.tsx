import { act, screen } from '@testing-library/react';
import { mockPlatformApi, renderCard } from '../__testUtils__/renderCard';
import * as f from '../__testUtils__/fixtures';
import { usePlatformSource } from './usePlatformSource';

function Probe(props: { refreshMs?: number }) {
  const state = usePlatformSource(async (api, ref) => api.getBuilds(ref), [], {
    refreshMs: props.refreshMs,
  });
  return (
    <output data-testid="probe">
      {state.value ? 'loaded' : 'none'}
      {state.loading ? ' loading' : ''}
    </output>
  );
}

function setVisibility(value: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => value,
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('usePlatformSource', () => {
  afterEach(() => {
    setVisibility('visible');
    jest.useRealTimers();
  });

  it('reloads every refreshMs while the page is visible, not while it is hidden, and catches up on return', async () => {
    jest.useFakeTimers();
    const getBuilds = jest.fn(async () => f.ok(f.builds));
    renderCard(<Probe refreshMs={1000} />, {
      api: mockPlatformApi({ getBuilds }),
    });
    expect(await screen.findByText('loaded')).toBeInTheDocument();
    expect(getBuilds).toHaveBeenCalledTimes(1);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(3100);
    });
    expect(getBuilds).toHaveBeenCalledTimes(4);

    act(() => setVisibility('hidden'));
    await act(async () => {
      await jest.advanceTimersByTimeAsync(10_000);
    });
    expect(getBuilds).toHaveBeenCalledTimes(4);

    act(() => setVisibility('visible'));
    await act(async () => {
      await jest.advanceTimersByTimeAsync(10);
    });
    expect(getBuilds).toHaveBeenCalledTimes(5);
  });

  it('loads once without refreshMs', async () => {
    jest.useFakeTimers();
    const getBuilds = jest.fn(async () => f.ok(f.builds));
    renderCard(<Probe />, { api: mockPlatformApi({ getBuilds }) });
    expect(await screen.findByText('loaded')).toBeInTheDocument();
    await act(async () => {
      await jest.advanceTimersByTimeAsync(60_000);
    });
    expect(getBuilds).toHaveBeenCalledTimes(1);
  });

  it('keeps the value on screen during a background reload (no loading state)', async () => {
    jest.useFakeTimers();
    let resolveSecond: (() => void) | undefined;
    const getBuilds = jest
      .fn()
      .mockImplementationOnce(async () => f.ok(f.builds))
      .mockImplementationOnce(
        () =>
          new Promise(resolve => {
            resolveSecond = () => resolve(f.ok(f.builds));
          }),
      );
    renderCard(<Probe refreshMs={1000} />, {
      api: mockPlatformApi({ getBuilds }),
    });
    expect(await screen.findByText('loaded')).toBeInTheDocument();
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1000);
    });
    expect(getBuilds).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('probe')).toHaveTextContent(/^loaded$/);
    await act(async () => resolveSecond?.());
  });
});
