import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import {
  forwardRef,
  HTMLAttributes,
  useCallback,
  useMemo,
  useRef,
  useState,
} from 'react';
import { VariableSizeList } from 'react-window';
import { platformTranslationRef } from '../../translation';
import { LogRow, LogRowData } from './LogRow';
import { useExpandedLines } from './useExpandedLines';
import { LOG_ROW_HEIGHT, useLogStyles } from './useLogStyles';
import { useRovingRow } from './useRovingRow';

const Outer = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(
  function OuterElement(props, ref) {
    const { t } = useTranslationRef(platformTranslationRef);
    return (
      <div ref={ref} role="list" aria-label={t('logsCard.lines')} {...props} />
    );
  },
);

let viewers = 0;

/**
 * Virtualised log viewer: only the visible rows are in the DOM, so 10,000 lines render as fast as 20.
 * A line expands in place (click, Enter or Space) to its whole text and parsed fields; the list is one tab
 * stop, moved through with the arrow keys.
 */
export function LogViewer(props: {
  lines: LogLine[];
  onTraceClick?: (traceId: string) => void;
  height?: number;
}) {
  const classes = useLogStyles();
  const { lines, onTraceClick, height = 400 } = props;
  const listRef = useRef<VariableSizeList>(null);
  const outerRef = useRef<HTMLDivElement>(null);
  const { expanded, itemSize, toggle, onMeasure } = useExpandedLines(
    lines,
    listRef,
  );
  const { tabbableIndex, onItemsRendered, onNavigate, onFocusRow } =
    useRovingRow(lines, listRef, outerRef);

  const [keys] = useState(() => ({
    prefix: `platform-log-${++viewers}`,
    ids: new WeakMap<LogLine, number>(),
    next: 0,
  }));
  const keyOf = useCallback(
    (line: LogLine) => {
      let key = keys.ids.get(line);
      if (key === undefined) {
        key = keys.next++;
        keys.ids.set(line, key);
      }
      return key;
    },
    [keys],
  );
  const detailId = useCallback(
    (line: LogLine) => `${keys.prefix}-${keyOf(line)}`,
    [keys, keyOf],
  );

  const itemData = useMemo<LogRowData>(
    () => ({
      lines,
      onTraceClick,
      expanded,
      tabbableIndex,
      detailId,
      onToggle: toggle,
      onNavigate,
      onFocusRow,
      onMeasure,
    }),
    [
      lines,
      onTraceClick,
      expanded,
      tabbableIndex,
      detailId,
      toggle,
      onNavigate,
      onFocusRow,
      onMeasure,
    ],
  );
  // A short list is as high as its rows, expanded ones included; a long one scrolls within `height`.
  let listHeight = height;
  if (lines.length * LOG_ROW_HEIGHT < height) {
    let total = 0;
    for (let i = 0; i < lines.length; i++) total += itemSize(i);
    listHeight = Math.min(height, Math.max(total, LOG_ROW_HEIGHT) + 2);
  }
  return (
    <VariableSizeList
      ref={listRef}
      outerRef={outerRef}
      className={classes.list}
      outerElementType={Outer}
      height={listHeight}
      width="100%"
      itemCount={lines.length}
      itemSize={itemSize}
      estimatedItemSize={LOG_ROW_HEIGHT}
      itemData={itemData}
      // Rows keep their DOM node (and focus) while a live tail prepends lines above them.
      itemKey={(index, data) => keyOf(data.lines[index])}
      onItemsRendered={onItemsRendered}
      overscanCount={10}
    >
      {LogRow}
    </VariableSizeList>
  );
}
