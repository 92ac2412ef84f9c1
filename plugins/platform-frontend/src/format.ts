/** Milliseconds since the epoch of a decimal nanosecond timestamp (too large for a double at ns precision). */
export function nsToMs(ns: string): number {
  return ns.length > 6 ? Number(ns.slice(0, -6)) : 0;
}

/** `1.2 s`, `340 ms`, `2 m 5 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${Math.round(ms * 10) / 10} ms`;
  const s = ms / 1000;
  if (s < 60) return `${Math.round(s * 10) / 10} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} m`;
}

/** `5 minutes ago`, relative to `now`. */
export function formatRelative(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = Math.round((now - t) / 1000);
  const abs = Math.abs(s);
  const [divisor, unit] =
    [
      [86400, 'day'] as const,
      [3600, 'hour'] as const,
      [60, 'minute'] as const,
    ].find(([d]) => abs >= d) ?? ([1, 'second'] as const);
  const value = Math.round(abs / divisor);
  const label = `${value} ${unit}${value === 1 ? '' : 's'}`;
  return s >= 0 ? `${label} ago` : `in ${label}`;
}

/** Local `HH:mm:ss.SSS` of an epoch in milliseconds. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(
    d.getSeconds(),
  )}.${pad(d.getMilliseconds(), 3)}`;
}

/** First characters of a hex id, enough to tell ids apart on screen. */
export function shortId(id: string, length = 8): string {
  return id.length > length ? id.slice(0, length) : id;
}
