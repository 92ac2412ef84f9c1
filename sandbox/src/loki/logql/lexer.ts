/** LogQL tokenizer with line/column positions (1-based, as Loki reports them). */
import { readGoString, StringLiteralError } from './goString.ts';

export type TokenType =
  | 'STRING'
  | 'IDENTIFIER'
  | 'NUMBER'
  | 'DURATION'
  | 'BYTES'
  | 'OP'
  | 'EOF';

export interface Token {
  type: TokenType;
  /** raw text for OP/IDENTIFIER/NUMBER/DURATION, decoded value for STRING */
  value: string;
  line: number;
  col: number;
}

export class LogQLParseError extends Error {
  readonly line: number;
  readonly col: number;
  constructor(line: number, col: number, message: string) {
    super(`parse error at line ${line}, col ${col}: ${message}`);
    this.name = 'LogQLParseError';
    this.line = line;
    this.col = col;
  }
}

const OPS = [
  '|=',
  '|~',
  '!=',
  '!~',
  '=~',
  '==',
  '>=',
  '<=',
  '=',
  '>',
  '<',
  '|',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ',',
];

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (at: number) => ({ line, col: at - lineStart + 1 });
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === '`') {
      const p = pos(i);
      try {
        const { value, end } = readGoString(src, i);
        for (let k = i; k < end; k++) {
          if (src[k] === '\n') {
            line++;
            lineStart = k + 1;
          }
        }
        out.push({ type: 'STRING', value, ...p });
        i = end;
      } catch (e) {
        if (e instanceof StringLiteralError)
          throw new LogQLParseError(
            p.line,
            p.col,
            `syntax error: ${e.message}`,
          );
        throw e;
      }
      continue;
    }
    const at = i;
    const op = OPS.find(o => src.startsWith(o, at));
    if (op) {
      out.push({ type: 'OP', value: op, ...pos(i) });
      i += op.length;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m =
        /^(\d+(?:\.\d*)?|\.\d+)((?:ns|us|µs|ms|s|m|h|d|w|y)(?:\d+(?:\.\d*)?(?:ns|us|µs|ms|s|m|h|d|w|y))*|[KMGTPE]i?B|[kKMGTPE]B|B)?/.exec(
          src.slice(i),
        );
      if (m) {
        const unit = m[2];
        let type: TokenType = 'NUMBER';
        if (unit) type = /B$/.test(unit) ? 'BYTES' : 'DURATION';
        out.push({ type, value: m[0], ...pos(i) });
        i += m[0].length;
        continue;
      }
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j])) j++;
      out.push({ type: 'IDENTIFIER', value: src.slice(i, j), ...pos(i) });
      i = j;
      continue;
    }
    const p = pos(i);
    throw new LogQLParseError(
      p.line,
      p.col,
      `syntax error: unexpected character: '${c}'`,
    );
  }
  out.push({ type: 'EOF', value: '', ...pos(i) });
  return out;
}

export function describe(t: Token): string {
  switch (t.type) {
    case 'EOF':
      return '$end';
    case 'STRING':
      return 'STRING';
    case 'IDENTIFIER':
      return 'IDENTIFIER';
    case 'NUMBER':
      return 'NUMBER';
    case 'DURATION':
      return 'DURATION';
    case 'BYTES':
      return 'BYTES';
    default:
      return t.value;
  }
}
