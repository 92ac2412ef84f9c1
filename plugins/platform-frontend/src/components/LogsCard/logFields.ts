/** Fields shown for one line at most, so a huge JSON document cannot blow up the expanded row. */
export const MAX_LOG_FIELDS = 200;

// key=value or key="quoted value" (with \" escapes), as logfmt writes them.
const LOGFMT_PAIR = /(?:^|\s)([A-Za-z_][\w.\-/]*)=("(?:[^"\\]|\\.)*"|[^\s"]*)/g;

function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function flatten(
  value: Record<string, unknown>,
  prefix: string,
  out: Array<[string, string]>,
): void {
  for (const [key, child] of Object.entries(value)) {
    if (out.length >= MAX_LOG_FIELDS) return;
    const path = prefix ? `${prefix}.${key}` : key;
    if (child && typeof child === 'object' && !Array.isArray(child)) {
      flatten(child as Record<string, unknown>, path, out);
    } else {
      out.push([path, scalarText(child)]);
    }
  }
}

function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value.slice(1, -1);
  }
}

/**
 * The key/value fields of a structured log line, in their order: a JSON object's (nested keys joined with
 * dots, arrays kept as JSON), else the logfmt pairs in it (`key=value`, `key="quoted value"`); none for
 * plain text. Only parsed when a line is expanded, never for the whole list.
 */
export function parseLogFields(line: string): Array<[string, string]> {
  const text = line.trim();
  if (text.startsWith('{')) {
    try {
      const value = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const out: Array<[string, string]> = [];
        flatten(value, '', out);
        return out;
      }
    } catch {
      // Not JSON after all (e.g. a truncated document): try logfmt.
    }
  }
  const out: Array<[string, string]> = [];
  for (const match of text.matchAll(LOGFMT_PAIR)) {
    if (out.length >= MAX_LOG_FIELDS) break;
    out.push([match[1], unquote(match[2])]);
  }
  return out;
}
