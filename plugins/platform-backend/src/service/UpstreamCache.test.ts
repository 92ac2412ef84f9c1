import { CacheService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { LOCAL_MAX_AGE_MS, UpstreamCache } from './UpstreamCache';

function setup(ttlSeconds: number) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const store = new Map<string, unknown>();
  const shared = {
    get: jest.fn(async (key: string) => store.get(key)),
    set: jest.fn(async (key: string, value: unknown) => void store.set(key, JSON.parse(JSON.stringify(value)))),
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
});
