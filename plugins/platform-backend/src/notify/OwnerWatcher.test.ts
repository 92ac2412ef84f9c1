import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { HealthValue } from '@paved-road/backstage-plugin-platform-common';
import { EntityObservabilityService } from '../service/EntityObservabilityService';
import { OwnerWatcher } from './OwnerWatcher';

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
  function setup() {
    let current = healthWith('Healthy', []);
    const asked: string[] = [];
    const service = {
      health: jest.fn(async request => {
        asked.push(request.ref.name);
        return current;
      }),
    } as unknown as EntityObservabilityService;
    const notifications = { send: jest.fn(async () => {}) };
    const watcher = new OwnerWatcher({
      catalog: catalogServiceMock({
        entities: [
          component('shop', { 'argocd/app-name': 'shop' }),
          component('docs', {}),
        ],
      }),
      auth: mockServices.auth(),
      service,
      notifications,
      logger: mockServices.logger.mock(),
    });
    return {
      watcher,
      notifications,
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

  it('keeps going when one entity cannot be read', async () => {
    const { watcher, notifications } = setup();
    (watcher as any).deps.service.health = jest.fn(async () => {
      throw new Error('catalog down');
    });
    await expect(watcher.run()).resolves.toEqual({ entities: 1, sent: 0 });
    expect(notifications.send).not.toHaveBeenCalled();
  });
});
