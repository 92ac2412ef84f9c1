/** Date values of `range` queries and `search_after`: the `strict_date_optional_time` and `epoch_millis` formats, and `now` date math. */

const STRICT_DATE_OPTIONAL_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  H: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

function parseStrict(v: string): number | undefined {
  const m = STRICT_DATE_OPTIONAL_TIME.exec(v);
  if (!m) return undefined;
  const [
    ,
    y,
    mo = '01',
    d = '01',
    h = '00',
    mi = '00',
    s = '00',
    frac = '',
    zone = 'Z',
  ] = m;
  const ms = frac ? frac.padEnd(3, '0').slice(0, 3) : '000';
  let z = zone;
  if (zone.length === 3) z = `${zone}:00`;
  else if (zone !== 'Z' && !zone.includes(':'))
    z = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${z}`);
  return Number.isNaN(t) ? undefined : t;
}

function parseNow(v: string, nowMs: number): number | undefined {
  const m = /^now((?:[+-]\d+[smhHdw])*)$/.exec(v);
  if (!m) return undefined;
  let t = nowMs;
  for (const op of m[1].match(/[+-]\d+[smhHdw]/g) ?? []) {
    const n = Number(op.slice(1, -1)) * UNIT_MS[op.slice(-1)];
    t += op[0] === '+' ? n : -n;
  }
  return t;
}

/**
 * Parses a date with a `format` such as `strict_date_optional_time||epoch_millis` (the default of a date field);
 * undefined when no format of the list accepts it.
 */
export function parseDate(
  value: unknown,
  format: string | undefined,
  nowMs: number,
): number | undefined {
  const formats = (format ?? 'strict_date_optional_time||epoch_millis').split(
    '||',
  );
  if (typeof value === 'number') {
    return formats.includes('epoch_millis') && Number.isFinite(value)
      ? value
      : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const now = parseNow(value, nowMs);
  if (now !== undefined) return now;
  for (const f of formats) {
    if (f === 'epoch_millis' && /^-?\d+(\.\d+)?$/.test(value))
      return Number(value);
    if (
      f === 'strict_date_optional_time' ||
      f === 'date_optional_time' ||
      f === 'strict_date_optional_time_nanos'
    ) {
      const t = parseStrict(value);
      if (t !== undefined) return t;
    }
  }
  return undefined;
}

export const KNOWN_DATE_FORMATS = new Set([
  'strict_date_optional_time',
  'strict_date_optional_time_nanos',
  'date_optional_time',
  'epoch_millis',
]);
