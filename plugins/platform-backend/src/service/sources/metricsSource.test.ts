import { CacheService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  PlatformConfig,
  PrometheusClient,
} from '@paved-road/backstage-plugin-platform-node';
import { UpstreamCache } from '../UpstreamCache';
import {
  END_ALIGN_MS,
  MetricsSource,
  anchorRangeAtEnd,
  chooseStepSeconds,
} from './metricsSource';

describe('anchorRangeAtEnd', () => {
  const now = Date.parse('2026-01-01T12:34:56.789Z');

  it.each([900, 3600, 21600, 86400, 604800])(
    'puts the last point of a %i s range at most END_ALIGN_MS before now',
    span => {
      const requested = { startMs: now - span * 1000, endMs: now };
      const step = chooseStepSeconds(requested) * 1000;
      const range = anchorRangeAtEnd(requested, step);
      expect(now - range.endMs).toBeGreaterThanOrEqual(0);
      expect(now - range.endMs).toBeLessThan(END_ALIGN_MS);
      // A whole number of steps, covering at least what was asked.
      expect((range.endMs - range.startMs) % step).toBe(0);
      expect(range.startMs).toBeLessThanOrEqual(requested.startMs);
      expect(range.startMs).toBeGreaterThan(requested.startMs - step);
    },
  );

  it('gives the same range to requests within one alignment window (one cache entry)', () => {
    const a = anchorRangeAtEnd(
      { startMs: now - 3_600_000, endMs: now },
      30_000,
    );
    const b = anchorRangeAtEnd(
      { startMs: now - 3_600_000 + 1000, endMs: now + 1000 },
      30_000,
    );
    expect(b).toEqual(a);
  });

  it('keeps at least one step', () => {
    const range = anchorRangeAtEnd({ startMs: now - 1000, endMs: now }, 60_000);
    expect(range.endMs - range.startMs).toBe(60_000);
  });
});

describe('MetricsSource live views', () => {
  function setup() {
    const store = new Map<string, unknown>();
    const shared = {
      get: async (key: string) => store.get(key),
      set: async (key: string, value: unknown) => void store.set(key, value),
      delete: async (key: string) => void store.delete(key),
    };
    const cache = new UpstreamCache({
      cache: shared as unknown as CacheService,
      ttlSeconds: 15,
      logger: mockServices.logger.mock(),
    });
    const queryRange = jest.fn(
      async (_q: string, _o: { start: number; end: number; step: number }) => ({
        resultType: 'matrix' as const,
        result: [],
      }),
    );
    const config = {
      prometheus: { url: 'http://prom', redSource: 'istio' },
    } as unknown as PlatformConfig;
    const source = new MetricsSource({
      config,
      prometheus: { queryRange } as unknown as PrometheusClient,
      cache,
    });
    const deployments = async () => ({
      ok: false as const,
      error: { kind: 'not-configured' as const, message: 'x' },
    });
    return { source, queryRange, deployments };
  }

  afterEach(() => jest.useRealTimers());

  it('shares one upstream request between polls of "the last hour" within the TTL, ending at the fetch time', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-01-01T12:00:03.500Z') });
    const { source, queryRange, deployments } = setup();
    const target = { workload: 'orders', namespace: 'msa' };
    const first = await source.readRange(
      target,
      { startMs: Date.now() - 3_600_000, endMs: Date.now() },
      undefined,
      deployments,
    );
    jest.setSystemTime(Date.now() + 7_000);
    const second = await source.readRange(
      target,
      { startMs: Date.now() - 3_600_000, endMs: Date.now() },
      undefined,
      deployments,
    );
    expect(queryRange).toHaveBeenCalledTimes(1);
    expect(second.value.end).toBe(first.value.end);
    expect(
      Date.parse('2026-01-01T12:00:03.500Z') - Date.parse(first.value.end),
    ).toBeLessThan(1000);
  });

  it('keys a fixed range by its ends', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-01-01T12:00:00Z') });
    const { source, queryRange, deployments } = setup();
    const target = { workload: 'orders', namespace: 'msa' };
    const fixed = {
      startMs: Date.parse('2026-01-01T10:00:00Z'),
      endMs: Date.parse('2026-01-01T11:00:00Z'),
    };
    const value = await source.readRange(target, fixed, undefined, deployments);
    expect(value.value.end).toBe('2026-01-01T11:00:00.000Z');
    await source.readRange(
      target,
      { ...fixed, endMs: fixed.endMs + 60_000 },
      undefined,
      deployments,
    );
    expect(queryRange).toHaveBeenCalledTimes(2);
  });
});
