import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { CSSProperties, KeyboardEvent, memo } from 'react';
import { formatDuration } from '../../format';
import { useWaterfallStyles } from './useWaterfallStyles';
import { WaterfallRow } from './waterfall';
import { platformTranslationRef } from '../../translation';

/** What every row of the virtualised waterfall shares. */
export interface WaterfallRowData {
  rows: WaterfallRow[];
  totalMs: number;
  /** Colour of each service (see useServiceColors). */
  serviceColors: Map<string, string>;
  selectedSpanId?: string;
  onSelect: (spanId: string) => void;
}

/** Indent per depth: small, so a deep span still shows its name on a phone-wide card. */
const INDENT_PX = 8;

/** One span: indented name with its service colour, then its bar on the trace's time axis. */
export const WaterfallRowView = memo(function WaterfallRowComponent(props: {
  index: number;
  style: CSSProperties;
  data: WaterfallRowData;
}) {
  const classes = useWaterfallStyles();
  const { t } = useTranslationRef(platformTranslationRef);
  const { rows, totalMs, serviceColors, selectedSpanId, onSelect } = props.data;
  const { span, depth, offsetMs, durationMs } = rows[props.index];
  const color = serviceColors.get(span.serviceName);
  const isError = span.status === 'error';
  const left = totalMs > 0 ? (offsetMs / totalMs) * 100 : 0;
  const width = totalMs > 0 ? (durationMs / totalMs) * 100 : 100;
  const selected = span.spanId === selectedSpanId;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(span.spanId);
    }
  };
  return (
    <div
      role="row"
      tabIndex={0}
      aria-selected={selected}
      data-testid="waterfall-row"
      data-error={isError || undefined}
      className={`${classes.row} ${selected ? classes.selected : ''}`}
      style={props.style}
      onClick={() => onSelect(span.spanId)}
      onKeyDown={onKeyDown}
    >
      <div
        role="gridcell"
        className={classes.name}
        style={{
          paddingLeft: 4 + Math.min(depth, 30) * INDENT_PX,
        }}
      >
        <span className={classes.dot} style={{ backgroundColor: color }} />
        <span
          className={classes.nameText}
          title={`${span.serviceName}: ${span.name}`}
        >
          <strong>{span.serviceName}</strong> {span.name}
        </span>
        {isError && (
          <span
            className={classes.error}
            role="img"
            aria-label={t('tracesCard.statusError')}
            title={span.statusMessage ?? t('tracesCard.statusError')}
          >
            !
          </span>
        )}
      </div>
      <div role="gridcell" className={classes.track}>
        <div
          className={`${classes.bar} ${isError ? classes.barError : ''}`}
          style={{
            left: `${left}%`,
            width: `${width}%`,
            backgroundColor: color,
          }}
        />
        {/* After the bar while there is room; past the middle, right-aligned over the track's end. */}
        <span
          className={classes.duration}
          style={
            left + width <= 55 ? { left: `${left + width}%` } : { right: 0 }
          }
        >
          {formatDuration(durationMs)}
        </span>
      </div>
    </div>
  );
});
