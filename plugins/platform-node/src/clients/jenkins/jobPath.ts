import { InputError } from '@backstage/errors';

/** One Jenkins item name: what Jenkins accepts in a URL segment and what we accept from a template. */
const ITEM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/**
 * Splits a Jenkins full name (`folder/sub/job`) into validated item names.
 * Throws an InputError for empty segments, `.`/`..`, or characters outside `[A-Za-z0-9_.-]`.
 *
 * @public
 */
export function splitJobFullName(fullName: string): string[] {
  const segments = fullName.split('/');
  if (segments.length > 10) {
    throw new InputError(
      `Jenkins job '${fullName}' is nested deeper than 10 folders`,
    );
  }
  for (const segment of segments) {
    if (!ITEM_NAME.test(segment) || /^\.+$/.test(segment)) {
      throw new InputError(
        `Jenkins job '${fullName}': segment '${segment}' must be 1-100 of letters, digits, '_', '.', '-' and start with a letter or digit`,
      );
    }
  }
  return segments;
}

/**
 * The URL path of a job or folder, `/job/a/job/b`, each segment URL-encoded.
 *
 * @public
 */
export function jobPath(fullName: string | string[]): string {
  const segments = Array.isArray(fullName)
    ? fullName
    : splitJobFullName(fullName);
  return segments
    .map(segment => `/job/${encodeURIComponent(segment)}`)
    .join('');
}
