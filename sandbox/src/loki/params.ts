/** Parsing of Loki's HTTP query parameters (times, limit, direction, step) with Loki's error texts. */
import { parseGoDuration, parsePromDuration } from '../durations.ts';

export class ParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParamError';
  }
}

/** Unix nanoseconds (or seconds when <= 10 digits), float seconds, or RFC3339(Nano). */
export function parseTime(
  value: string | null,
  fallback: bigint,
  name: string,
): bigint {
  if (value === null || value === '') return fallback;
  if (/^-?\d+$/.test(value)) {
    const n = BigInt(value);
    return value.replace('-', '').length <= 10 ? n * 1_000_000_000n : n;
  }
  if (/^-?\d+\.\d*$/.test(value)) {
    const [s, frac] = value.split('.');
    return (
      BigInt(s) * 1_000_000_000n +
      BigInt(`${frac}000000000`.slice(0, 9)) *
        (value.startsWith('-') ? -1n : 1n)
    );
  }
  const m =
    /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(
      value,
    );
  if (m) {
    const ms = Date.parse(`${m[1]}${m[4]}`);
    if (!Number.isNaN(ms))
      return (
        BigInt(ms) * 1_000_000n + BigInt(`${m[3] ?? ''}000000000`.slice(0, 9))
      );
  }
  throw new ParamError(
    `invalid ${name}: cannot parse "${value}" to a valid timestamp`,
  );
}

export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

export function parseLimit(value: string | null, max: number): number {
  if (value === null || value === '') return 100;
  if (!/^-?\d+$/.test(value))
    throw new ParamError(
      `invalid limit: strconv.ParseInt: parsing ${JSON.stringify(
        value,
      )}: invalid syntax`,
    );
  const n = Number(value);
  if (n <= 0) throw new ParamError('limit must be a positive value');
  if (n > max)
    throw new ParamError(
      `max entries limit per query exceeded, limit > max_entries_limit_per_query (${n} > ${max})`,
    );
  return n;
}

export function parseDirection(value: string | null): 'forward' | 'backward' {
  if (value === null || value === '') return 'backward';
  const v = value.toLowerCase();
  if (v === 'forward' || v === 'backward') return v;
  throw new ParamError(`invalid direction '${value}'`);
}

/** Step in seconds: a float number of seconds or a duration. */
export function parseStep(
  value: string | null,
  startNs: bigint,
  endNs: bigint,
): number {
  if (value === null || value === '') {
    const span = Number(endNs - startNs) / 1e9;
    return Math.max(1, Math.floor(span / 250));
  }
  let s: number | undefined;
  if (/^\d+(\.\d+)?$/.test(value)) s = Number(value);
  else {
    const ns = parsePromDuration(value) ?? parseGoDuration(value);
    s = ns === undefined ? undefined : ns / 1e9;
  }
  if (s === undefined || Number.isNaN(s))
    throw new ParamError(
      `invalid step: cannot parse "${value}" to a valid duration`,
    );
  if (s <= 0)
    throw new ParamError(
      'zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
  return s;
}
