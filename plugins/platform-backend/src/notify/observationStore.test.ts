import { mockServices } from '@backstage/backend-test-utils';
import { CacheService } from '@backstage/backend-plugin-api';
import { cacheObservationStore } from './observationStore';
import { EntityObservation } from './ownerNotices';

const observation: EntityObservation = {
  argocd: [{ name: 'shop', health: 'Degraded', syncFailed: false }],
  criticalAlerts: [{ key: 'fa', name: 'A' }],
  latestBuild: null,
};

describe('cacheObservationStore', () => {
  it('keeps each observation under its own key with the TTL, and reads it back', async () => {
    const values = new Map<string, unknown>();
    const cache = {
      get: jest.fn(async (key: string) => values.get(key)),
      set: jest.fn(async (key: string, value: unknown) => {
        values.set(key, JSON.parse(JSON.stringify(value)));
      }),
    } as unknown as CacheService;
    const store = cacheObservationStore(cache, 600, mockServices.logger.mock());
    await expect(store.get('component:default/shop')).resolves.toBeUndefined();
    await store.set('component:default/shop', observation);
    expect(cache.set).toHaveBeenCalledWith(
      'owner-watcher:v1:component:default/shop',
      observation,
      { ttl: { seconds: 600 } },
    );
    await expect(store.get('component:default/shop')).resolves.toEqual(
      observation,
    );
    await expect(store.get('component:default/docs')).resolves.toBeUndefined();
  });

  it('reads a value of another shape as none (a baseline), not as an observation', async () => {
    const cache = {
      get: jest.fn(async () => ({ argocd: 'Degraded' })),
    } as unknown as CacheService;
    const store = cacheObservationStore(cache, 600, mockServices.logger.mock());
    await expect(store.get('component:default/shop')).resolves.toBeUndefined();
  });

  it('logs a failing cache and reads it as empty, without throwing', async () => {
    const logger = mockServices.logger.mock();
    const cache = {
      get: jest.fn(async () => {
        throw new Error('ECONNREFUSED redis:6379');
      }),
      set: jest.fn(async () => {
        throw new Error('ECONNREFUSED redis:6379');
      }),
    } as unknown as CacheService;
    const store = cacheObservationStore(cache, 600, logger);
    await expect(store.get('component:default/shop')).resolves.toBeUndefined();
    await expect(
      store.set('component:default/shop', observation),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });
});
