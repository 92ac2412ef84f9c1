import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import {
  CSSProperties,
  KeyboardEvent,
  memo,
  useLayoutEffect,
  useRef,
} from 'react';
import { formatClock, nsToMs } from '../../format';
import { LogLineDetail } from './LogLineDetail';
import { summarizeLogLine } from './logSummary';
import { useLogStyles } from './useLogStyles';
import { platformTranslationRef } from '../../translation';

/** What every row of the virtualised list shares. */
export interface LogRowData {
  lines: LogLine[];
  onTraceClick?: (traceId: string) => void;
  /** Lines shown in full. */
  expanded: ReadonlySet<LogLine>;
  /** The one row in the tab order (roving tab index); the arrow keys move it. */
  tabbableIndex: number;
  /** Id of a line's expanded view, unique on the page. */
  detailId: (line: LogLine) => string;
  onToggle: (index: number) => void;
  /** Handles a navigation key pressed on row `index`; false when the key is not one. */
  onNavigate: (index: number, key: string) => boolean;
  onFocusRow: (index: number) => void;
  /** The height of an expanded line's content, whenever it changes. */
  onMeasure: (line: LogLine, contentHeight: number) => void;
}

/**
 * One log line as a react-window row: time, level (coloured), the parsed message with status and duration,
 * and the trace id (opens the trace). Clicking the line, or Enter/Space on it, shows the raw line wrapped with
 * its parsed fields below.
 */
export const LogRow = memo(function LogRowComponent(props: {
  index: number;
  style: CSSProperties;
  data: LogRowData;
}) {
  const classes = useLogStyles();
  const { t } = useTranslationRef(platformTranslationRef);
  const { index, data } = props;
  const { onTraceClick, onToggle, onNavigate, onFocusRow, onMeasure } = data;
  const line = data.lines[index];
  const expanded = data.expanded.has(line);
  const tabIndex = index === data.tabbableIndex ? 0 : -1;
  const contentRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const content = contentRef.current;
    if (!expanded || !content) return undefined;
    const report = () => onMeasure(line, content.offsetHeight);
    report();
    // The wrapped text reflows when the card is resized.
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(report);
    observer.observe(content);
    return () => observer.disconnect();
  }, [expanded, line, onMeasure]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onToggle(index);
    } else if (onNavigate(index, e.key)) {
      e.preventDefault();
    }
  };
  const onClick = () => {
    // Selecting text to copy it is not a request to fold or unfold the line.
    if (window.getSelection?.()?.toString()) return;
    onToggle(index);
  };
  const summary = summarizeLogLine(line);
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
      data-index={index}
      onFocus={() => onFocusRow(index)}
    >
      <div ref={contentRef}>
        <div className={classes.summary}>
          <div
            role="button"
            tabIndex={tabIndex}
            aria-expanded={expanded}
            aria-controls={expanded ? data.detailId(line) : undefined}
            className={classes.toggle}
            data-testid="log-row-toggle"
            onClick={onClick}
            onKeyDown={onKeyDown}
          >
            <span
              className={`${classes.chevron} ${
                expanded ? classes.chevronOpen : ''
              }`}
              aria-hidden
            />
            <span className={classes.time}>
              {formatClock(nsToMs(line.timestampNs))}
            </span>
            <span className={`${classes.level} ${levelClass}`}>
              {line.level}
            </span>
            <span className={classes.text} title={line.line}>
              {summary.message}
            </span>
            {summary.fields.map(([name, value]) => (
              <span
                key={name}
                className={classes.field}
                data-testid={`log-field-${name}`}
              >
                <span className={classes.fieldName}>{name}</span> {value}
              </span>
            ))}
          </div>
          {line.traceId && (
            <button
              type="button"
              tabIndex={tabIndex}
              className={classes.trace}
              title={t('logsCard.openTrace', { id: line.traceId })}
              aria-label={t('logsCard.openTrace', { id: line.traceId })}
              onClick={() => onTraceClick?.(line.traceId!)}
            >
              <span className={classes.traceId}>{line.traceId}</span>
            </button>
          )}
        </div>
        {expanded && <LogLineDetail id={data.detailId(line)} line={line} />}
      </div>
    </div>
  );
});
