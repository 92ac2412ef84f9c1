import { ConfigReader } from '@backstage/config';
import { readPlatformConfig } from './readPlatformConfig';

describe('readPlatformConfig: Grafana datasource per tenant', () => {
  const grafana = (
    settings: Record<string, unknown>,
    tenants: string[] = ['team-b', 'team-c'],
  ) =>
    readPlatformConfig(
      new ConfigReader({
        platform: {
          loki: { url: 'http://loki.test', tenant: 'team-a', tenants },
          tempo: {
            url: 'http://tempo.test',
            tenant: 'tracing',
            tenants: ['team-b'],
          },
          grafana: { url: 'https://grafana.test', ...settings },
        },
      }),
    ).grafana!;

  it('is unset unless configured', () => {
    expect(grafana({ lokiDatasourceUid: 'loki' })).toMatchObject({
      lokiDatasourceUid: 'loki',
      lokiDatasourceUids: undefined,
      tempoDatasourceUids: undefined,
    });
  });

  it('reads tenant -> uid maps, keys being tenant ids that are not config key segments', () => {
    const parsed = grafana(
      {
        lokiDatasourceUids: { 'team-b': 'loki-team-b', "c.(d)'": 'loki_c' },
        tempoDatasourceUids: { tracing: 'tempo-default' },
      },
      ['team-b', "c.(d)'"],
    );
    expect(parsed.lokiDatasourceUids).toEqual({
      'team-b': 'loki-team-b',
      "c.(d)'": 'loki_c',
    });
    expect(parsed.tempoDatasourceUids).toEqual({ tracing: 'tempo-default' });
  });

  it.each([
    [
      { lokiDatasourceUids: ['loki'] },
      /'platform\.grafana\.lokiDatasourceUids': expected a map of tenant id to Grafana datasource uid/,
    ],
    [
      { lokiDatasourceUids: { 'team-z': 'x' } },
      /'platform\.grafana\.lokiDatasourceUids\["team-z"\]': 'team-z' is not one of platform\.loki\.tenants \(team-a, team-b, team-c\)/,
    ],
    [
      { tempoDatasourceUids: { 'team-c': 'x' } },
      /'platform\.grafana\.tempoDatasourceUids\["team-c"\]': 'team-c' is not one of platform\.tempo\.tenants \(tracing, team-b\)/,
    ],
    [
      { lokiDatasourceUids: { 'team-b': 'has space' } },
      /lokiDatasourceUids\["team-b"\]': a Grafana datasource uid is 1-40 of .*, got 'has space'/,
    ],
    [
      { lokiDatasourceUids: { 'team-b': 'x'.repeat(41) } },
      /lokiDatasourceUids\["team-b"\]': a Grafana datasource uid/,
    ],
    [
      { lokiDatasourceUids: { 'team-b': 7 } },
      /lokiDatasourceUids\["team-b"\]': a Grafana datasource uid .*, got number/,
    ],
  ])('refuses %j at start-up, naming the key', (settings, message) => {
    expect(() => grafana(settings)).toThrow(message);
  });

  it('refuses per-tenant uids for a source that is not configured', () => {
    expect(() =>
      readPlatformConfig(
        new ConfigReader({
          platform: {
            grafana: {
              url: 'https://grafana.test',
              tempoDatasourceUids: { a: 'b' },
            },
          },
        }),
      ),
    ).toThrow(
      /'platform\.grafana\.tempoDatasourceUids\["a"\]': 'a' is not one of platform\.tempo\.tenants \(none configured\)/,
    );
  });
});
