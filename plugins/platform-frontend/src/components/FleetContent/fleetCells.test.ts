import { FleetRow } from '@paved-road/backstage-plugin-platform-common';
import { compareFleetCells, fleetCells, filterFleetCells } from './fleetCells';

const at = '2026-12-06T00:00:00Z';

function row(
  name: string,
  verdict: FleetRow['verdict'],
  rate: number | null,
  extra: Partial<FleetRow> = {},
): FleetRow {
  return {
    entityRef: `component:default/${name}`,
    name,
    namespace: 'default',
    owner: 'group:default/team-a',
    verdict,
    reasons: [],
    sources: {
      metrics: {
        ok: true,
        fetchedAt: at,
        value: {
          start: at,
          end: at,
          stepSeconds: 300,
          deployMarkers: [],
          series: [
            {
              name: 'rate',
              unit: 'req/s',
              points: rate === null ? [] : [[1, rate]],
            },
            { name: 'errorRatio', unit: 'ratio', points: [[1, 0.02]] },
            { name: 'p95', unit: 'ms', points: [[1, 80]] },
          ],
        },
      },
      alerts: {
        ok: true,
        fetchedAt: at,
        value: {
          rules: [],
          alerts: [
            { name: 'A', state: 'firing', severity: 'critical', labels: {} },
            { name: 'B', state: 'firing', severity: 'warning', labels: {} },
            { name: 'C', state: 'pending', severity: 'critical', labels: {} },
          ],
        },
      },
      builds: {
        ok: false,
        error: { kind: 'unreachable', message: 'Jenkins down' },
      },
    },
    ...extra,
  };
}

describe('fleetCells', () => {
  it('takes the newest metrics point, counts firing alerts by severity, and leaves a failed source empty', () => {
    const cells = fleetCells(row('a', 'failing', 12));
    expect(cells).toMatchObject({
      rate: 12,
      errorRatio: 0.02,
      p95Ms: 80,
      critical: 1,
      warning: 1,
      otherAlerts: 0,
      buildNumber: undefined,
    });
  });

  it('sorts failing first by default, and by any column with missing values last', () => {
    const cells = [
      fleetCells(row('healthy-busy', 'healthy', 50)),
      fleetCells(row('failing', 'failing', 1)),
      fleetCells(row('idle', 'unknown', null)),
      fleetCells(row('degraded', 'degraded', 5)),
    ];
    const names = (
      key: Parameters<typeof compareFleetCells>[0],
      dir: 'asc' | 'desc',
    ) => [...cells].sort(compareFleetCells(key, dir)).map(c => c.row.name);
    expect(names('verdict', 'asc')).toEqual([
      'failing',
      'degraded',
      'idle',
      'healthy-busy',
    ]);
    expect(names('rate', 'desc')).toEqual([
      'healthy-busy',
      'degraded',
      'failing',
      'idle',
    ]);
  });

  it('filters by text (name, owner, system) and to the problems', () => {
    const cells = [
      fleetCells(row('orders', 'healthy', 1, { system: 'shop' })),
      fleetCells(row('payments', 'failing', 1)),
    ];
    expect(filterFleetCells(cells, 'SHOP', false).map(c => c.row.name)).toEqual(
      ['orders'],
    );
    expect(filterFleetCells(cells, '', true).map(c => c.row.name)).toEqual([
      'payments',
    ]);
    expect(filterFleetCells(cells, 'team-a', false)).toHaveLength(2);
  });
});
