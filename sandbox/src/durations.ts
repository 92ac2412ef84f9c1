/** Go (`time.ParseDuration`) and Prometheus duration parsing, in nanoseconds. */

const GO_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
const PROM_UNITS: Record<string, number> = {
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86400e9,
  w: 7 * 86400e9,
  y: 365 * 86400e9,
};

/** Parses a Go duration (`300ms`, `-1.5h`, `2h45m`); undefined when invalid. */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(
    s,
  );
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  let total = 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;
  for (const part of s.slice(m[1].length).matchAll(re))
    total += Number(part[1]) * GO_UNITS[part[2]];
  return sign * total;
}

/** Parses a Prometheus/LogQL range duration (`5m`, `1h30m`, `1d`); undefined when invalid. */
export function parsePromDuration(s: string): number | undefined {
  if (!/^((\d+)(ms|s|m|h|d|w|y))+$/.test(s)) return undefined;
  let total = 0;
  const re = /(\d+)(ms|s|m|h|d|w|y)/g;
  for (const part of s.matchAll(re))
    total += Number(part[1]) * PROM_UNITS[part[2]];
  return total;
}

/** LogQL accepts both forms in ranges (e.g. `[1m30s]`, `[500ms]`). */
export function parseRangeDuration(s: string): number | undefined {
  return parsePromDuration(s) ?? parseGoDuration(s);
}
