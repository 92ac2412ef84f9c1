import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import {
  RefObject,
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { VariableSizeList } from 'react-window';
import { LOG_ROW_HEIGHT } from './useLogStyles';

/** Size given to an expanded line until its content has been measured. */
const EXPANDED_ESTIMATE = LOG_ROW_HEIGHT * 4;

/**
 * Which lines of a virtualised list are shown in full, and the row sizes that follow: a folded line is one
 * row high, an expanded one as high as its measured content. Lines are tracked by identity, so a line stays
 * expanded while a live tail prepends new ones above it.
 */
export function useExpandedLines(
  lines: LogLine[],
  listRef: RefObject<VariableSizeList>,
) {
  const [expanded, setExpanded] = useState<ReadonlySet<LogLine>>(
    () => new Set(),
  );
  // Measured sizes of expanded lines (kept when folded, for the next unfold).
  const [heights, setHeights] = useState<ReadonlyMap<LogLine, number>>(
    () => new Map(),
  );
  const linesRef = useRef(lines);
  linesRef.current = lines;
  const heightsRef = useRef(heights);
  heightsRef.current = heights;

  // react-window caches offsets by index: when lines move, the expanded ones' sizes move with them. With
  // none expanded every row is one row high, so nothing is recomputed (the first paint stays one render).
  const anyExpanded = expanded.size > 0;
  useLayoutEffect(() => {
    if (anyExpanded) listRef.current?.resetAfterIndex(0);
  }, [lines, anyExpanded, listRef]);

  const itemSize = useCallback(
    (index: number) => {
      const line = lines[index];
      if (!expanded.has(line)) return LOG_ROW_HEIGHT;
      return heights.get(line) ?? EXPANDED_ESTIMATE;
    },
    [lines, expanded, heights],
  );

  const toggle = useCallback(
    (index: number) => {
      const line = linesRef.current[index];
      // Cleared before the render the state change causes, so that render lays out with the new size.
      listRef.current?.resetAfterIndex(index, false);
      setExpanded(previous => {
        const next = new Set(previous);
        if (!next.delete(line)) next.add(line);
        return next;
      });
    },
    [listRef],
  );

  const onMeasure = useCallback(
    (line: LogLine, contentHeight: number) => {
      // + the row's bottom border. Nothing laid out yet (0) keeps the estimate.
      const size = contentHeight + 1;
      if (contentHeight <= 0 || heightsRef.current.get(line) === size) return;
      const index = linesRef.current.indexOf(line);
      if (index >= 0) listRef.current?.resetAfterIndex(index, false);
      setHeights(previous => new Map(previous).set(line, size));
    },
    [listRef],
  );

  return { expanded, itemSize, toggle, onMeasure };
}
