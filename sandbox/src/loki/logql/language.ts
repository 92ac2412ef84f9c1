/** LogQL as Loki's parser names its tokens, over Grafana's Lezer grammar (for syntax errors). */
import { parser } from '@grafana/lezer-logql';
import type { Candidate, Language } from './syntaxError.ts';

const KEYWORDS = new Set(
  'by without and or unless bool on ignoring offset'.split(' '),
);
const words = (list: string) => list.split(/\s+/).map(w => [w, w] as const);

/** Loki's `%token` order; Loki renames each keyword/operator token to its text. */
const TOKENS: Candidate[] = [
  ['BYTES', '1KB'],
  ['IDENTIFIER', 'x'],
  ['STRING', '"x"'],
  ['NUMBER', '1'],
  ['DURATION', '1m'],
  ['RANGE', '[1m]'],
  ...words(`= =~ !~ !> { } , |~ |= |> ( ) by without count_over_time rate rate_counter sum sort
    sort_desc avg max min count stddev stdvar bottomk topk approx_topk bytes_over_time bytes_rate bool json
    xml regexp logfmt | line_format label_format unwrap avg_over_time sum_over_time min_over_time
    max_over_time stdvar_over_time stddev_over_time quantile_over_time bytes duration duration_seconds
    first_over_time last_over_time absent_over_time vector label_replace unpack offset pattern ip on
    ignoring group_left group_right decolorize drop keep or and unless == != < <= > >= + - * / % ^`),
];

const NUMBERISH =
  /^(\d+(?:\.\d*)?|\.\d+)((?:ns|us|µs|ms|s|m|h|d|w|y)(?:\d+(?:\.\d*)?(?:ns|us|µs|ms|s|m|h|d|w|y))*|[KMGTPE]i?B|[kKMGTPE]B|B)?/;

export const LOGQL: Language = {
  parser,
  tokens: TOKENS,
  operators:
    '|= |~ |> != !~ !> =~ == >= <= = > < | { } ( ) [ ] , + - * / % ^'.split(
      ' ',
    ),
  word(src, at) {
    const num = NUMBERISH.exec(src.slice(at));
    if (num) {
      const unit = num[2];
      let name = 'NUMBER';
      if (unit) name = unit.endsWith('B') ? 'BYTES' : 'DURATION';
      return { name, length: num[0].length };
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(at));
    if (!id) return undefined;
    return {
      name: KEYWORDS.has(id[0]) ? id[0] : 'IDENTIFIER',
      length: id[0].length,
    };
  },
  skip(src, at) {
    const m = /^(?:[ \t\r\n]+|#[^\n]*)/.exec(src.slice(at));
    return m ? m[0].length : 0;
  },
};
