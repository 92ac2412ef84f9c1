import { CacheManager } from '@backstage/backend-defaults/cache';
import { CacheService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { HealthValue } from '@paved-road/backstage-plugin-platform-common';
import { EntityObservabilityService } from '../service/EntityObservabilityService';
import { OwnerWatcher } from './OwnerWatcher';
import { cacheObservationStore } from './observationStore';

// The cache service as the backend builds it (memory store here; Redis/Valkey in production), one per "cluster".
const newCache = (): CacheService =>
  CacheManager.fromConfig(
    mockServices.rootConfig({
      data: { backend: { cache: { store: 'memory' } } },
    }),
  ).forPlugin('platform');

const component = (
  name: string,
  annotations: Record<string, string>,
  owner = 'team-a',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner, lifecycle: 'production' },
});

const healthWith = (appHealth: string, firing: string[]): HealthValue =>
  ({
    verdict: 'unknown',
    reasons: [],
    sources: {
      argocd: {
        ok: true,
        value: {
          applications: [
            { name: 'shop', healthStatus: appHealth, syncStatus: 'Synced' },
          ],
        },
      },
      alerts: {
        ok: true,
        value: {
          alerts: firing.map(name => ({
            name,
            state: 'firing',
            severity: 'critical',
            labels: {},
            fingerprint: name,
          })),
          rules: [],
        },
      },
      builds: { ok: false, error: { kind: 'not-configured', message: 'x' } },
    },
  } as any);

describe('OwnerWatcher', () => {
  function setup(cache: CacheService = newCache()) {
    let current = healthWith('Healthy', []);
    const asked: string[] = [];
    const service = {
      health: jest.fn(async request => {
        asked.push(request.ref.name);
        return current;
      }),
    } as unknown as EntityObservabilityService;
    const notifications = { send: jest.fn(async (_options: any) => {}) };
    const logger = mockServices.logger.mock();
    const replica = () =>
      new OwnerWatcher({
        store: cacheObservationStore(cache, 600, logger),
        catalog: catalogServiceMock({
          entities: [
            component('shop', { 'argocd/app-name': 'shop' }),
            component('docs', {}),
          ],
        }),
        auth: mockServices.auth(),
        service,
        notifications,
        logger,
      });
    return {
      watcher: replica(),
      replica,
      notifications,
      logger,
      asked,
      set: (health: HealthValue) => {
        current = health;
      },
    };
  }

  it('watches annotated components only, and the first run is a baseline', async () => {
    const { watcher, notifications, asked, set } = setup();
    set(healthWith('Degraded', ['HighErrorRatio']));
    await expect(watcher.run()).resolves.toEqual({ entities: 1, sent: 0 });
    expect(asked).toEqual(['shop']);
    expect(notifications.send).not.toHaveBeenCalled();
  });

  it('notifies the owner group once per change, with the topic as scope so a resolve updates it', async () => {
    const { watcher, notifications, set } = setup();
    await watcher.run();
    set(healthWith('Degraded', ['HighErrorRatio']));
    await expect(watcher.run()).resolves.toEqual({ entities: 1, sent: 2 });
    await expect(watcher.run()).resolves.toEqual({ entities: 1, sent: 0 });
    set(healthWith('Degraded', []));
    await watcher.run();
    const calls = notifications.send.mock.calls.map(
      ([options]: any) => options,
    );
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.recipients).toEqual({
        type: 'entity',
        entityRef: 'group:default/team-a',
      });
      expect(call.payload.scope).toBe(call.payload.topic);
      expect(call.payload.link).toBe('/catalog/default/component/shop/health');
    }
    expect(calls.map(c => [c.payload.title, c.payload.severity])).toEqual([
      ['shop: Argo CD app shop is Degraded', 'high'],
      ['shop: critical alert HighErrorRatio is firing', 'critical'],
      ['shop: alert HighErrorRatio resolved', 'low'],
    ]);
    expect(calls[2].payload.topic).toBe(calls[1].payload.topic);
  });

  it('continues from the state another replica (or the previous process) left in the shared cache', async () => {
    const { replica, notifications, set } = setup();
    await replica().run();
    set(healthWith('Degraded', []));
    // A new instance, as after a restart or on the replica that runs the next round: no re-baseline.
    await expect(replica().run()).resolves.toEqual({ entities: 1, sent: 1 });
    // And the next one does not repeat it.
    await expect(replica().run()).resolves.toEqual({ entities: 1, sent: 0 });
    expect(notifications.send).toHaveBeenCalledTimes(1);
  });

  it('re-baselines (no notice) when the shared state expired or was lost', async () => {
    const first = setup();
    await first.watcher.run();
    first.set(healthWith('Degraded', []));
    const lost = setup(newCache());
    lost.set(healthWith('Degraded', []));
    await expect(lost.watcher.run()).resolves.toEqual({
      entities: 1,
      sent: 0,
    });
  });

  it('keeps the state unchanged when sending fails, so the next round sends again', async () => {
    const { watcher, notifications, set, logger } = setup();
    await watcher.run();
    set(healthWith('Degraded', []));
    notifications.send.mockRejectedValueOnce(new Error('notifications 503'));
    await expect(watcher.run()).resolves.toEqual({ entities: 1, sent: 0 });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('retrying next round'),
    );
    await expect(watcher.run()).resolves.toEqual({ entities: 1, sent: 1 });
    expect(notifications.send).toHaveBeenCalledTimes(2);
  });

  it('keeps going when one entity cannot be read', async () => {
    const { watcher, notifications } = setup();
    (watcher as any).deps.service.health = jest.fn(async () => {
      throw new Error('catalog down');
    });
    await expect(watcher.run()).resolves.toEqual({ entities: 1, sent: 0 });
    expect(notifications.send).not.toHaveBeenCalled();
  });
});
