import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import platformPlugin from '@paved-road/backstage-plugin-platform-backend';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { platformSourcesExtensionPoint } from '@paved-road/backstage-plugin-platform-node';
import { AddressInfo } from 'node:net';
import {
  SUNSET_ANNOTATION,
  sunsetSourceModule,
} from './__testUtils__/sunsetSourceModule';

const component = (name: string, sunset?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: sunset ? { [SUNSET_ANNOTATION]: sunset } : {},
  },
  spec: {
    type: 'service',
    owner: 'group:default/team-a',
    lifecycle: 'production',
  },
});

const route = (name: string, source: string) =>
  `/api/platform/v1/entities/default/component/${name}/${source}`;

async function start(
  extra: Parameters<typeof startTestBackend>[0]['features'] = [],
) {
  const { server } = await startTestBackend({
    features: [
      platformPlugin,
      sunsetSourceModule,
      mockServices.rootConfig.factory({ data: { platform: {} } }),
      catalogServiceMock.factory({
        entities: [
          component('retired', '2001-01-01'),
          component('evergreen', '2999-12-31'),
          component('unmarked'),
          component('garbled', 'next tuesday'),
        ],
      }),
      ...extra,
    ],
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return async (path: string) => {
    const res = await fetch(`${base}${path}`);
    return { status: res.status, body: await res.json() };
  };
}

describe('a source added by a backend module outside the platform plugin', () => {
  it('has its own route, answering like a built-in source', async () => {
    const get = await start();
    const res = await get(route('evergreen', 'sunset'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ok: true,
      value: { sunset: '2999-12-31', daysLeft: expect.any(Number) },
      fetchedAt: expect.any(String),
    });
    expect(res.body.value.daysLeft).toBeGreaterThan(300_000);
  });

  it('takes part in the verdict, after the built-in sources', async () => {
    const get = await start();
    const retired = await get(route('retired', 'health'));
    expect(retired.status).toBe(200);
    expect(retired.body.verdict).toBe('failing');
    expect(retired.body.reasons).toEqual([
      {
        source: 'sunset',
        verdict: 'failing',
        message: 'Unsupported since 2001-01-01',
      },
    ]);
    expect(Object.keys(retired.body.sources)).toEqual([
      'argocd',
      'alerts',
      'metrics',
      'builds',
      'sunset',
    ]);
    const evergreen = await get(route('evergreen', 'health'));
    expect(evergreen.status).toBe(200);
    expect(evergreen.body.verdict).toBe('healthy');
  });

  it('an entity without its annotation is not configured for it, and left out of the verdict', async () => {
    const get = await start();
    const res = await get(route('unmarked', 'sunset'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ok: false,
      error: {
        kind: 'not-configured',
        message: `Add the ${SUNSET_ANNOTATION} annotation`,
        missingAnnotation: SUNSET_ANNOTATION,
      },
    });
    const health = await get(route('unmarked', 'health'));
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ verdict: 'unknown', reasons: [] });
    const garbled = await get(route('garbled', 'sunset'));
    expect(garbled.status).toBe(200);
    expect(garbled.body.error.message).toBe(
      `${SUNSET_ANNOTATION} must be a date YYYY-MM-DD`,
    );
  });

  it('refuses query parameters it does not take, and unknown sources are a 404 naming the registered ones', async () => {
    const get = await start();
    const bad = await get(`${route('evergreen', 'sunset')}?days=3`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /unknown parameter\(s\) days; allowed: none/,
    );
    const missing = await get(route('evergreen', 'sunrise'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      "No platform source 'sunrise'; the sources are argocd, alerts, metrics, logs, traces, builds, service-graph, sunset",
    );
  });

  it('the platform refuses to start when a module registers an id that is taken', async () => {
    const duplicate = createBackendModule({
      pluginId: 'platform',
      moduleId: 'duplicate-logs',
      register(env) {
        env.registerInit({
          deps: { sources: platformSourcesExtensionPoint },
          async init({ sources }) {
            sources.addSource(() => ({
              id: 'logs',
              annotations: [],
              target: () => ({ ok: true, value: undefined }),
              read: async () => ({
                value: 1,
                fetchedAt: new Date().toISOString(),
              }),
            }));
          },
        });
      },
    });
    await expect(start([duplicate])).rejects.toThrow(
      "Platform source 'logs' is registered twice",
    );
  });
});
