import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import { forwardRef, HTMLAttributes, useMemo } from 'react';
import { FixedSizeList } from 'react-window';
import { LogRow, LogRowData } from './LogRow';
import { useLogStyles } from './useLogStyles';

// Fits the 24px targets of the trace buttons (WCAG 2.5.8).
const ROW_HEIGHT = 26;

const Outer = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(
  function OuterElement(props, ref) {
    // A scrollable region must be reachable by keyboard to be scrolled by it (axe scrollable-region-focusable).
    return (
      <div
        ref={ref}
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        role="list"
        aria-label="Log lines"
        {...props}
      />
    );
  },
);

/**
 * Virtualised log viewer: only the visible rows are in the DOM, so 10,000 lines render as fast as 20.
 */
export function LogViewer(props: {
  lines: LogLine[];
  onTraceClick?: (traceId: string) => void;
  height?: number;
}) {
  const classes = useLogStyles();
  const { lines, onTraceClick, height = 400 } = props;
  const itemData = useMemo<LogRowData>(
    () => ({ lines, onTraceClick }),
    [lines, onTraceClick],
  );
  return (
    <FixedSizeList
      className={classes.list}
      outerElementType={Outer}
      height={Math.min(height, Math.max(lines.length, 1) * ROW_HEIGHT + 2)}
      width="100%"
      itemCount={lines.length}
      itemSize={ROW_HEIGHT}
      itemData={itemData}
      overscanCount={10}
    >
      {LogRow}
    </FixedSizeList>
  );
}
