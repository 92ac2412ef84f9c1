import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { logLine, TRACE_ID } from '../../__testUtils__/fixtures';
import { tabTo } from '../../__testUtils__/keyboard';
import { LogViewer } from './LogViewer';
import { LOG_ROW_HEIGHT } from './useLogStyles';
import { renderWithStrings } from '../../__testUtils__/renderWithStrings';

const LONG = `{"level":"error","msg":"upstream timed out","trace_id":"${TRACE_ID}","detail":"${'x'.repeat(
  400,
)}"}`;

const rows = () => screen.getAllByTestId('log-row');
const toggleOf = (row: HTMLElement) =>
  within(row).getByTestId('log-row-toggle');

describe('LogViewer', () => {
  it('virtualises: 10,000 lines put only a screenful of rows in the DOM', () => {
    const lines = Array.from({ length: 10000 }, (_, i) => logLine(i));
    renderWithStrings(<LogViewer lines={lines} height={400} />);
    expect(rows().length).toBeGreaterThan(10);
    expect(rows().length).toBeLessThan(60);
  });

  it('marks each level and opens a line trace id', () => {
    const onTraceClick = jest.fn();
    renderWithStrings(
      <LogViewer
        lines={[
          logLine(1, { level: 'error', traceId: TRACE_ID, line: 'boom' }),
          logLine(2, { level: 'warn' }),
          logLine(3, { level: 'debug' }),
        ]}
        onTraceClick={onTraceClick}
      />,
    );
    expect(rows().map(r => r.dataset.level)).toEqual([
      'error',
      'warn',
      'debug',
    ]);
    expect(within(rows()[0]).getByText('error').className).toMatch(/error/);
    expect(within(rows()[1]).getByText('warn').className).toMatch(/warn/);
    fireEvent.click(
      within(rows()[0]).getByRole('button', {
        name: `Open trace ${TRACE_ID}`,
      }),
    );
    expect(onTraceClick).toHaveBeenCalledWith(TRACE_ID);
    // Opening the trace is not a click on the line: it stays folded.
    expect(toggleOf(rows()[0])).toHaveAttribute('aria-expanded', 'false');
    expect(
      within(rows()[1]).queryByRole('button', { name: /^Open trace/ }),
    ).toBeNull();
  });

  it('expands a line in place on click: the whole text wrapped, its parsed fields and labels', () => {
    renderWithStrings(
      <LogViewer
        lines={[logLine(1, { line: LONG }), logLine(2, { line: 'next' })]}
      />,
    );
    expect(screen.queryByTestId('log-detail')).toBeNull();
    const toggle = toggleOf(rows()[0]);
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const detail = within(rows()[0]).getByTestId('log-detail');
    expect(toggle).toHaveAttribute('aria-controls', detail.id);
    expect(detail).toHaveTextContent(LONG);
    const fields = within(detail).getByRole('table', { name: 'Parsed fields' });
    expect(within(fields).getAllByRole('row')).toHaveLength(4);
    expect(
      within(fields).getByRole('rowheader', { name: 'msg' }).nextSibling,
    ).toHaveTextContent('upstream timed out');
    expect(detail).toHaveTextContent('Labels: app=msa-nginx');
    // The other line is untouched, and a second click folds the first again.
    expect(toggleOf(rows()[1])).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByTestId('log-detail')).toBeNull();
  });

  it('shows no fields table for a plain text line', () => {
    renderWithStrings(
      <LogViewer lines={[logLine(1, { line: 'plain words only' })]} />,
    );
    fireEvent.click(toggleOf(rows()[0]));
    expect(screen.getByTestId('log-detail')).toHaveTextContent(
      'plain words only',
    );
    expect(screen.queryByRole('table', { name: 'Parsed fields' })).toBeNull();
  });

  it('stays virtualised with a line expanded, which grows to its measured height', () => {
    const offsetHeight = jest
      .spyOn(HTMLElement.prototype, 'offsetHeight', 'get')
      .mockReturnValue(180);
    try {
      const lines = Array.from({ length: 10000 }, (_, i) =>
        logLine(i, { line: i === 1 ? LONG : `line ${i}` }),
      );
      renderWithStrings(<LogViewer lines={lines} height={400} />);
      fireEvent.click(toggleOf(rows()[1]));
      expect(rows()[1].style.height).toBe('181px');
      // The rows below move down by what the expanded one grew.
      expect(rows()[2].style.top).toBe(`${LOG_ROW_HEIGHT + 181}px`);
      expect(rows()[0].style.height).toBe(`${LOG_ROW_HEIGHT}px`);
      expect(rows().length).toBeLessThan(60);
    } finally {
      offsetHeight.mockRestore();
    }
  });

  it('keeps a line expanded while a live tail prepends lines above it', () => {
    const lines = [logLine(1, { line: LONG }), logLine(2)];
    const { rerender } = renderWithStrings(<LogViewer lines={lines} />);
    fireEvent.click(toggleOf(rows()[0]));
    rerender(<LogViewer lines={[logLine(3, { line: 'tailed' }), ...lines]} />);
    expect(toggleOf(rows()[0])).toHaveAttribute('aria-expanded', 'false');
    expect(toggleOf(rows()[1])).toHaveAttribute('aria-expanded', 'true');
    expect(within(rows()[1]).getByTestId('log-detail')).toHaveTextContent(LONG);
  });

  it('is one tab stop, moved with the arrow keys; Enter and Space fold and unfold', async () => {
    const user = userEvent.setup();
    renderWithStrings(
      <LogViewer
        lines={[
          logLine(1, { line: 'first' }),
          logLine(2, { line: 'second', traceId: TRACE_ID }),
          logLine(3, { line: 'third' }),
        ]}
      />,
    );
    const [first, second, third] = rows().map(toggleOf);
    await tabTo(user, first, 1);
    expect(second).toHaveAttribute('tabindex', '-1');
    await user.keyboard('{ArrowDown}');
    expect(second).toHaveFocus();
    expect(second).toHaveAttribute('tabindex', '0');
    expect(first).toHaveAttribute('tabindex', '-1');
    await user.keyboard('{Enter}');
    expect(second).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard(' ');
    expect(second).toHaveAttribute('aria-expanded', 'false');
    // The active line's trace button is the next stop; then focus leaves the list.
    await user.tab();
    expect(
      screen.getByRole('button', { name: `Open trace ${TRACE_ID}` }),
    ).toHaveFocus();
    await user.tab({ shift: true });
    await user.keyboard('{End}');
    expect(third).toHaveFocus();
    await user.keyboard('{Home}');
    expect(first).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(first).toHaveFocus();
  });

  it('keeps a tab stop in the DOM when the active line scrolls out of it', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => logLine(i));
    renderWithStrings(<LogViewer lines={lines} height={400} />);
    act(() => toggleOf(rows()[0]).focus());
    const list = screen.getByRole('list', { name: 'Log lines' });
    // jsdom lays nothing out: give the list the sizes react-window clamps the scroll position with.
    Object.defineProperty(list, 'scrollHeight', {
      value: 1000 * LOG_ROW_HEIGHT,
    });
    Object.defineProperty(list, 'clientHeight', { value: 400 });
    act(() => {
      list.scrollTop = 500 * LOG_ROW_HEIGHT;
      fireEvent.scroll(list);
    });
    const tabbable = rows()
      .map(toggleOf)
      .filter(t => t.getAttribute('tabindex') === '0');
    expect(tabbable).toHaveLength(1);
    expect(tabbable[0].closest('[data-index]')).toHaveAttribute(
      'data-index',
      '500',
    );
  });
});
