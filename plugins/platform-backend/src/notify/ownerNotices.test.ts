import { EntityObservation, observe, ownerNotices } from './ownerNotices';

const entity = {
  ref: 'component:default/shop',
  namespace: 'default',
  kind: 'Component',
  name: 'shop',
};
const app = (health: string, syncFailed = false) => ({
  argocd: [
    {
      name: 'shop',
      health,
      syncFailed,
      healthMessage: 'pod crash looping',
      syncMessage: 'one or more objects failed to apply',
    },
  ],
});
const alerts = (...keys: string[]): EntityObservation => ({
  criticalAlerts: keys.map(key => ({ key, name: key.split('#')[0] })),
});

describe('ownerNotices', () => {
  it('announces nothing on the first observation (a baseline)', () => {
    expect(ownerNotices(entity, undefined, app('Degraded', true))).toEqual([]);
  });

  it('tells when the app turns Degraded and, on the same topic, when it recovers', () => {
    const [degraded] = ownerNotices(entity, app('Healthy'), app('Degraded'));
    expect(degraded).toEqual({
      topic: 'platform:component:default/shop:argocd:shop:health',
      title: 'shop: Argo CD app shop is Degraded',
      description: 'pod crash looping',
      severity: 'high',
      link: '/catalog/default/component/shop/health',
    });
    expect(ownerNotices(entity, app('Degraded'), app('Degraded'))).toEqual([]);
    const [healthy] = ownerNotices(entity, app('Degraded'), app('Healthy'));
    expect(healthy.topic).toBe(degraded.topic);
    expect(healthy.severity).toBe('low');
  });

  it('tells once when a sync fails', () => {
    expect(
      ownerNotices(entity, app('Healthy'), app('Healthy', true)).map(n => [
        n.topic,
        n.description,
      ]),
    ).toEqual([
      [
        'platform:component:default/shop:argocd:shop:sync',
        'one or more objects failed to apply',
      ],
    ]);
    expect(
      ownerNotices(entity, app('Healthy', true), app('Healthy', true)),
    ).toEqual([]);
  });

  it('tells when a critical alert starts firing and again, same topic, when it resolves', () => {
    const [firing] = ownerNotices(entity, alerts(), alerts('HighErrorRatio#1'));
    expect(firing).toMatchObject({
      severity: 'critical',
      title: 'shop: critical alert HighErrorRatio is firing',
    });
    expect(
      ownerNotices(
        entity,
        alerts('HighErrorRatio#1'),
        alerts('HighErrorRatio#1'),
      ),
    ).toEqual([]);
    const [resolved] = ownerNotices(
      entity,
      alerts('HighErrorRatio#1'),
      alerts(),
    );
    expect(resolved.topic).toBe(firing.topic);
    expect(resolved.title).toBe('shop: alert HighErrorRatio resolved');
  });

  it('tells when a new build fails, not again for the same build, not for a success', () => {
    const b = (number: number, result: string): EntityObservation => ({
      latestBuild: { number, result },
    });
    expect(
      ownerNotices(entity, b(7, 'SUCCESS'), b(8, 'FAILURE')),
    ).toMatchObject([
      {
        topic: 'platform:component:default/shop:build',
        title: 'shop: build #8 failed',
      },
    ]);
    expect(ownerNotices(entity, b(8, 'FAILURE'), b(8, 'FAILURE'))).toEqual([]);
    expect(ownerNotices(entity, b(8, 'FAILURE'), b(9, 'SUCCESS'))).toEqual([]);
  });

  it('tells about the first failed build of a job that had none finished, also after a JSON round trip', () => {
    const none: EntityObservation = JSON.parse(
      JSON.stringify(
        observe({ builds: { ok: true, value: { builds: [] } } as any }),
      ),
    );
    expect(none).toEqual({ latestBuild: null });
    expect(
      ownerNotices(entity, none, {
        latestBuild: { number: 1, result: 'FAILURE' },
      }),
    ).toMatchObject([{ title: 'shop: build #1 failed' }]);
    expect(
      ownerNotices(
        entity,
        {},
        { latestBuild: { number: 1, result: 'FAILURE' } },
      ),
    ).toEqual([]);
  });

  it('changes nothing for a source it could not read this run', () => {
    expect(
      ownerNotices(entity, { ...app('Healthy'), ...alerts('A#1') }, {}),
    ).toEqual([]);
  });
});

describe('observe', () => {
  it('keeps firing critical alerts only, the newest finished build, and each app health', () => {
    const observation = observe({
      argocd: {
        ok: true,
        value: {
          applications: [
            {
              name: 'shop',
              healthStatus: 'Degraded',
              syncStatus: 'Synced',
              healthMessage: 'back-off restarting failed container',
              operation: { phase: 'Failed', message: 'boom' },
            },
          ],
        },
      } as any,
      alerts: {
        ok: true,
        value: {
          alerts: [
            {
              name: 'A',
              state: 'firing',
              severity: 'critical',
              labels: {},
              fingerprint: 'fa',
            },
            { name: 'B', state: 'firing', labels: { severity: 'warning' } },
            { name: 'C', state: 'pending', severity: 'critical', labels: {} },
            {
              name: 'D',
              state: 'firing',
              labels: { severity: 'CRITICAL' },
              fingerprint: 'fd',
            },
          ],
          rules: [],
        },
      } as any,
      builds: {
        ok: true,
        value: {
          builds: [
            { number: 9, result: 'RUNNING' },
            { number: 8, result: 'FAILURE', url: 'http://j/8/' },
          ],
        },
      } as any,
    });
    expect(observation).toEqual({
      argocd: [
        {
          name: 'shop',
          health: 'Degraded',
          syncFailed: true,
          healthMessage: 'back-off restarting failed container',
          syncMessage: 'boom',
        },
      ],
      criticalAlerts: [
        { key: 'fa', name: 'A' },
        { key: 'fd', name: 'D' },
      ],
      latestBuild: { number: 8, result: 'FAILURE', url: 'http://j/8/' },
    });
    expect(
      observe({
        argocd: { ok: false, error: { kind: 'upstream', message: 'x' } },
      }),
    ).toEqual({});
  });
});
