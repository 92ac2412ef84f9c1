import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { readPlatformConfig } from '@paved-road/backstage-plugin-platform-node';
import { isInvalidAnnotation } from '../entityTargets';
import { esLogTarget, usesElasticsearch } from './esLogTarget';

const KEY = Buffer.from('id:key').toString('base64');
const config = readPlatformConfig(
  new ConfigReader({
    platform: {
      scope: { allowedNamespaces: ['msa'] },
      elasticsearch: {
        instances: [
          { name: 'main', url: 'http://es.test', apiKey: KEY },
          {
            name: 'legacy',
            url: 'http://es2.test',
            apiKey: KEY,
            fields: 'level=severity',
          },
        ],
        allowedIndexPatterns: ['logs-msa-*', 'logs-shared'],
      },
    },
  }),
);

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'login-js',
      annotations: {
        'backstage.io/kubernetes-namespace': 'msa',
        ...annotations,
      },
    },
    spec: { owner: 'group:default/team' },
  };
}
const IDX = 'platform.paved-road.dev/elasticsearch-index';
const FIELDS = 'platform.paved-road.dev/elasticsearch-fields';

describe('esLogTarget', () => {
  it('picks Elasticsearch when any elasticsearch-* annotation is present, Loki otherwise', () => {
    expect(usesElasticsearch(entity({}))).toBe(false);
    expect(usesElasticsearch(entity({ [IDX]: 'logs-msa-*' }))).toBe(true);
    expect(
      usesElasticsearch(
        entity({ 'platform.paved-road.dev/elasticsearch-instance': 'main' }),
      ),
    ).toBe(true);
    expect(usesElasticsearch(entity({ [IDX]: '  ' }))).toBe(false);
  });

  it('resolves instance, index, fields (ECS < instance < entity), service and namespace', () => {
    expect(
      esLogTarget(
        entity({
          'platform.paved-road.dev/elasticsearch-instance': 'legacy',
          [FIELDS]: 'traceId=trace_id',
        }),
        config,
      ),
    ).toEqual({
      ok: true,
      value: {
        backend: 'elasticsearch',
        instance: 'legacy',
        index: 'logs-msa-*',
        fields: {
          timestamp: '@timestamp',
          message: 'message',
          level: 'severity',
          service: 'service.name',
          namespace: 'kubernetes.namespace',
          traceId: 'trace_id',
        },
        service: 'login-js',
        namespace: 'msa',
      },
    });
  });

  it.each([
    [IDX, '_all'],
    [IDX, 'logs-* OR x'],
    [IDX, 'logs-msa-*,-logs-msa-x'],
    [IDX, 'remote:logs-msa-x'],
    [IDX, '<logs-{now/d}>'],
    [IDX, '{"script":1}'],
    [FIELDS, 'level=_exists_'],
    [FIELDS, 'message=*'],
    [FIELDS, 'script={"source":"1"}'],
    [FIELDS, 'level=a OR b'],
    ['platform.paved-road.dev/elasticsearch-service', 'a\u0000b'],
  ])('refuses %s = %j as an invalid annotation naming it', (key, value) => {
    const target = esLogTarget(entity({ [key]: value }), config);
    expect(target.ok).toBe(false);
    if (target.ok) return;
    expect(isInvalidAnnotation(target.error)).toBe(true);
    expect(target.error.message).toContain(key);
  });

  it('answers forbidden outside the allow-list or the namespace bound, not-configured for an unknown instance', () => {
    const outside = esLogTarget(entity({ [IDX]: 'logs-*' }), config);
    expect(outside).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const ns = esLogTarget(
      entity({ [IDX]: 'logs-msa-*', 'backstage.io/kubernetes-namespace': 'x' }),
      config,
    );
    expect(ns).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const instance = esLogTarget(
      entity({ 'platform.paved-road.dev/elasticsearch-instance': 'other' }),
      config,
    );
    expect(instance).toMatchObject({
      ok: false,
      error: { kind: 'not-configured' },
    });
    const off = esLogTarget(
      entity({ [IDX]: 'logs-msa-*' }),
      readPlatformConfig(new ConfigReader({ platform: {} })),
    );
    expect(off).toMatchObject({
      ok: false,
      error: {
        kind: 'not-configured',
        message: expect.stringContaining('platform.elasticsearch'),
      },
    });
  });
});
