import { FleetRow } from '@paved-road/backstage-plugin-platform-common';
import { myServicesSummary } from './myServicesSummary';

const row = (name: string, verdict: FleetRow['verdict']): FleetRow => ({
  entityRef: `component:default/${name}`,
  name,
  namespace: 'default',
  verdict,
  reasons: [],
  sources: {},
});

describe('myServicesSummary', () => {
  it('counts by verdict and lists failing before degraded, by name, up to the limit', () => {
    const summary = myServicesSummary(
      [
        row('zeta', 'degraded'),
        row('beta', 'failing'),
        row('ok-1', 'healthy'),
        row('alpha', 'degraded'),
        row('gamma', 'failing'),
        row('new', 'unknown'),
        row('ok-2', 'healthy'),
      ],
      3,
    );
    expect(summary).toMatchObject({
      failing: 2,
      degraded: 2,
      healthy: 2,
      unknown: 1,
    });
    expect(summary.problems.map(r => r.name)).toEqual([
      'beta',
      'gamma',
      'alpha',
    ]);
  });

  it('lists nothing when nothing fails or degrades', () => {
    expect(
      myServicesSummary([row('a', 'healthy'), row('b', 'unknown')], 5).problems,
    ).toEqual([]);
  });
});
