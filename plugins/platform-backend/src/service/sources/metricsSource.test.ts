import {
  END_ALIGN_MS,
  anchorRangeAtEnd,
  chooseStepSeconds,
} from './metricsSource';

describe('anchorRangeAtEnd', () => {
  const now = Date.parse('2026-01-01T12:34:56.789Z');

  it.each([900, 3600, 21600, 86400, 604800])(
    'puts the last point of a %i s range at most END_ALIGN_MS before now',
    span => {
      const requested = { startMs: now - span * 1000, endMs: now };
      const step = chooseStepSeconds(requested) * 1000;
      const range = anchorRangeAtEnd(requested, step);
      expect(now - range.endMs).toBeGreaterThanOrEqual(0);
      expect(now - range.endMs).toBeLessThan(END_ALIGN_MS);
      // A whole number of steps, covering at least what was asked.
      expect((range.endMs - range.startMs) % step).toBe(0);
      expect(range.startMs).toBeLessThanOrEqual(requested.startMs);
      expect(range.startMs).toBeGreaterThan(requested.startMs - step);
    },
  );

  it('gives the same range to requests within one alignment window (one cache entry)', () => {
    const a = anchorRangeAtEnd(
      { startMs: now - 3_600_000, endMs: now },
      30_000,
    );
    const b = anchorRangeAtEnd(
      { startMs: now - 3_600_000 + 1000, endMs: now + 1000 },
      30_000,
    );
    expect(b).toEqual(a);
  });

  it('keeps at least one step', () => {
    const range = anchorRangeAtEnd({ startMs: now - 1000, endMs: now }, 60_000);
    expect(range.endMs - range.startMs).toBe(60_000);
  });
});
