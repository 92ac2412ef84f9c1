import { CacheService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { LOCAL_MAX_AGE_MS, UpstreamCache } from './UpstreamCache';

function setup(ttlSeconds: number) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const store = new Map<string, unknown>();
  // Like the memory/Redis store: an entry expires after the ttl it was set with.
  const expiry = new Map<string, number>();
  const shared = {
    get: jest.fn(async (key: string) =>
      (expiry.get(key) ?? Infinity) > now ? store.get(key) : undefined,
    ),
    set: jest.fn(
      async (
        key: string,
        value: unknown,
        options?: { ttl?: { seconds: number } },
      ) => {
        store.set(key, JSON.parse(JSON.stringify(value)));
        if (options?.ttl) expiry.set(key, now + options.ttl.seconds * 1000);
      },
    ),
    delete: jest.fn(async (key: string) => void store.delete(key)),
  };
  const cache = new UpstreamCache({
    cache: shared as unknown as CacheService,
    ttlSeconds,
    logger: mockServices.logger.mock(),
    now: () => now,
  });
  return { cache, shared, store, advance: (ms: number) => (now += ms) };
}

describe('UpstreamCache', () => {
  it('serves repeated reads from process memory, then asks the shared cache again after the local bound', async () => {
    const { cache, shared, advance } = setup(300);
    const load = jest.fn(async () => ({ n: 1 }));
    const first = await cache.get(['a'], load);
    expect(await cache.get(['a'], load)).toBe(first);
    expect(shared.get).toHaveBeenCalledTimes(1);
    advance(LOCAL_MAX_AGE_MS);
    expect((await cache.get(['a'], load)).value).toEqual({ n: 1 });
    expect(shared.get).toHaveBeenCalledTimes(2);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never keeps a local entry past its TTL, and drops it on invalidate', async () => {
    const { cache, shared, store, advance } = setup(2);
    const load = jest.fn(async () => 'v');
    await cache.get(['a'], load);
    advance(2_000);
    store.clear(); // the shared cache expired it too
    await cache.get(['a'], load);
    expect(load).toHaveBeenCalledTimes(2);
    await cache.invalidate(['a']);
    await cache.get(['a'], load);
    expect(load).toHaveBeenCalledTimes(3);
    expect(shared.delete).toHaveBeenCalledTimes(1);
  });

  it('keeps nothing locally when the cache is off', async () => {
    const { cache, shared } = setup(0);
    const load = jest.fn(async () => 'v');
    await cache.get(['a'], load);
    await cache.get(['a'], load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(shared.get).not.toHaveBeenCalled();
  });

  it('stores entries in the shared cache with the configured TTL and reads them from there on another replica', async () => {
    const { cache, shared, store } = setup(15);
    await cache.get(['q', 1], async () => ({ rows: [1] }));
    expect(shared.set).toHaveBeenCalledWith(
      expect.stringMatching(/^platform:v1:[0-9a-f]{64}$/),
      { value: { rows: [1] }, fetchedAt: '2026-01-01T00:00:00.000Z' },
      { ttl: { seconds: 15 } },
    );
    // A second process with the same shared store: no upstream call, same fetchedAt.
    const other = new UpstreamCache({
      cache: shared as unknown as CacheService,
      ttlSeconds: 15,
      logger: mockServices.logger.mock(),
    });
    const load = jest.fn(async () => ({ rows: [2] }));
    expect(await other.get(['q', 1], load)).toEqual({
      value: { rows: [1] },
      fetchedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(load).not.toHaveBeenCalled();
    expect(store.size).toBe(1);
  });

  it('loads again once the TTL is over', async () => {
    const { cache, advance } = setup(15);
    const load = jest.fn(async () => 'v');
    await cache.get(['a'], load);
    advance(14_999);
    await cache.get(['a'], load);
    expect(load).toHaveBeenCalledTimes(1);
    advance(1);
    const again = await cache.get(['a'], load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(again.fetchedAt).toBe('2026-01-01T00:00:15.000Z');
  });

  it('coalesces concurrent identical reads into one upstream call, keeps different keys apart', async () => {
    for (const ttl of [15, 0]) {
      const { cache } = setup(ttl);
      let release!: () => void;
      const gate = new Promise<void>(r => (release = r));
      let calls = 0;
      const load = jest.fn(async (): Promise<{ n: number }> => {
        calls += 1;
        const n = calls;
        await gate;
        return { n };
      });
      const same = Array.from({ length: 10 }, () =>
        cache.get(['loki', 'q', 0, 100], load),
      );
      const different = cache.get(['loki', 'q', 0, 101], load);
      release();
      const results = await Promise.all(same);
      expect(load).toHaveBeenCalledTimes(2);
      expect(new Set(results).size).toBe(1);
      expect((await different).value).not.toBe(results[0].value);
    }
  });

  it('never caches a failure: concurrent callers share it, the next call tries again', async () => {
    const { cache, shared } = setup(15);
    const load = jest
      .fn()
      .mockRejectedValueOnce(new Error('upstream down'))
      .mockResolvedValue('back');
    const both = await Promise.allSettled([
      cache.get(['a'], load),
      cache.get(['a'], load),
    ]);
    expect(both.map(r => r.status)).toEqual(['rejected', 'rejected']);
    expect(load).toHaveBeenCalledTimes(1);
    expect(shared.set).not.toHaveBeenCalled();
    expect((await cache.get(['a'], load)).value).toBe('back');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('invalidate drops the entry everywhere: the next read loads, even within the TTL', async () => {
    const { cache, shared, store } = setup(15);
    let calls = 0;
    const load = jest.fn(async (): Promise<number> => ++calls);
    expect((await cache.get(['argocd', 'app'], load)).value).toBe(1);
    await cache.invalidate(['argocd', 'app']);
    expect(store.size).toBe(0);
    expect((await cache.get(['argocd', 'app'], load)).value).toBe(2);
    expect(shared.delete).toHaveBeenCalledTimes(1);
    await cache.invalidate(['never', 'read']); // harmless
  });

  it('keeps reading upstreams when the shared cache is broken, warning once', async () => {
    const logger = mockServices.logger.mock();
    const broken = {
      get: jest.fn(async () => {
        throw new Error('ECONNREFUSED redis');
      }),
      set: jest.fn(async () => {
        throw new Error('ECONNREFUSED redis');
      }),
      delete: jest.fn(async () => {
        throw new Error('ECONNREFUSED redis');
      }),
    };
    const cache = new UpstreamCache({
      cache: broken as unknown as CacheService,
      ttlSeconds: 15,
      logger,
    });
    expect((await cache.get(['a'], async () => 1)).value).toBe(1);
    expect((await cache.get(['b'], async () => 2)).value).toBe(2);
    await cache.invalidate(['a']);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Platform cache unavailable'),
    );
  });

  it('ignores a shared entry of the wrong shape', async () => {
    const { cache, shared } = setup(15);
    shared.get.mockResolvedValueOnce(['not', 'an', 'entry'] as never);
    expect((await cache.get(['a'], async () => 'fresh')).value).toBe('fresh');
  });

  it('works without any shared cache (coalescing only)', async () => {
    const cache = new UpstreamCache({
      ttlSeconds: 15,
      logger: mockServices.logger.mock(),
    });
    const load = jest.fn(async () => 'v');
    await Promise.all([cache.get(['a'], load), cache.get(['a'], load)]);
    await cache.get(['a'], load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
