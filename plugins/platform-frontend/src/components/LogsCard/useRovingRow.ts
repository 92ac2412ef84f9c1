import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import {
  RefObject,
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { ListOnItemsRenderedProps, VariableSizeList } from 'react-window';

/** Rows PageUp / PageDown move by. */
const PAGE_ROWS = 10;

/**
 * Keyboard focus in a virtualised list (roving tab index): the list is one tab stop, its active row (or the
 * first visible one when the active row is scrolled out of the DOM); the arrow keys, Home/End and
 * PageUp/PageDown move the focus, scrolling the row into view first.
 */
export function useRovingRow(
  lines: LogLine[],
  listRef: RefObject<VariableSizeList>,
  outerRef: RefObject<HTMLElement>,
) {
  const [active, setActive] = useState<LogLine>();
  const [rendered, setRendered] = useState({ start: 0, stop: 0, first: 0 });
  const focusIndex = useRef<number>();

  const activeIndex = active ? lines.indexOf(active) : -1;
  const tabbableIndex =
    activeIndex >= rendered.start && activeIndex <= rendered.stop
      ? activeIndex
      : Math.min(rendered.first, Math.max(lines.length - 1, 0));

  const onItemsRendered = useCallback((range: ListOnItemsRenderedProps) => {
    setRendered(previous =>
      previous.start === range.overscanStartIndex &&
      previous.stop === range.overscanStopIndex &&
      previous.first === range.visibleStartIndex
        ? previous
        : {
            start: range.overscanStartIndex,
            stop: range.overscanStopIndex,
            first: range.visibleStartIndex,
          },
    );
  }, []);

  const onNavigate = useCallback(
    (index: number, key: string) => {
      const moves: Record<string, number> = {
        ArrowDown: index + 1,
        ArrowUp: index - 1,
        PageDown: index + PAGE_ROWS,
        PageUp: index - PAGE_ROWS,
        Home: 0,
        End: lines.length - 1,
      };
      if (!(key in moves)) return false;
      const next = Math.max(0, Math.min(moves[key], lines.length - 1));
      setActive(lines[next]);
      listRef.current?.scrollToItem(next);
      focusIndex.current = next;
      return true;
    },
    [lines, listRef],
  );

  const onFocusRow = useCallback(
    (index: number) => setActive(lines[index]),
    [lines],
  );

  // The row to focus is in the DOM once the scroll has been rendered, in the same commit.
  useLayoutEffect(() => {
    if (focusIndex.current === undefined) return;
    outerRef.current
      ?.querySelector<HTMLElement>(
        `[data-index="${focusIndex.current}"] [aria-expanded]`,
      )
      ?.focus();
    focusIndex.current = undefined;
  });

  return { tabbableIndex, onItemsRendered, onNavigate, onFocusRow };
}
