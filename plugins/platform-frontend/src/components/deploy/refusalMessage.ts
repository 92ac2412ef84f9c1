import { ResponseError } from '@backstage/errors';

/**
 * What to show for a failed deploy: the backend's own message (why it refused: not allowed, build not
 * SUCCESS, tag already live, entry of another owner), else the error's.
 */
export function refusalMessage(error: Error): string {
  if (error instanceof ResponseError) {
    const message = error.body?.error?.message;
    if (typeof message === 'string' && message.trim()) return message;
  }
  return error.message;
}
