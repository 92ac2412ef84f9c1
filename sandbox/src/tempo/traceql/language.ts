/** TraceQL as Tempo's parser names its tokens, over Grafana's Lezer grammar (for syntax errors). */
import { parser } from '@grafana/lezer-traceql';
import type { Candidate, Language } from '../../loki/logql/syntaxError.ts';

const WORDS =
  `nil true false error ok unset unspecified internal server client producer consumer duration
  childCount name status parent kind`.split(/\s+/);
const OPERATORS = '| && || = != < <= > >= !~ =~ >> ~ + - ! * / % ^'.split(' ');
const same = (list: string[]) => list.map(w => [w, w] as const);

/** Tempo's `%token` order. */
const TOKENS: Candidate[] = [
  ['STRING', '"x"'],
  ['INTEGER', '1'],
  ['FLOAT', '1.5'],
  ['DURATION', '1s'],
  ['.', '.x'],
  ...same(['{', '}', '(', ')', ...WORDS]),
  ['parent.', 'parent.x'],
  ['resource.', 'resource.x'],
  ['span.', 'span.x'],
  ...same(['count', 'avg', 'max', 'min', 'sum', 'by', 'coalesce']),
  ...same(OPERATORS),
];

export const TRACEQL: Language = {
  parser,
  tokens: TOKENS,
  operators: [...OPERATORS, '{', '}', '(', ')', ','],
  word(src, at) {
    const rest = src.slice(at);
    const num = /^(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)?/.exec(rest);
    if (num && !/[A-Za-z_]/.test(rest[num[0].length] ?? '')) {
      let name = num[1].includes('.') ? 'FLOAT' : 'INTEGER';
      if (num[2]) name = 'DURATION';
      return { name, length: num[0].length };
    }
    // attribute paths may hold dots, dashes, slashes and colons (span:duration, http.status_code)
    const id = /^[A-Za-z_.][A-Za-z0-9_.\-/:]*/.exec(rest);
    if (!id) return undefined;
    return {
      name: WORDS.includes(id[0]) ? id[0] : 'IDENTIFIER',
      length: id[0].length,
    };
  },
  skip(src, at) {
    const m = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(src.slice(at));
    return m ? m[0].length : 0;
  },
};
