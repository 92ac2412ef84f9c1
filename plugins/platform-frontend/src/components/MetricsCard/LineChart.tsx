import { makeStyles } from '@material-ui/core/styles';
import { MetricPoint } from '@paved-road/backstage-plugin-platform-common';
import { formatClock } from '../../format';

const WIDTH = 600;
const HEIGHT = 150;
const MARGIN = { top: 10, right: 10, bottom: 20, left: 48 };

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', height: 'auto', display: 'block', overflow: 'visible' },
  line: { fill: 'none', stroke: theme.palette.primary.main, strokeWidth: 2 },
  grid: { stroke: theme.palette.divider, strokeWidth: 1 },
  label: { fill: theme.palette.text.secondary, fontSize: 11 },
  marker: {
    stroke: theme.palette.warning.main,
    strokeWidth: 1.5,
    strokeDasharray: '4 3',
  },
  markerHit: { stroke: 'transparent', strokeWidth: 10 },
}));

/** A vertical marker on the time axis, e.g. a deployment. */
export interface ChartMarker {
  /** Unix seconds. */
  at: number;
  label: string;
}

/**
 * Plain SVG line chart of one series over `[start, end]` (unix seconds); `null` values leave gaps.
 */
export function LineChart(props: {
  title: string;
  points: MetricPoint[];
  start: number;
  end: number;
  markers?: ChartMarker[];
  format: (value: number) => string;
  /** Smallest top of the y axis, e.g. 1 for a ratio so a flat 0 still has a scale. */
  minMax?: number;
}) {
  const classes = useStyles();
  const { points, start, end, markers = [], format } = props;
  const values = points.map(p => p[1]).filter((v): v is number => v !== null);
  const max = Math.max(props.minMax ?? 0, ...values) || 1;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const span = Math.max(end - start, 1);
  const x = (t: number) => MARGIN.left + ((t - start) / span) * plotW;
  const y = (v: number) => MARGIN.top + plotH - (v / max) * plotH;

  let path = '';
  let penDown = false;
  for (const [t, v] of points) {
    if (v === null) {
      penDown = false;
      continue;
    }
    path += `${penDown ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)}`;
    penDown = true;
  }
  const last = values.length ? values[values.length - 1] : undefined;
  const ticks = [0, max / 2, max];

  return (
    <svg
      className={classes.svg}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`${props.title}: ${
        last === undefined ? 'no data' : `latest ${format(last)}`
      }`}
    >
      {ticks.map(v => (
        <g key={v}>
          <line
            className={classes.grid}
            x1={MARGIN.left}
            x2={WIDTH - MARGIN.right}
            y1={y(v)}
            y2={y(v)}
          />
          <text
            className={classes.label}
            x={MARGIN.left - 4}
            y={y(v) + 4}
            textAnchor="end"
          >
            {format(v)}
          </text>
        </g>
      ))}
      <text className={classes.label} x={MARGIN.left} y={HEIGHT - 4}>
        {formatClock(start * 1000).slice(0, 5)}
      </text>
      <text
        className={classes.label}
        x={WIDTH - MARGIN.right}
        y={HEIGHT - 4}
        textAnchor="end"
      >
        {formatClock(end * 1000).slice(0, 5)}
      </text>
      {path && <path className={classes.line} d={path} />}
      {markers
        .filter(m => m.at >= start && m.at <= end)
        .map(m => (
          <g key={`${m.at}-${m.label}`} data-testid="deploy-marker">
            <title>{m.label}</title>
            <line
              className={classes.marker}
              x1={x(m.at)}
              x2={x(m.at)}
              y1={MARGIN.top}
              y2={MARGIN.top + plotH}
            />
            <line
              className={classes.markerHit}
              x1={x(m.at)}
              x2={x(m.at)}
              y1={MARGIN.top}
              y2={MARGIN.top + plotH}
            />
          </g>
        ))}
    </svg>
  );
}
