/** Go string literal decoding (double-quoted with escapes; backtick raw), as LogQL and TraceQL use. */

export class StringLiteralError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'StringLiteralError';
    this.offset = offset;
  }
}

/**
 * Reads a string literal starting at `start` (which must be `"` or a backtick).
 * Returns the decoded value and the index just after the closing quote.
 */
export function readGoString(
  src: string,
  start: number,
): { value: string; end: number } {
  const q = src[start];
  if (q === '`') {
    const end = src.indexOf('`', start + 1);
    if (end < 0) throw new StringLiteralError('literal not terminated', start);
    return { value: src.slice(start + 1, end), end: end + 1 };
  }
  if (q !== '"') throw new StringLiteralError('expected a string', start);
  let i = start + 1;
  let out = '';
  const bytes: number[] = [];
  const flushBytes = () => {
    if (bytes.length) {
      out += Buffer.from(bytes).toString('utf8');
      bytes.length = 0;
    }
  };
  for (;;) {
    if (i >= src.length || src[i] === '\n')
      throw new StringLiteralError('literal not terminated', start);
    const c = src[i];
    if (c === '"') {
      flushBytes();
      return { value: out, end: i + 1 };
    }
    if (c !== '\\') {
      flushBytes();
      out += c;
      i++;
      continue;
    }
    const e = src[i + 1];
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
      '"': '"',
    };
    if (e !== undefined && e in simple) {
      flushBytes();
      out += simple[e];
      i += 2;
      continue;
    }
    if (e === 'x') {
      const hex = src.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(hex))
        throw new StringLiteralError('invalid syntax', i);
      bytes.push(parseInt(hex, 16));
      i += 4;
      continue;
    }
    if (e !== undefined && /[0-7]/.test(e)) {
      const oct = src.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255)
        throw new StringLiteralError('invalid syntax', i);
      bytes.push(parseInt(oct, 8));
      i += 4;
      continue;
    }
    if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const hex = src.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex))
        throw new StringLiteralError('invalid syntax', i);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        throw new StringLiteralError('invalid syntax', i);
      flushBytes();
      out += String.fromCodePoint(cp);
      i += 2 + n;
      continue;
    }
    throw new StringLiteralError('invalid syntax', i);
  }
}

/** Renders a Go double-quoted literal (for error messages and clients building queries). */
export function quoteGoString(s: string): string {
  return `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')
    .replace(/\r/g, '\\r')}"`;
}

/** Converts an RE2 pattern to a JS RegExp (leading `(?i)`/`(?s)` flags supported). */
export function re2ToRegExp(pattern: string, anchored: boolean): RegExp {
  let flags = 'u';
  let p = pattern;
  const m = /^\(\?([imsU]+)\)/.exec(p);
  if (m) {
    if (m[1].includes('i')) flags += 'i';
    if (m[1].includes('s')) flags += 's';
    if (m[1].includes('m')) flags += 'm';
    p = p.slice(m[0].length);
  }
  // RE2 named groups (?P<name>...) -> JS (?<name>...)
  p = p.replace(/\(\?P</g, '(?<');
  // RE2 text anchors \A and \z (not preceded by another backslash) -> ^ and $
  p = p
    .replace(/(^|[^\\])((?:\\\\)*)\\A/g, '$1$2^')
    .replace(/(^|[^\\])((?:\\\\)*)\\z/g, '$1$2$$');
  return new RegExp(anchored ? `^(?:${p})$` : p, flags);
}
