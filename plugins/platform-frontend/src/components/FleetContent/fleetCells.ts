import {
  FleetRow,
  HealthVerdict,
  MetricsValue,
} from '@paved-road/backstage-plugin-platform-common';

/** What one fleet row shows, computed once per answer (sorting and filtering read these, not the row). */
export interface FleetCells {
  row: FleetRow;
  verdictRank: number;
  sync?: string;
  health?: string;
  /** When the deployed revision went live (ms since the epoch). */
  deployedAtMs?: number;
  critical: number;
  warning: number;
  otherAlerts: number;
  rate: number | null;
  errorRatio: number | null;
  p95Ms: number | null;
  buildNumber?: number;
  buildResult?: string;
  /** Lower-cased text the filter box matches. */
  search: string;
}

const VERDICT_RANK: Record<HealthVerdict, number> = {
  failing: 0,
  degraded: 1,
  unknown: 2,
  healthy: 3,
};

function lastPoint(
  metrics: MetricsValue | undefined,
  name: 'rate' | 'errorRatio' | 'p95',
): number | null {
  const points = metrics?.series.find(s => s.name === name)?.points ?? [];
  return points.length ? points[points.length - 1][1] : null;
}

/** The displayed values of a fleet row. */
export function fleetCells(row: FleetRow): FleetCells {
  const argo = row.sources.argocd?.ok ? row.sources.argocd.value : undefined;
  const app = argo?.applications[0];
  const deployedAt = app?.history[app.history.length - 1]?.deployedAt;
  const alerts = row.sources.alerts?.ok
    ? row.sources.alerts.value.alerts.filter(a => a.state === 'firing')
    : [];
  const metrics = row.sources.metrics?.ok
    ? row.sources.metrics.value
    : undefined;
  const build = row.sources.builds?.ok
    ? row.sources.builds.value.builds[0]
    : undefined;
  const critical = alerts.filter(a => a.severity === 'critical').length;
  const warning = alerts.filter(a => a.severity === 'warning').length;
  return {
    row,
    verdictRank: VERDICT_RANK[row.verdict] ?? 2,
    sync: app?.syncStatus,
    health: app?.healthStatus,
    deployedAtMs: deployedAt ? Date.parse(deployedAt) : undefined,
    critical,
    warning,
    otherAlerts: alerts.length - critical - warning,
    rate: lastPoint(metrics, 'rate'),
    errorRatio: lastPoint(metrics, 'errorRatio'),
    p95Ms: lastPoint(metrics, 'p95'),
    buildNumber: build?.number,
    buildResult: build?.result,
    search: [row.name, row.title, row.owner, row.system, row.verdict]
      .filter(Boolean)
      .join(' ')
      .toLocaleLowerCase(),
  };
}

/** The columns a fleet table sorts by. */
export type FleetSortKey =
  | 'verdict'
  | 'name'
  | 'deployed'
  | 'alerts'
  | 'rate'
  | 'errorRatio'
  | 'p95'
  | 'build';

/** A column's value of a row; `undefined` (no data) always sorts last, whichever the direction. */
const COLUMNS: Record<
  FleetSortKey,
  (c: FleetCells) => number | string | null | undefined
> = {
  verdict: c => c.verdictRank,
  name: c => c.row.name,
  deployed: c => c.deployedAtMs,
  alerts: c => c.critical * 10_000 + c.warning,
  rate: c => c.rate,
  errorRatio: c => c.errorRatio,
  p95: c => c.p95Ms,
  build: c => c.buildResult,
};

/** Compares two rows by a column; ties fall back to failing first, then name. */
export function compareFleetCells(
  key: FleetSortKey,
  direction: 'asc' | 'desc',
): (a: FleetCells, b: FleetCells) => number {
  const sign = direction === 'asc' ? 1 : -1;
  const value = COLUMNS[key];
  const byColumn = (a: FleetCells, b: FleetCells) => {
    const x = value(a);
    const y = value(b);
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y));
    return sign * order;
  };
  return (a, b) =>
    byColumn(a, b) ||
    a.verdictRank - b.verdictRank ||
    a.row.name.localeCompare(b.row.name);
}

/** The rows whose text holds `filter` (case-insensitive), only the problems when `problemsOnly`. */
export function filterFleetCells(
  cells: FleetCells[],
  filter: string,
  problemsOnly: boolean,
): FleetCells[] {
  const needle = filter.trim().toLocaleLowerCase();
  return cells.filter(
    c =>
      (!problemsOnly || c.verdictRank <= 1) &&
      (!needle || c.search.includes(needle)),
  );
}
