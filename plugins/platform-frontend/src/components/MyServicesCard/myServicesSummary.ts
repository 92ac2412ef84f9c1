import { FleetRow } from '@paved-road/backstage-plugin-platform-common';

/** What the home card says about a fleet: counts by verdict and the rows that need attention. */
export interface MyServicesSummary {
  failing: number;
  degraded: number;
  healthy: number;
  unknown: number;
  /** Failing before degraded, then by name; at most `limit`. */
  problems: FleetRow[];
}

export function myServicesSummary(
  rows: FleetRow[],
  limit: number,
): MyServicesSummary {
  const count = (verdict: FleetRow['verdict']) =>
    rows.filter(r => r.verdict === verdict).length;
  const rank = (r: FleetRow) => (r.verdict === 'failing' ? 0 : 1);
  const problems = rows
    .filter(r => r.verdict === 'failing' || r.verdict === 'degraded')
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
    .slice(0, limit);
  return {
    failing: count('failing'),
    degraded: count('degraded'),
    healthy: count('healthy'),
    unknown: count('unknown'),
    problems,
  };
}
