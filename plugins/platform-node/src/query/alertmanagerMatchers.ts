import { LABEL_NAME_PATTERN } from './names';
import { toWellFormed } from './goString';

/**
 * Formats one Alertmanager matcher (`name="value"`), for `filter=` of `/api/v2/alerts` and silences.
 * Only `\`, `"` and newline are escaped: that is the escape set Alertmanager 0.25's parser understands,
 * and the 0.27+ UTF-8 parser reads it the same way.
 *
 * @public
 */
export function formatAlertmanagerMatcher(
  name: string,
  op: '=' | '!=' | '=~' | '!~',
  value: string,
): string {
  if (!LABEL_NAME_PATTERN.test(name)) {
    throw new Error(`Invalid label name '${name}'`);
  }
  const escaped = toWellFormed(value)
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n');
  return `${name}${op}"${escaped}"`;
}
