import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * Validates action input with the action's zod schema (the scaffolder only checks the JSON Schema
 * derived from it, which loses refinements) and throws an InputError naming each bad field.
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = result.error.issues
      .map(issue => `${issue.path.join('.') || 'input'}: ${issue.message}`)
      .join('; ');
    throw new InputError(`Invalid input: ${details}`);
  }
  return result.data;
}
