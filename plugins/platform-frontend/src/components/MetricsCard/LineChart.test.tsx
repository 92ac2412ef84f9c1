import { MetricPoint } from '@paved-road/backstage-plugin-platform-common';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { formatClock } from '../../format';
import { LineChart } from './LineChart';
import { renderWithStrings } from '../../__testUtils__/renderWithStrings';

const start = Date.parse('2026-01-01T11:00:00Z') / 1000;
const end = start + 3600;
const points: MetricPoint[] = [
  [start, 1],
  [start + 900, 2],
  [start + 1800, null],
  [start + 2700, 3],
];
const clock = (t: number) => formatClock(t * 1000).slice(0, 8);

function renderChart() {
  return renderWithStrings(
    <LineChart
      title="Request rate"
      points={points}
      start={start}
      end={end}
      markers={[
        { at: start + 1500, label: 'Deployed msa-nginx @ bbbbbbb' },
        { at: end + 60, label: 'outside the range' },
      ]}
      format={v => `${v}/s`}
    />,
  );
}

describe('LineChart', () => {
  it('labels the time axis with three to five ticks', () => {
    renderChart();
    const ticks = screen.getAllByTestId('x-tick');
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(5);
    for (const tick of ticks) {
      expect(tick.textContent).toMatch(/^\d\d:\d\d$/);
    }
  });

  it('reads out the nearest point with the keyboard when focused', () => {
    renderChart();
    const chart = screen.getByRole('slider', { name: 'Request rate chart' });
    const readout = screen.getByTestId('chart-readout');
    expect(readout).toHaveTextContent(/^$/);
    expect(chart).toHaveAttribute(
      'aria-valuetext',
      `${clock(start + 2700)}: 3/s`,
    );

    act(() => chart.focus());
    expect(readout).toHaveTextContent(`${clock(start + 2700)}: 3/s`);
    expect(screen.getByTestId('chart-cursor')).toBeInTheDocument();
    // The gap (null) is skipped.
    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    expect(readout).toHaveTextContent(`${clock(start + 900)}: 2/s`);
    expect(chart).toHaveAttribute('aria-valuenow', '1');
    expect(chart).toHaveAttribute(
      'aria-valuetext',
      `${clock(start + 900)}: 2/s`,
    );
    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    expect(readout).toHaveTextContent(`${clock(start)}: 1/s`);
    fireEvent.keyDown(chart, { key: 'End' });
    expect(readout).toHaveTextContent(`${clock(start + 2700)}: 3/s`);
    fireEvent.keyDown(chart, { key: 'Home' });
    expect(readout).toHaveTextContent(`${clock(start)}: 1/s`);
    fireEvent.keyDown(chart, { key: 'ArrowRight' });
    expect(readout).toHaveTextContent(`${clock(start + 900)}: 2/s`);
    fireEvent.keyDown(chart, { key: 'Escape' });
    expect(readout).toHaveTextContent(/^$/);
    expect(screen.queryByTestId('chart-cursor')).not.toBeInTheDocument();
  });

  it('reads out the point nearest the pointer on hover', () => {
    renderChart();
    const svg = screen.getByRole('img', { name: 'Request rate: latest 3/s' });
    // Drawn 600 px wide at x=0: the plot runs from 48 to 590.
    svg.getBoundingClientRect = () =>
      ({ left: 0, top: 0, width: 600, height: 150 } as DOMRect);
    const chart = screen.getByRole('slider', { name: 'Request rate chart' });
    // A quarter through the hour: the point at 15 minutes.
    fireEvent.mouseMove(chart, { clientX: 48 + 542 / 4 + 10 });
    expect(screen.getByTestId('chart-readout')).toHaveTextContent(
      `${clock(start + 900)}: 2/s`,
    );
    fireEvent.mouseLeave(chart);
    expect(screen.getByTestId('chart-readout')).toHaveTextContent(/^$/);
  });

  it('labels each deploy marker with its revision, focusable, and reads out the value at it', () => {
    renderChart();
    const markers = screen.getAllByTestId('deploy-marker');
    expect(markers).toHaveLength(1);
    const marker = screen.getByRole('button', {
      name: 'Deployed msa-nginx @ bbbbbbb',
    });
    expect(marker).toBe(markers[0]);
    expect(within(marker).getByText(/@ bbbbbbb/)).toBeInTheDocument();
    act(() => marker.focus());
    expect(marker).toHaveFocus();
    fireEvent.click(marker);
    // 25 min: the nearest point with a value is at 15 min (30 min is a gap).
    expect(screen.getByTestId('chart-readout')).toHaveTextContent(
      `${clock(start + 900)}: 2/s`,
    );
  });
});
