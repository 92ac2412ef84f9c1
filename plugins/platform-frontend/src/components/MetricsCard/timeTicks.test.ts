import { TIME_RANGES } from '../common/TimeRangeSelect';
import { formatTick, timeTicks } from './timeTicks';

describe('timeTicks', () => {
  const end = Date.parse('2026-01-01T12:34:56Z') / 1000;

  it.each(TIME_RANGES.map(r => [r.value, r.seconds]))(
    '%s: three to five ascending ticks inside the range, evenly spaced',
    (_label, seconds) => {
      const start = end - seconds;
      const ticks = timeTicks(start, end);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.length).toBeLessThanOrEqual(5);
      expect(ticks[0]).toBeGreaterThanOrEqual(start);
      expect(ticks[ticks.length - 1]).toBeLessThanOrEqual(end);
      const gaps = ticks.slice(1).map((t, i) => t - ticks[i]);
      expect(new Set(gaps).size).toBe(1);
    },
  );

  it('falls on whole local minutes', () => {
    for (const t of timeTicks(end - 3600, end)) {
      expect(new Date(t * 1000).getSeconds()).toBe(0);
      expect(new Date(t * 1000).getMinutes() % 15).toBe(0);
    }
  });

  it('formats a clock time, with the day beyond a day', () => {
    const t = new Date(2026, 0, 3, 14, 5).getTime() / 1000;
    expect(formatTick(t, 3600)).toBe('14:05');
    expect(formatTick(t, 7 * 86400)).toBe('Jan 3 14:05');
    expect(formatTick(new Date(2026, 0, 3).getTime() / 1000, 7 * 86400)).toBe(
      'Jan 3',
    );
  });
});
