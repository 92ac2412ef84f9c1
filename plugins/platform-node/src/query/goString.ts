const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Replaces lone UTF-16 surrogates (which have no UTF-8 encoding) with U+FFFD rather than send invalid
 * bytes upstream. Same as `String.prototype.toWellFormed`, which the ES2023 lib lacks.
 *
 * @public
 */
export function toWellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Quotes a value as a double-quoted Go string literal, the string syntax shared by PromQL, LogQL and
 * TraceQL (all three unquote with Go's `strconv.Unquote` rules). The result always starts and ends with
 * `"` and contains no unescaped `"`, backslash or control character, so the value cannot end the literal.
 *
 * @public
 */
export function quoteGoString(value: string): string {
  const wellFormed = toWellFormed(value);
  let out = '"';
  for (const char of wellFormed) {
    const code = char.codePointAt(0)!;
    switch (char) {
      case '\\':
        out += '\\\\';
        break;
      case '"':
        out += '\\"';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      default:
        if (code < 0x20 || code === 0x7f) {
          out += `\\x${code.toString(16).padStart(2, '0')}`;
        } else if (code === 0x2028 || code === 0x2029 || code === 0xfeff) {
          // Legal in Go strings, but invisible in a query someone copies into Grafana: make them explicit.
          out += `\\u${code.toString(16).padStart(4, '0')}`;
        } else {
          out += char;
        }
    }
  }
  return `${out}"`;
}

/**
 * Reads back a literal produced by {@link quoteGoString}; used by tests to prove the round trip.
 *
 * @internal
 */
export function unquoteGoString(literal: string): string {
  if (
    !literal.startsWith('"') ||
    !literal.endsWith('"') ||
    literal.length < 2
  ) {
    throw new Error(`not a double-quoted literal: ${literal}`);
  }
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '"') {
      throw new Error(`unescaped quote at ${i}`);
    }
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = body[++i];
    switch (next) {
      case '\\':
      case '"':
        out += next;
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'x':
        out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
        i += 2;
        break;
      case 'u':
        out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
        i += 4;
        break;
      default:
        throw new Error(`unknown escape \\${next}`);
    }
  }
  return out;
}
