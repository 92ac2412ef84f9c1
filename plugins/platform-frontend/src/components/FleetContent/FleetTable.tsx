import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo, useState } from 'react';
import { formatRelative } from '../../format';
import { platformTranslationRef } from '../../translation';
import { StatusChip } from '../common/StatusChip';
import { Tone } from '../common/toneColor';
import {
  FleetCells,
  FleetSortKey,
  compareFleetCells,
  filterFleetCells,
} from './fleetCells';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
    marginBottom: theme.spacing(1),
  },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: theme.typography.body2.fontSize,
    '& th, & td': {
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.palette.divider}`,
      textAlign: 'left',
      whiteSpace: 'nowrap',
    },
    '& td.number, & th.number': { textAlign: 'right' },
  },
  sort: {
    background: 'none',
    border: 'none',
    padding: 0,
    font: 'inherit',
    fontWeight: theme.typography.fontWeightBold as number,
    color: 'inherit',
    cursor: 'pointer',
  },
  muted: { color: theme.palette.text.secondary },
  pager: {
    display: 'flex',
    gap: theme.spacing(2),
    alignItems: 'center',
    marginTop: theme.spacing(1),
  },
}));

const VERDICT_TONE: Record<string, Tone> = {
  healthy: 'ok',
  degraded: 'warning',
  failing: 'error',
  unknown: 'neutral',
};

/**
 * Rows per page. A 500-row table took several hundred ms to first paint in headless Chromium (yarn
 * bench:fleet), most of it per row; a page of 50 keeps the first paint well under 200 ms and the problems
 * still come first.
 */
export const FLEET_PAGE_SIZE = 50;

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

const percent = (v: number | null) =>
  v === null ? '–' : `${(v * 100).toFixed(v < 0.1 ? 2 : 1)}%`;
const number = (v: number | null, digits = 1) =>
  v === null ? '–' : v.toFixed(digits);

/**
 * Every component of a fleet answer as one row: verdict, Argo CD state and revision age, firing alerts by
 * severity, rate, error ratio, p95 and last build; sortable by each column, filtered by text and to the
 * problems. `healthLink` gives each component's Health tab.
 */
export function FleetTable(props: {
  cells: FleetCells[];
  healthLink: (cells: FleetCells) => string;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(platformTranslationRef);
  const [filter, setFilter] = useState('');
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [sort, setSort] = useState<{
    key: FleetSortKey;
    direction: 'asc' | 'desc';
  }>({ key: 'verdict', direction: 'asc' });
  const [pageIndex, setPageIndex] = useState(0);
  const shown = useMemo(
    () =>
      filterFleetCells(props.cells, filter, problemsOnly).sort(
        compareFleetCells(sort.key, sort.direction),
      ),
    [props.cells, filter, problemsOnly, sort],
  );
  const pages = Math.max(1, Math.ceil(shown.length / FLEET_PAGE_SIZE));
  // A refresh or a narrower filter can leave fewer pages than the one open.
  const current = Math.min(pageIndex, pages - 1);
  const pageRows = shown.slice(
    current * FLEET_PAGE_SIZE,
    (current + 1) * FLEET_PAGE_SIZE,
  );
  const header = (key: FleetSortKey, label: string, numeric = false) => (
    <th
      scope="col"
      className={numeric ? 'number' : undefined}
      aria-sort={sort.key === key ? ARIA_SORT[sort.direction] : 'none'}
    >
      <button
        type="button"
        className={classes.sort}
        onClick={() => {
          setSort(s => ({
            key,
            direction: s.key === key && s.direction === 'asc' ? 'desc' : 'asc',
          }));
          setPageIndex(0);
        }}
      >
        {label}
      </button>
    </th>
  );
  return (
    <div>
      <div className={classes.toolbar}>
        <input
          type="search"
          aria-label={t('fleet.filter')}
          placeholder={t('fleet.filter')}
          value={filter}
          onChange={e => {
            setFilter(e.target.value);
            setPageIndex(0);
          }}
        />
        <label>
          <input
            type="checkbox"
            checked={problemsOnly}
            onChange={e => {
              setProblemsOnly(e.target.checked);
              setPageIndex(0);
            }}
          />{' '}
          {t('fleet.problemsOnly')}
        </label>
        <span className={classes.muted}>
          {t('fleet.shown', {
            shown: String(shown.length),
            total: String(props.cells.length),
          })}
        </span>
      </div>
      <table className={classes.table} data-testid="fleet-table">
        <thead>
          <tr>
            {header('verdict', t('fleet.columns.verdict'))}
            {header('name', t('fleet.columns.name'))}
            {header('deployed', t('fleet.columns.argocd'))}
            {header('alerts', t('fleet.columns.alerts'))}
            {header('rate', t('fleet.columns.rate'), true)}
            {header('errorRatio', t('fleet.columns.errorRatio'), true)}
            {header('p95', t('fleet.columns.p95'), true)}
            {header('build', t('fleet.columns.build'))}
          </tr>
        </thead>
        <tbody>
          {pageRows.map(c => (
            <tr key={c.row.entityRef} data-verdict={c.row.verdict}>
              <td>
                <StatusChip
                  label={c.row.verdict}
                  tone={VERDICT_TONE[c.row.verdict] ?? 'neutral'}
                  title={c.row.reasons.map(r => r.message).join('\n')}
                />
              </td>
              <td>
                <a href={props.healthLink(c)}>{c.row.title ?? c.row.name}</a>
              </td>
              <td>
                {c.sync ? `${c.sync}/${c.health}` : '–'}
                {c.deployedAtMs !== undefined && (
                  <span className={classes.muted}>
                    {' '}
                    {formatRelative(new Date(c.deployedAtMs).toISOString())}
                  </span>
                )}
              </td>
              <td>
                {c.critical > 0 && (
                  <StatusChip label={`${c.critical} critical`} tone="error" />
                )}{' '}
                {c.warning > 0 && (
                  <StatusChip label={`${c.warning} warning`} tone="warning" />
                )}
                {c.critical + c.warning + c.otherAlerts === 0 && '–'}
              </td>
              <td className="number">{number(c.rate)}</td>
              <td className="number">{percent(c.errorRatio)}</td>
              <td className="number">
                {c.p95Ms === null ? '–' : `${number(c.p95Ms, 0)} ms`}
              </td>
              <td>
                {c.buildNumber !== undefined
                  ? `#${c.buildNumber} ${c.buildResult}`
                  : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && (
        <p className={classes.muted}>{t('fleet.empty')}</p>
      )}
      {pages > 1 && (
        <nav className={classes.pager} aria-label={t('fleet.pages')}>
          <button
            type="button"
            disabled={current === 0}
            onClick={() => setPageIndex(current - 1)}
          >
            {t('fleet.previous')}
          </button>
          <span>
            {t('fleet.page', {
              page: String(current + 1),
              pages: String(pages),
            })}
          </span>
          <button
            type="button"
            disabled={current === pages - 1}
            onClick={() => setPageIndex(current + 1)}
          >
            {t('fleet.next')}
          </button>
        </nav>
      )}
    </div>
  );
}
