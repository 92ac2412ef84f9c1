import { SourceQuery } from '@paved-road/backstage-plugin-platform-node';
import { z } from 'zod';
import { queryOrThrow, rangeOrThrow } from '../../router/params';
import { TimeRange } from '../timeRange';

const HOUR_MS = 3_600_000;

/**
 * The query of a source read over a time range: `start`/`end` (default the last hour, at most 7 days) plus the
 * source's own parameters, validated by `schema` (a 400 naming the parameter); `health` reads the last hour.
 */
export function rangeQuery<
  S extends z.ZodTypeAny,
  Q extends { range: TimeRange },
>(
  schema: S,
  toQuery: (parsed: Partial<z.infer<S>>, range: TimeRange) => Q,
): SourceQuery<Q> {
  return {
    parse: raw => {
      const parsed = queryOrThrow(schema, raw);
      return toQuery(parsed, rangeOrThrow(parsed));
    },
    forHealth: nowMs => toQuery({}, { startMs: nowMs - HOUR_MS, endMs: nowMs }),
  };
}
