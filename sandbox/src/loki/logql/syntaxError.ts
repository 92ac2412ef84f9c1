/**
 * Turns the first error a Lezer grammar leaves in its tree into the goyacc message Loki and Tempo answer:
 * `syntax error: unexpected <token>[, expecting <a> or <b>...]` at a 1-based line and column.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { LRParser } from '@lezer/lr';
import { readGoString, StringLiteralError } from './goString.ts';

export interface Position {
  line: number;
  col: number;
}

/** A token of the language, named as the server's parser names it, and a text that lexes as it. */
export type Candidate = readonly [name: string, sample: string];

export interface Language {
  parser: LRParser;
  /** every token in the order of the server's `%token` declarations (goyacc lists the expected ones in this order) */
  tokens: readonly Candidate[];
  /** names a lexeme that is not an operator or a string (numbers, durations, identifiers, keywords) */
  word(src: string, at: number): { name: string; length: number } | undefined;
  operators: readonly string[];
  /** length of the whitespace or comment at `at`, 0 when there is none */
  skip(src: string, at: number): number;
}

/** A node's children, without the comments the grammar skips. */
export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling)
    if (!c.type.isSkipped) out.push(c);
  return out;
}

export function positionAt(src: string, offset: number): Position {
  const before = src.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Offset of the leftmost error node, or undefined when the grammar accepted the text. */
export function firstErrorOffset(tree: Tree): number | undefined {
  let at: number | undefined;
  tree.iterate({
    enter: n => {
      if (at !== undefined) return false;
      if (n.type.isError) at = n.from;
      return undefined;
    },
  });
  return at;
}

function skipAll(lang: Language, src: string, at: number): number {
  let i = at;
  for (let n = lang.skip(src, i); n > 0; n = lang.skip(src, i)) i += n;
  return i;
}

type Lexeme =
  | { kind: 'token'; name: string; at: number }
  | { kind: 'lexical'; message: string; at: number };

function lexemeAt(lang: Language, src: string, offset: number): Lexeme {
  const at = skipAll(lang, src, offset);
  if (at >= src.length) return { kind: 'token', name: '$end', at };
  const c = src[at];
  if (c === '"' || c === '`') {
    try {
      readGoString(src, at);
      return { kind: 'token', name: 'STRING', at };
    } catch (e) {
      if (e instanceof StringLiteralError)
        return { kind: 'lexical', message: e.message, at };
      throw e;
    }
  }
  const op = [...lang.operators]
    .sort((a, b) => b.length - a.length)
    .find(o => src.startsWith(o, at));
  const word = lang.word(src, at);
  if (word && (!op || word.length >= op.length))
    return { kind: 'token', name: word.name, at };
  if (op) return { kind: 'token', name: op, at };
  return { kind: 'lexical', message: `unexpected character: '${c}'`, at };
}

const MAX_PROBED_PREFIX = 4096;

/**
 * The tokens the grammar would take at `offset`, found by offering each one after the text before it.
 * goyacc names at most four; with more it names none. Past MAX_PROBED_PREFIX the sandbox names none.
 */
function expected(lang: Language, src: string, offset: number): string[] {
  // each probe parses the whole prefix again: a hostile multi-kilobyte query would cost seconds
  if (offset > MAX_PROBED_PREFIX) return [];
  const prefix = `${src.slice(0, offset)} `;
  const out: string[] = [];
  for (const [name, sample] of lang.tokens) {
    const text = prefix + sample;
    const tree = lang.parser.parse(text);
    const err = firstErrorOffset(tree);
    // a keyword the grammar only took as a plain identifier is not that keyword's token
    const asIdentifier =
      /^[a-z_]+$/.test(sample) &&
      name !== 'IDENTIFIER' &&
      tree.resolveInner(prefix.length, 1).name === 'Identifier';
    if ((err === undefined || err >= text.length) && !asIdentifier) {
      if (!out.includes(name)) out.push(name);
      if (out.length > 4) return [];
    }
  }
  return out;
}

export interface SyntaxErrorInfo {
  offset: number;
  message: string;
}

/** The first error in `src`'s tree as the server words it; undefined when the grammar accepted `src`. */
export function syntaxError(
  lang: Language,
  src: string,
  tree: Tree,
): SyntaxErrorInfo | undefined {
  const offset = firstErrorOffset(tree);
  if (offset === undefined) return undefined;
  const lex = lexemeAt(lang, src, offset);
  if (lex.kind === 'lexical')
    return { offset: lex.at, message: `syntax error: ${lex.message}` };
  const want = expected(lang, src, lex.at);
  return {
    offset: lex.at,
    message: `syntax error: unexpected ${lex.name}${
      want.length ? `, expecting ${want.join(' or ')}` : ''
    }`,
  };
}

/**
 * `src` with the inside of every well-formed Go string literal replaced by `x`s of the same length, so
 * a grammar whose string token is narrower than Go's (no `\u` escapes) sees what the server's lexer
 * accepts, at the same offsets. Literals are decoded from the original text.
 */
export function maskStrings(lang: Language, src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const skipped = lang.skip(src, i);
    if (skipped > 0) {
      out += src.slice(i, i + skipped);
      i += skipped;
      continue;
    }
    const c = src[i];
    if (c === '"' || c === '`') {
      try {
        const { end } = readGoString(src, i);
        out += c + 'x'.repeat(end - i - 2) + c;
        i = end;
        continue;
      } catch (e) {
        if (!(e instanceof StringLiteralError)) throw e;
      }
    }
    out += c;
    i++;
  }
  return out;
}
