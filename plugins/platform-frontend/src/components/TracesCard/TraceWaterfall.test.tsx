import { createTheme } from '@material-ui/core/styles';
import { fireEvent, screen, within } from '@testing-library/react';
import { GRAPHIC_CONTRAST, readableColor } from '../common/readableColor';
import { trace } from '../../__testUtils__/fixtures';
import { TraceWaterfall } from './TraceWaterfall';
import { buildWaterfall, serviceColor } from './waterfall';
import { renderWithStrings } from '../../__testUtils__/renderWithStrings';

describe('TraceWaterfall', () => {
  it('draws spans in tree order, coloured by service, errors marked', () => {
    renderWithStrings(
      <TraceWaterfall
        layout={buildWaterfall(trace.spans)}
        onSelect={jest.fn()}
      />,
    );
    const rows = screen.getAllByTestId('waterfall-row');
    expect(rows.map(r => r.textContent)).toEqual([
      expect.stringContaining('msa-nginx GET /login'),
      expect.stringContaining('login-js POST /auth'),
      expect.stringContaining('login-js orphan'),
    ]);
    expect(rows[1]).toHaveAttribute('data-error', 'true');
    expect(within(rows[1]).getByLabelText('error')).toHaveAttribute(
      'title',
      'password store unreachable',
    );
    expect(rows[0]).not.toHaveAttribute('data-error');
    // The bar takes the service's colour as adjusted to the (default) theme; jsdom normalises it to rgb().
    const probe = document.createElement('div');
    probe.style.backgroundColor = readableColor(
      createTheme(),
      serviceColor(1),
      GRAPHIC_CONTRAST,
    );
    expect(probe.style.backgroundColor).toMatch(/^rgb/);
    const bar = rows[1].querySelector(
      '[role=gridcell]:last-child > div',
    ) as HTMLElement;
    expect(bar.style.backgroundColor).toBe(probe.style.backgroundColor);
    expect(bar.style.left).toBe(`${(10 / 120) * 100}%`);
  });

  it('selects a span by click or Enter', () => {
    const onSelect = jest.fn();
    renderWithStrings(
      <TraceWaterfall
        layout={buildWaterfall(trace.spans)}
        onSelect={onSelect}
        selectedSpanId="a"
      />,
    );
    const rows = screen.getAllByTestId('waterfall-row');
    expect(rows[0]).toHaveAttribute('aria-selected', 'true');
    expect(rows[1]).toHaveAttribute('tabindex', '0');
    fireEvent.click(rows[1]);
    expect(onSelect).toHaveBeenLastCalledWith('b');
    fireEvent.keyDown(rows[2], { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith('c');
  });

  it('virtualises 5,000 spans', () => {
    const spans = Array.from({ length: 5000 }, (_, i) => ({
      ...trace.spans[1],
      spanId: `s${i}`,
      parentSpanId: i ? 's0' : undefined,
    }));
    renderWithStrings(
      <TraceWaterfall layout={buildWaterfall(spans)} onSelect={jest.fn()} />,
    );
    expect(screen.getAllByTestId('waterfall-row').length).toBeLessThan(60);
  });
});
