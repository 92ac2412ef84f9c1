import { fireEvent, render, screen, within } from '@testing-library/react';
import { logLine, TRACE_ID } from '../../__testUtils__/fixtures';
import { LogViewer } from './LogViewer';

describe('LogViewer', () => {
  it('virtualises: 10,000 lines put only a screenful of rows in the DOM', () => {
    const lines = Array.from({ length: 10000 }, (_, i) => logLine(i));
    render(<LogViewer lines={lines} height={400} />);
    const rows = screen.getAllByTestId('log-row');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
  });

  it('marks each level and opens a line trace id', () => {
    const onTraceClick = jest.fn();
    render(
      <LogViewer
        lines={[
          logLine(1, { level: 'error', traceId: TRACE_ID, line: 'boom' }),
          logLine(2, { level: 'warn' }),
          logLine(3, { level: 'debug' }),
        ]}
        onTraceClick={onTraceClick}
      />,
    );
    const rows = screen.getAllByTestId('log-row');
    expect(rows.map(r => r.dataset.level)).toEqual(['error', 'warn', 'debug']);
    expect(within(rows[0]).getByText('error').className).toMatch(/error/);
    expect(within(rows[1]).getByText('warn').className).toMatch(/warn/);
    fireEvent.click(
      within(rows[0]).getByRole('button', { name: `Open trace ${TRACE_ID}` }),
    );
    expect(onTraceClick).toHaveBeenCalledWith(TRACE_ID);
    expect(within(rows[1]).queryByRole('button')).toBeNull();
  });

  it('is a keyboard-focusable list', () => {
    render(<LogViewer lines={[logLine(1)]} />);
    expect(screen.getByRole('list', { name: 'Log lines' })).toHaveAttribute(
      'tabindex',
      '0',
    );
  });
});
