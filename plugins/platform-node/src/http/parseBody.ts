import { z } from 'zod';
import type { ParseResult } from '../query/equalityLabels';

/**
 * A body checked against a client's response schema, outside a client call (a resource read through another
 * API, a recording). The message names the first offending path.
 */
export function parseBody<T extends z.ZodTypeAny>(
  schema: T,
  body: unknown,
): ParseResult<z.output<T>> {
  const parsed = schema.safeParse(body);
  if (parsed.success) {
    return { ok: true, value: parsed.data };
  }
  const issue = parsed.error.issues[0];
  return { ok: false, message: `${issue?.path.join('.')}: ${issue?.message}` };
}
