/**
 * Recursive-descent LogQL parser: stream selectors, line filters, `| json`, `| logfmt`, label filters,
 * range aggregations (`count_over_time`, `rate`, `bytes_over_time`, `bytes_rate`) and vector
 * aggregations (`sum|avg|min|max|count` with `by`/`without`). Errors read like Loki's.
 */
import { parseRangeDuration } from '../../durations.ts';
import { re2ToRegExp } from './goString.ts';
import type {
  CmpOp,
  Expr,
  LabelFilterExpr,
  LabelMatcher,
  LogSelector,
  MatchOp,
  MetricExpr,
  RangeFunction,
  Stage,
  VectorOp,
} from './ast.ts';
import { describe, LogQLParseError, tokenize, type Token } from './lexer.ts';

const RANGE_FNS: RangeFunction[] = [
  'count_over_time',
  'rate',
  'bytes_over_time',
  'bytes_rate',
];
const VECTOR_OPS: VectorOp[] = ['sum', 'avg', 'min', 'max', 'count'];
const UNSUPPORTED_STAGES = [
  'line_format',
  'label_format',
  'pattern',
  'regexp',
  'unpack',
  'unwrap',
  'drop',
  'keep',
  'decolorize',
  'distinct',
];

/** Validation errors Loki reports without a position (`parse error : ...`). */
export class LogQLValidationError extends Error {
  constructor(message: string) {
    super(`parse error : ${message}`);
    this.name = 'LogQLValidationError';
  }
}

const BYTE_UNITS: Record<string, number> = {
  B: 1,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  PB: 1e15,
  EB: 1e18,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
  PiB: 1024 ** 5,
  EiB: 1024 ** 6,
};

class Parser {
  private p = 0;
  private readonly toks: Token[];
  constructor(toks: Token[]) {
    this.toks = toks;
  }

  peek(k = 0): Token {
    return this.toks[Math.min(this.p + k, this.toks.length - 1)];
  }

  next(): Token {
    return this.toks[Math.min(this.p++, this.toks.length - 1)];
  }

  fail(t: Token, expecting?: string): never {
    throw new LogQLParseError(
      t.line,
      t.col,
      `syntax error: unexpected ${describe(t)}${
        expecting ? `, expecting ${expecting}` : ''
      }`,
    );
  }

  isOp(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'OP' && t.value === v;
  }

  expectOp(v: string, expecting = v): Token {
    const t = this.next();
    if (t.type !== 'OP' || t.value !== v) this.fail(t, expecting);
    return t;
  }

  regexp(t: Token, value: string, anchored: boolean): RegExp {
    try {
      return re2ToRegExp(value, anchored);
    } catch (e) {
      throw new LogQLParseError(
        t.line,
        t.col,
        `error parsing regexp: ${(e as Error).message.replace(
          /^Invalid regular expression: /,
          '',
        )}`,
      );
    }
  }

  parseExpr(): Expr {
    const e = this.peek();
    let expr: Expr;
    if (e.type === 'OP' && e.value === '{') expr = this.parseLog(false).log;
    else expr = this.parseMetric();
    const end = this.peek();
    if (end.type !== 'EOF') this.fail(end);
    return expr;
  }

  parseMetric(): MetricExpr {
    const t = this.peek();
    if (t.type === 'OP' && t.value === '(') {
      this.next();
      const inner = this.parseMetric();
      this.expectOp(')');
      return inner;
    }
    if (t.type !== 'IDENTIFIER') this.fail(t, '{ or an aggregation');
    if ((RANGE_FNS as string[]).includes(t.value)) {
      this.next();
      this.expectOp('(');
      const { log, rangeNs } = this.parseLog(true);
      this.expectOp(')');
      return {
        kind: 'range',
        fn: t.value as RangeFunction,
        log,
        rangeNs: rangeNs as number,
      };
    }
    if ((VECTOR_OPS as string[]).includes(t.value)) {
      this.next();
      let grouping = this.parseGrouping();
      this.expectOp('(');
      const inner = this.parseMetric();
      this.expectOp(')');
      if (!grouping) grouping = this.parseGrouping();
      return { kind: 'vector', op: t.value as VectorOp, grouping, inner };
    }
    if (
      UNSUPPORTED_STAGES.includes(t.value) ||
      /_over_time$/.test(t.value) ||
      [
        'topk',
        'bottomk',
        'sort',
        'sort_desc',
        'stddev',
        'stdvar',
        'absent_over_time',
        'label_replace',
        'vector',
      ].includes(t.value)
    ) {
      throw new LogQLParseError(
        t.line,
        t.col,
        `syntax error: ${t.value} is not supported by the sandbox`,
      );
    }
    return this.fail(t);
  }

  parseGrouping(): { without: boolean; labels: string[] } | undefined {
    const t = this.peek();
    if (t.type !== 'IDENTIFIER' || (t.value !== 'by' && t.value !== 'without'))
      return undefined;
    this.next();
    this.expectOp('(');
    const labels: string[] = [];
    if (!this.isOp(')')) {
      for (;;) {
        const l = this.next();
        if (l.type !== 'IDENTIFIER') this.fail(l, 'IDENTIFIER');
        labels.push(l.value);
        if (this.isOp(',')) {
          this.next();
          continue;
        }
        break;
      }
    }
    this.expectOp(')', ') or ,');
    return { without: t.value === 'without', labels };
  }

  parseRange(): number {
    this.expectOp('[');
    const d = this.next();
    if (d.type !== 'DURATION') this.fail(d, 'DURATION');
    const ns = parseRangeDuration(d.value);
    if (ns === undefined || ns <= 0)
      throw new LogQLParseError(
        d.line,
        d.col,
        `syntax error: invalid duration ${d.value}`,
      );
    this.expectOp(']');
    return ns;
  }

  parseLog(withRange: boolean): { log: LogSelector; rangeNs?: number } {
    const matchers = this.parseSelector();
    let rangeNs: number | undefined;
    if (withRange && this.isOp('[')) rangeNs = this.parseRange();
    const stages: Stage[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type !== 'OP') break;
      if (
        t.value === '|=' ||
        t.value === '!=' ||
        t.value === '|~' ||
        t.value === '!~'
      ) {
        this.next();
        const s = this.next();
        if (s.type !== 'STRING') this.fail(s, 'STRING');
        const regex = t.value === '|~' || t.value === '!~';
        stages.push({
          kind: 'lineFilter',
          op: t.value,
          value: s.value,
          re: regex ? this.regexp(s, s.value, false) : undefined,
        });
        continue;
      }
      if (t.value === '|') {
        this.next();
        stages.push(this.parseStage());
        continue;
      }
      break;
    }
    if (withRange && rangeNs === undefined) {
      if (!this.isOp('[')) this.fail(this.peek(), '[');
      rangeNs = this.parseRange();
    }
    return { log: { kind: 'log', matchers, stages }, rangeNs };
  }

  parseSelector(): LabelMatcher[] {
    this.expectOp('{');
    const matchers: LabelMatcher[] = [];
    if (this.isOp('}')) {
      this.next();
      return matchers;
    }
    for (;;) {
      const name = this.next();
      if (name.type !== 'IDENTIFIER') this.fail(name, 'IDENTIFIER');
      const op = this.next();
      if (op.type !== 'OP' || !['=', '!=', '=~', '!~'].includes(op.value))
        this.fail(op, '=, !=, =~ or !~');
      const val = this.next();
      if (val.type !== 'STRING') this.fail(val, 'STRING');
      const m: LabelMatcher = {
        name: name.value,
        op: op.value as MatchOp,
        value: val.value,
      };
      if (op.value === '=~' || op.value === '!~')
        m.re = this.regexp(val, val.value, true);
      matchers.push(m);
      const sep = this.next();
      if (sep.type === 'OP' && sep.value === ',') continue;
      if (sep.type === 'OP' && sep.value === '}') break;
      this.fail(sep, '} or ,');
    }
    return matchers;
  }

  parseStage(): Stage {
    const t = this.peek();
    if (
      t.type === 'IDENTIFIER' &&
      (t.value === 'json' || t.value === 'logfmt') &&
      !this.isCmpAt(1)
    ) {
      this.next();
      return { kind: 'parser', parser: t.value };
    }
    if (
      t.type === 'IDENTIFIER' &&
      UNSUPPORTED_STAGES.includes(t.value) &&
      !this.isCmpAt(1)
    ) {
      throw new LogQLParseError(
        t.line,
        t.col,
        `syntax error: the ${t.value} stage is not supported by the sandbox`,
      );
    }
    if (t.type !== 'IDENTIFIER' && !(t.type === 'OP' && t.value === '('))
      this.fail(t, 'IDENTIFIER');
    return { kind: 'labelFilter', expr: this.parseLabelOr() };
  }

  isCmpAt(k: number): boolean {
    const t = this.peek(k);
    return (
      t.type === 'OP' &&
      ['=', '!=', '=~', '!~', '==', '>', '>=', '<', '<='].includes(t.value)
    );
  }

  parseLabelOr(): LabelFilterExpr {
    let left = this.parseLabelAnd();
    while (this.peek().type === 'IDENTIFIER' && this.peek().value === 'or') {
      this.next();
      left = { kind: 'or', left, right: this.parseLabelAnd() };
    }
    return left;
  }

  parseLabelAnd(): LabelFilterExpr {
    let left = this.parseLabelPrimary();
    for (;;) {
      const t = this.peek();
      if (
        (t.type === 'IDENTIFIER' && t.value === 'and') ||
        (t.type === 'OP' && t.value === ',')
      ) {
        this.next();
        left = { kind: 'and', left, right: this.parseLabelPrimary() };
        continue;
      }
      return left;
    }
  }

  parseLabelPrimary(): LabelFilterExpr {
    if (this.isOp('(')) {
      this.next();
      const e = this.parseLabelOr();
      this.expectOp(')');
      return e;
    }
    const name = this.next();
    if (name.type !== 'IDENTIFIER') this.fail(name, 'IDENTIFIER');
    const op = this.next();
    if (
      op.type !== 'OP' ||
      !['=', '!=', '=~', '!~', '==', '>', '>=', '<', '<='].includes(op.value)
    )
      this.fail(op, 'a comparison operator');
    const v = this.next();
    if (v.type === 'STRING') {
      if (!['=', '!=', '=~', '!~'].includes(op.value)) this.fail(v, 'NUMBER');
      const expr: LabelFilterExpr = {
        kind: 'string',
        name: name.value,
        op: op.value as MatchOp,
        value: v.value,
      };
      if (op.value === '=~' || op.value === '!~')
        expr.re = this.regexp(v, v.value, true);
      return expr;
    }
    if (op.value === '=~' || op.value === '!~') this.fail(v, 'STRING');
    const cmp = (op.value === '=' ? '==' : op.value) as CmpOp;
    if (v.type === 'NUMBER')
      return {
        kind: 'number',
        name: name.value,
        op: cmp,
        value: Number(v.value),
        unit: 'number',
      };
    if (v.type === 'DURATION') {
      const ns = parseRangeDuration(v.value);
      if (ns === undefined) this.fail(v);
      return {
        kind: 'number',
        name: name.value,
        op: cmp,
        value: ns / 1e9,
        unit: 'duration',
      };
    }
    if (v.type === 'BYTES') {
      const m = /^([\d.]+)(.*)$/.exec(v.value) as RegExpExecArray;
      return {
        kind: 'number',
        name: name.value,
        op: cmp,
        value: Number(m[1]) * (BYTE_UNITS[m[2]] ?? 1),
        unit: 'bytes',
      };
    }
    return this.fail(v, 'STRING or NUMBER');
  }
}

function matchesEmpty(m: LabelMatcher): boolean {
  switch (m.op) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    case '=~':
      return (m.re as RegExp).test('');
    case '!~':
      return !(m.re as RegExp).test('');
    default:
      return true;
  }
}

function validateSelector(log: LogSelector): void {
  if (log.matchers.length === 0 || log.matchers.every(matchesEmpty)) {
    throw new LogQLValidationError(
      'queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will',
    );
  }
}

function validate(e: Expr): void {
  if (e.kind === 'log') validateSelector(e);
  else if (e.kind === 'range') validateSelector(e.log);
  else validate(e.inner);
}

/** Parses and validates a LogQL query; throws LogQLParseError or LogQLValidationError. */
export function parseLogQL(query: string): Expr {
  const toks = tokenize(query);
  if (toks[0].type === 'EOF')
    throw new LogQLParseError(1, 1, 'syntax error: unexpected $end');
  const expr = new Parser(toks).parseExpr();
  validate(expr);
  return expr;
}
