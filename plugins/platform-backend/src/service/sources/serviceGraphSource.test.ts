import { ConfigReader } from '@backstage/config';
import {
  PrometheusClient,
  SourceCache,
  readPlatformConfig,
} from '@paved-road/backstage-plugin-platform-node';
import { ServiceGraphSource } from './serviceGraphSource';

const cache: SourceCache = {
  get: async (_key, load) => ({
    value: await load(),
    fetchedAt: new Date(0).toISOString(),
  }),
  invalidate: async () => {},
};

function source(redSource: string, kiali = true) {
  const config = readPlatformConfig(
    new ConfigReader({
      platform: {
        prometheus: { url: 'http://prometheus.test', redSource },
        ...(kiali ? { kiali: { url: 'https://kiali.test/kiali' } } : {}),
      },
    }),
  );
  const prometheus = {
    query: async () => ({
      resultType: 'vector',
      result: [
        {
          metric: {
            red_series: 'rate',
            edge_direction: 'out',
            destination_workload: 'db',
            destination_workload_namespace: 'msa',
            dst_deployment: 'db',
            dst_namespace: 'msa',
            server: 'db',
          },
          value: [0, '2'],
        },
      ],
    }),
  } as unknown as PrometheusClient;
  return new ServiceGraphSource({ config, cache, prometheus });
}

const target = { workload: 'api', namespace: 'msa' };

describe('ServiceGraphSource', () => {
  it('keeps the edges, unlinked with a warning, when the catalog read fails', async () => {
    const { value } = await source('istio').read(target, undefined, {
      findEntities: async () => {
        throw new Error('catalog down');
      },
    });
    expect(value.callees).toHaveLength(1);
    expect(value.callees[0].peer.entityRef).toBeUndefined();
    expect(value.warnings).toEqual([
      expect.stringContaining('The catalog could not be read'),
    ]);
  });

  it('does not ask the catalog when there is no peer to link', async () => {
    const findEntities = jest.fn();
    const src = source('istio');
    (src as any).deps.prometheus = {
      query: async () => ({ resultType: 'vector', result: [] }),
    };
    const { value } = await src.read(target, undefined, { findEntities });
    expect(findEntities).not.toHaveBeenCalled();
    expect(value.callers).toEqual([]);
  });

  it.each([
    ['istio', true],
    ['spanmetrics', true],
    ['linkerd', false],
  ])('with redSource %s, a Kiali link: %s', async (red, linked) => {
    const { value } = await source(red).read(target, undefined, {
      findEntities: async () => [],
    });
    expect(value.kialiUrl).toBe(
      linked
        ? 'https://kiali.test/kiali/console/namespaces/msa/workloads/api'
        : undefined,
    );
  });

  it('has no Kiali link unless platform.kiali is set', async () => {
    const { value } = await source('istio', false).read(target, undefined, {
      findEntities: async () => [],
    });
    expect(value).not.toHaveProperty('kialiUrl');
  });
});
