/** Tick spacings the time axis may use, in seconds: whole minutes, hours and days. */
const STEPS = [
  60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800,
  604800,
];

/**
 * Three to five evenly spaced times (unix seconds) inside `[start, end]`, on whole local minutes,
 * hours or days, for the x axis of a chart.
 */
export function timeTicks(start: number, end: number): number[] {
  const span = end - start;
  if (!(span > 0)) return [start];
  // Local midnight, so hour and day ticks fall on the clock the reader sees.
  const offset = -new Date(start * 1000).getTimezoneOffset() * 60;
  const at = (step: number) => {
    const ticks: number[] = [];
    const first = Math.ceil((start + offset) / step) * step - offset;
    for (let t = first; t <= end; t += step) ticks.push(t);
    return ticks;
  };
  let best: number[] | undefined;
  for (const step of STEPS) {
    const ticks = at(step);
    if (ticks.length >= 3 && ticks.length <= 5) {
      // The smallest fitting step gives the most ticks, so stop at the first.
      best = ticks;
      break;
    }
  }
  if (best) return best;
  // Ranges between the steps above: four even ticks, whole seconds.
  return [0, 1, 2, 3].map(i => Math.round(start + ((i + 0.5) * span) / 4));
}

/** `HH:mm` of a tick, with the day (`Jan 3 00:00`) when the chart spans more than a day. */
export function formatTick(t: number, span: number): string {
  const d = new Date(t * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (span <= 86400) return clock;
  const day = d.toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
  return clock === '00:00' ? day : `${day} ${clock}`;
}
