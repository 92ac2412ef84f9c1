import type { ParseResult } from '../query/equalityLabels';

/** What parseBody needs of a schema: zod's safeParse, on its v3 or v4 engine. */
interface SafeParser<T> {
  safeParse(body: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: { path: readonly PropertyKey[]; message: string }[] };
      };
}

/**
 * A body checked against a client's response schema, outside a client call (a resource read through another
 * API, a recording). The message names the first offending path.
 */
export function parseBody<T>(
  schema: SafeParser<T>,
  body: unknown,
): ParseResult<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) {
    return { ok: true, value: parsed.data };
  }
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    message: `${issue?.path.map(String).join('.')}: ${issue?.message}`,
  };
}
