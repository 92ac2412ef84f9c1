import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { trace } from '../../__testUtils__/fixtures';
import { tabTo } from '../../__testUtils__/keyboard';
import { TraceDetailView } from './TraceDetailView';
import { renderWithStrings } from '../../__testUtils__/renderWithStrings';

describe('TraceDetailView', () => {
  it('opens and closes a span with the keyboard alone: Tab to it, Enter, Space', async () => {
    const user = userEvent.setup();
    renderWithStrings(
      <TraceDetailView
        trace={trace}
        onBack={jest.fn()}
        onShowLogs={jest.fn()}
      />,
    );
    const rows = screen.getAllByTestId('waterfall-row');
    await tabTo(user, rows[0]);
    // Each span is one more Tab away.
    await tabTo(user, rows[1], 1);
    await user.keyboard('{Enter}');
    expect(rows[1]).toHaveAttribute('aria-selected', 'true');
    const details = screen.getByTestId('span-details');
    expect(details).toHaveTextContent('login-js: POST /auth');
    expect(
      within(details).getByRole('table', { name: 'Span attributes' }),
    ).toHaveTextContent('http.route/authhttp.status_code500');

    await user.keyboard(' ');
    expect(screen.queryByTestId('span-details')).toBeNull();
    expect(rows[1]).toHaveAttribute('aria-selected', 'false');
  });

  it('says how many spans of other namespaces were withheld, and nothing when none were', () => {
    const { rerender } = renderWithStrings(
      <TraceDetailView
        trace={{ ...trace, withheldSpans: 3 }}
        onBack={jest.fn()}
        onShowLogs={jest.fn()}
      />,
    );
    expect(screen.getByTestId('withheld-spans')).toHaveTextContent(
      '3 more spans run in other namespaces and are not shown',
    );
    rerender(
      <TraceDetailView
        trace={{ ...trace, withheldSpans: 1 }}
        onBack={jest.fn()}
        onShowLogs={jest.fn()}
      />,
    );
    expect(screen.getByTestId('withheld-spans')).toHaveTextContent(
      '1 more span runs in other namespaces and is not shown',
    );
    rerender(
      <TraceDetailView
        trace={{ ...trace, withheldSpans: 0 }}
        onBack={jest.fn()}
        onShowLogs={jest.fn()}
      />,
    );
    expect(screen.queryByTestId('withheld-spans')).toBeNull();
  });
});
