import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import { MetricPoint } from '@paved-road/backstage-plugin-platform-common';
import { KeyboardEvent, MouseEvent, useRef, useState } from 'react';
import { formatClock } from '../../format';
import { GRAPHIC_CONTRAST, readableColor } from '../common/readableColor';
import { useElementWidth } from '../../hooks/useElementWidth';
import { formatTick, timeTicks } from './timeTicks';
import { platformTranslationRef } from '../../translation';

/** Until the chart is measured (and in tests without layout). */
const DEFAULT_WIDTH = 400;
const HEIGHT = 180;
const MARGIN = { top: 12, right: 12, bottom: 24, left: 56 };
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
/** Axis labels: drawn at the chart's real pixel width, so this is their size on screen. */
const LABEL_PX = 12;
/** Share of the drawing, for HTML laid over the SVG (it scales with its width). */
const pct = (v: number, of: number) => `${(v / of) * 100}%`;

const useStyles = makeStyles(theme => ({
  frame: { position: 'relative' },
  chart: {
    borderRadius: theme.shape.borderRadius,
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  svg: { width: '100%', height: HEIGHT, display: 'block', overflow: 'visible' },
  line: { fill: 'none', stroke: theme.palette.primary.main, strokeWidth: 2 },
  grid: { stroke: theme.palette.divider, strokeWidth: 1 },
  label: {
    fill: readableColor(theme, theme.palette.text.secondary),
    fontSize: LABEL_PX,
  },
  marker: {
    stroke: readableColor(theme, theme.palette.warning.main, GRAPHIC_CONTRAST),
    strokeWidth: 1.5,
    strokeDasharray: '4 3',
  },
  cursor: { stroke: theme.palette.text.secondary, strokeWidth: 1 },
  dot: {
    fill: theme.palette.primary.main,
    stroke: theme.palette.background.paper,
    strokeWidth: 2,
  },
  // 24px wide: the minimum target size (WCAG 2.5.8); the dashed line it covers stays 1.5px.
  markerHit: {
    position: 'absolute',
    width: 24,
    marginLeft: -12,
    padding: 0,
    border: 0,
    background: 'transparent',
    cursor: 'pointer',
    '&:focus-visible': {
      outline: `2px solid ${readableColor(
        theme,
        theme.palette.warning.main,
        GRAPHIC_CONTRAST,
      )}`,
    },
    '&:hover $markerLabel, &:focus $markerLabel': { display: 'block' },
  },
  markerLabel: {
    display: 'none',
    position: 'absolute',
    bottom: '100%',
    left: '50%',
    transform: 'translateX(-50%)',
    whiteSpace: 'nowrap',
    padding: theme.spacing(0.25, 0.75),
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.divider}`,
    background: theme.palette.background.paper,
    color: theme.palette.text.primary,
    fontSize: 12,
    zIndex: 1,
    pointerEvents: 'none',
  },
  legend: {
    display: 'flex',
    alignItems: 'center',
    gap: 8,
    fontSize: 12,
    color: theme.palette.text.secondary,
  },
  readout: {
    minHeight: '1.5em',
    fontSize: 12,
    color: theme.palette.text.primary,
    fontVariantNumeric: 'tabular-nums',
  },
}));

/** A vertical marker on the time axis, e.g. a deployment. */
export interface ChartMarker {
  /** Unix seconds. */
  at: number;
  label: string;
}

/** At most `max` of the ticks, evenly picked (every second, third, ...). */
export function thinTicks(ticks: number[], max: number): number[] {
  if (ticks.length <= max) return ticks;
  const every = Math.ceil(ticks.length / max);
  return ticks.filter((_, i) => i % every === 0);
}

/** Index in `points` of the defined point nearest to `t`, or -1 when none is. */
export function nearestPoint(points: MetricPoint[], t: number): number {
  let best = -1;
  for (let i = 0; i < points.length; i++) {
    if (points[i][1] === null) continue;
    if (
      best < 0 ||
      Math.abs(points[i][0] - t) < Math.abs(points[best][0] - t)
    ) {
      best = i;
    }
  }
  return best;
}

/** Index of the next defined point after `from` in direction `dir`, or -1 when there is none. */
function stepPoint(points: MetricPoint[], from: number, dir: 1 | -1): number {
  for (let i = from + dir; i >= 0 && i < points.length; i += dir) {
    if (points[i][1] !== null) return i;
  }
  return -1;
}

/**
 * Plain SVG line chart of one series over `[start, end]` (unix seconds); `null` values leave gaps.
 * Hovering, or focusing it and using the arrow keys (Home/End; Escape hides), reads out the nearest
 * point's time and value: the chart is a slider over its points, whose value text is that readout.
 * Each marker is a button showing its label on hover or focus; pressing it reads out the value there.
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
  const { t: text } = useTranslationRef(platformTranslationRef);
  const { points, start, end, markers = [], format } = props;
  const [active, setActive] = useState(-1);
  const svgRef = useRef<SVGSVGElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(frameRef, DEFAULT_WIDTH);
  const plotW = Math.max(width - MARGIN.left - MARGIN.right, 1);
  const values = points.map(p => p[1]).filter((v): v is number => v !== null);
  const max = Math.max(props.minMax ?? 0, ...values) || 1;
  const span = Math.max(end - start, 1);
  const x = (t: number) => MARGIN.left + ((t - start) / span) * plotW;
  const y = (v: number) => MARGIN.top + PLOT_H - (v / max) * PLOT_H;

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
  const yTicks = [0, max / 2, max];
  // About one time label per 110 px, so they never overlap (a phone-wide chart gets two or three).
  const xTicks = thinTicks(
    timeTicks(start, end),
    Math.max(2, Math.floor(plotW / 110)),
  );
  const shown = markers.filter(m => m.at >= start && m.at <= end);

  const firstDefined = stepPoint(points, -1, 1);
  const lastDefined = stepPoint(points, points.length, -1);
  const onKeyDown = (e: KeyboardEvent) => {
    const move = (dir: 1 | -1) => {
      if (active < 0) return lastDefined;
      const next = stepPoint(points, active, dir);
      return next < 0 ? active : next;
    };
    const next: Record<string, () => number> = {
      ArrowLeft: () => move(-1),
      ArrowRight: () => move(1),
      Home: () => firstDefined,
      End: () => lastDefined,
      Escape: () => -1,
    };
    if (!next[e.key] || lastDefined < 0) return;
    e.preventDefault();
    setActive(next[e.key]());
  };
  const onMouseMove = (e: MouseEvent) => {
    const box = svgRef.current?.getBoundingClientRect();
    if (!box?.width) return;
    const viewX = ((e.clientX - box.left) / box.width) * width;
    setActive(
      nearestPoint(points, start + ((viewX - MARGIN.left) / plotW) * span),
    );
  };

  /** `HH:mm:ss: value` of a point, or '' for none. */
  const readoutOf = (index: number) => {
    const p = index >= 0 ? points[index] : undefined;
    return p && p[1] !== null
      ? `${formatClock(p[0] * 1000).slice(0, 8)}: ${format(p[1])}`
      : '';
  };
  const point = active >= 0 ? points[active] : undefined;
  const readout = readoutOf(active);

  // The marker buttons are the slider's siblings laid over it, not its children: a slider may not contain
  // other controls (axe nested-interactive). The pointer is followed over both.
  return (
    <div>
      <div
        ref={frameRef}
        className={classes.frame}
        onMouseMove={onMouseMove}
        onMouseLeave={() => setActive(-1)}
      >
        <div
          className={classes.chart}
          role="slider"
          aria-label={text('metricsCard.chart', { chart: props.title })}
          aria-orientation="horizontal"
          aria-valuemin={0}
          aria-valuemax={Math.max(points.length - 1, 0)}
          aria-valuenow={Math.max(active >= 0 ? active : lastDefined, 0)}
          aria-valuetext={
            readoutOf(active >= 0 ? active : lastDefined) ||
            text('metricsCard.pointNoData')
          }
          tabIndex={0}
          onKeyDown={onKeyDown}
          onFocus={e => {
            if (e.target === e.currentTarget && active < 0)
              setActive(lastDefined);
          }}
          onBlur={e => {
            if (e.target === e.currentTarget) setActive(-1);
          }}
        >
          <svg
            ref={svgRef}
            className={classes.svg}
            viewBox={`0 0 ${width} ${HEIGHT}`}
            role="img"
            aria-label={
              last === undefined
                ? text('metricsCard.chartNoData', { chart: props.title })
                : text('metricsCard.chartLatest', {
                    chart: props.title,
                    value: format(last),
                  })
            }
          >
            {yTicks.map(v => (
              <g key={v}>
                <line
                  className={classes.grid}
                  x1={MARGIN.left}
                  x2={width - MARGIN.right}
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
            {xTicks.map(t => (
              <text
                key={t}
                data-testid="x-tick"
                className={classes.label}
                x={x(t)}
                y={HEIGHT - 4}
                textAnchor="middle"
              >
                {formatTick(t, span)}
              </text>
            ))}
            {path && <path className={classes.line} d={path} />}
            {shown.map(m => (
              <line
                key={`${m.at}-${m.label}`}
                className={classes.marker}
                x1={x(m.at)}
                x2={x(m.at)}
                y1={MARGIN.top}
                y2={MARGIN.top + PLOT_H}
              />
            ))}
            {point && point[1] !== null && (
              <g data-testid="chart-cursor">
                <line
                  className={classes.cursor}
                  x1={x(point[0])}
                  x2={x(point[0])}
                  y1={MARGIN.top}
                  y2={MARGIN.top + PLOT_H}
                />
                <circle
                  className={classes.dot}
                  cx={x(point[0])}
                  cy={y(point[1])}
                  r={4}
                />
              </g>
            )}
          </svg>
        </div>
        {shown.map(m => (
          <button
            type="button"
            key={`${m.at}-${m.label}`}
            className={classes.markerHit}
            style={{
              left: pct(x(m.at), width),
              top: pct(MARGIN.top, HEIGHT),
              height: pct(PLOT_H, HEIGHT),
            }}
            data-testid="deploy-marker"
            aria-label={m.label}
            onClick={() => setActive(nearestPoint(points, m.at))}
          >
            <span className={classes.markerLabel} aria-hidden>
              {m.label}
            </span>
          </button>
        ))}
      </div>
      {/* Shown for the pointer; screen readers hear it as the slider's value. */}
      <div className={classes.readout} data-testid="chart-readout">
        {readout}
      </div>
    </div>
  );
}

/** The key to the dashed deploy lines, under the charts. */
export function MarkerLegend() {
  const classes = useStyles();
  const { t } = useTranslationRef(platformTranslationRef);
  return (
    <div className={classes.legend} data-testid="deploy-legend">
      <svg width={24} height={12} aria-hidden>
        <line className={classes.marker} x1={0} x2={24} y1={6} y2={6} />
      </svg>
      {t('metricsCard.deployLegend')}
    </div>
  );
}
