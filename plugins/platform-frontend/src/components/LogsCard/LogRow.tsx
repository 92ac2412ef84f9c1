import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import { CSSProperties, memo } from 'react';
import { formatClock, nsToMs } from '../../format';
import { useLogStyles } from './useLogStyles';

/** What every row of the virtualised list shares. */
export interface LogRowData {
  lines: LogLine[];
  onTraceClick?: (traceId: string) => void;
}

/** One log line as a react-window row: time, level (coloured), trace id (opens the trace), text. */
export const LogRow = memo(function LogRowComponent(props: {
  index: number;
  style: CSSProperties;
  data: LogRowData;
}) {
  const classes = useLogStyles();
  const { lines, onTraceClick } = props.data;
  const line = lines[props.index];
  const levelClass =
    line.level === 'trace'
      ? classes.trace_
      : classes[line.level] ?? classes.unknown;
  return (
    <div
      className={classes.row}
      style={props.style}
      role="listitem"
      data-testid="log-row"
      data-level={line.level}
    >
      <span className={classes.time}>
        {formatClock(nsToMs(line.timestampNs))}
      </span>
      <span className={`${classes.level} ${levelClass}`}>{line.level}</span>
      {line.traceId && (
        <button
          type="button"
          className={classes.trace}
          title={`Open trace ${line.traceId}`}
          aria-label={`Open trace ${line.traceId}`}
          onClick={() => onTraceClick?.(line.traceId!)}
        >
          <span className={classes.traceId}>{line.traceId}</span>
        </button>
      )}
      <span className={classes.text} title={line.line}>
        {line.line}
      </span>
    </div>
  );
});
