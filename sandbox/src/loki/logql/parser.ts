/**
 * LogQL through Grafana's Lezer grammar, walked into the evaluator's syntax tree: stream selectors, line
 * filters, `| json`, `| logfmt`, label filters, range aggregations (`count_over_time`, `rate`,
 * `bytes_over_time`, `bytes_rate`) and vector aggregations (`sum|avg|min|max|count` with `by`/`without`).
 * What the grammar takes but the evaluator does not is refused by name. Errors read like Loki's.
 */
import type { SyntaxNode } from '@lezer/common';
import { parseRangeDuration } from '../../durations.ts';
import type {
  CmpOp,
  Expr,
  LabelFilterExpr,
  LabelMatcher,
  LineFilter,
  LogSelector,
  MatchOp,
  MetricExpr,
  RangeFunction,
  Stage,
  VectorOp,
} from './ast.ts';
import { LogQLParseError, LogQLValidationError } from './errors.ts';
import { re2ToRegExp, readGoString, StringLiteralError } from './goString.ts';
import { LOGQL } from './language.ts';
import {
  children,
  positionAt,
  syntaxError,
  type Position,
} from './syntaxError.ts';

/** Label name standing in for an empty selector `{}` while Grafana's grammar reads the query. */
const EMPTY_SELECTOR_LABEL = '__sandbox_empty_selector__';
const EMPTY_SELECTOR_FILL = `${EMPTY_SELECTOR_LABEL}=""`;

const RANGE_FNS: Record<string, RangeFunction> = {
  CountOverTime: 'count_over_time',
  Rate: 'rate',
  BytesOverTime: 'bytes_over_time',
  BytesRate: 'bytes_rate',
};
const VECTOR_OPS: Record<string, VectorOp> = {
  Sum: 'sum',
  Avg: 'avg',
  Min: 'min',
  Max: 'max',
  Count: 'count',
};
const MATCH_OPS: Record<string, MatchOp> = {
  Eq: '=',
  Neq: '!=',
  Re: '=~',
  Nre: '!~',
};
const CMP_OPS: Record<string, CmpOp> = {
  Eq: '==',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Gte: '>=',
  Lss: '<',
  Lte: '<=',
};
const LINE_OPS: Record<string, LineFilter['op']> = {
  PipeExact: '|=',
  Neq: '!=',
  PipeMatch: '|~',
  Nre: '!~',
};
const BYTE_UNITS: Record<string, number> = { B: 1, kB: 1e3 };
[...'KMGTPE'].forEach((prefix, i) => {
  BYTE_UNITS[`${prefix}B`] = 1000 ** (i + 1);
  BYTE_UNITS[`${prefix}iB`] = 1024 ** (i + 1);
});

/** The items of a left-recursive list node (`Matchers`, `PipelineExpr`, `Labels`...), in order. */
function items(node: SyntaxNode, list: string, item: string): SyntaxNode[] {
  return children(node).flatMap(c => {
    if (c.name === list) return items(c, list, item);
    return c.name === item ? [c] : [];
  });
}

class Walker {
  private readonly src: string;
  private readonly position: (offset: number) => Position;
  constructor(src: string, position: (offset: number) => Position) {
    this.src = src;
    this.position = position;
  }

  text(node: SyntaxNode): string {
    return this.src.slice(node.from, node.to);
  }

  fail(at: number, message: string): never {
    const p = this.position(at);
    throw new LogQLParseError(p.line, p.col, message);
  }

  unsupported(node: SyntaxNode): never {
    const [what, at] = this.describe(node);
    return this.fail(
      at,
      `syntax error: ${what} is not supported by the sandbox`,
    );
  }

  /** What to call a construct the evaluator lacks, and where it starts. */
  describe(node: SyntaxNode): [string, number] {
    const marker =
      node.getChild('Or') ??
      node.getChild('Ip') ??
      node.getChild('IpLabelFilter')?.getChild('Ip') ??
      (node.name === 'BinOpExpr' ? children(node)[1] : null);
    if (marker) return [this.text(marker), marker.from];
    return [this.text(node).split(/[\s(]/)[0], node.from];
  }

  child(node: SyntaxNode, name: string): SyntaxNode {
    return node.getChild(name) ?? this.unsupported(node);
  }

  string(node: SyntaxNode): string {
    try {
      return readGoString(this.src, node.from).value;
    } catch (e) {
      if (e instanceof StringLiteralError)
        this.fail(node.from, `syntax error: ${e.message}`);
      throw e;
    }
  }

  regexp(node: SyntaxNode, value: string, anchored: boolean): RegExp {
    try {
      return re2ToRegExp(value, anchored);
    } catch (e) {
      return this.fail(
        node.from,
        `error parsing regexp: ${(e as Error).message.replace(
          /^Invalid regular expression: /,
          '',
        )}`,
      );
    }
  }

  expr(node: SyntaxNode): Expr {
    const inner = node.firstChild ?? this.unsupported(node);
    if (inner.name === 'LogExpr') return this.log(inner);
    if (inner.name === 'MetricExpr') return this.metric(inner);
    return this.unsupported(inner);
  }

  log(node: SyntaxNode): LogSelector {
    const nested = node.getChild('LogExpr');
    if (nested) return this.log(nested);
    return this.selectorAndPipeline(node);
  }

  /** The selector and pipeline children of a log or log-range expression. */
  selectorAndPipeline(node: SyntaxNode): LogSelector {
    const selector = this.child(node, 'Selector');
    const pipeline = node.getChild('PipelineExpr');
    return {
      kind: 'log',
      matchers: items(selector, 'Matchers', 'Matcher')
        .filter(m => this.text(m) !== EMPTY_SELECTOR_FILL)
        .map(m => this.matcher(m)),
      stages: pipeline
        ? items(pipeline, 'PipelineExpr', 'PipelineStage').flatMap(st =>
            this.stage(st),
          )
        : [],
    };
  }

  matcher(node: SyntaxNode): LabelMatcher {
    const [name, op, value] = children(node);
    const m: LabelMatcher = {
      name: this.text(name),
      op: MATCH_OPS[op.name],
      value: this.string(value),
    };
    if (m.op === '=~' || m.op === '!~')
      m.re = this.regexp(value, m.value, true);
    return m;
  }

  stage(node: SyntaxNode): Stage[] {
    const filters = node.getChild('LineFilters');
    if (filters)
      return items(filters, 'LineFilters', 'LineFilter').map(f =>
        this.lineFilter(f),
      );
    const body = children(node).find(c => c.name !== 'Pipe');
    if (!body) return this.unsupported(node);
    if (body.name === 'LabelFilter')
      return [{ kind: 'labelFilter', expr: this.labelFilter(body) }];
    if (body.name === 'LabelParser' && body.getChild('Json'))
      return [{ kind: 'parser', parser: 'json' }];
    if (body.name === 'LogfmtParser' && !body.getChild('LogfmtParserFlags'))
      return [{ kind: 'parser', parser: 'logfmt' }];
    return this.fail(
      body.from,
      `syntax error: the ${
        this.text(body).split(/[\s(]/)[0]
      } stage is not supported by the sandbox`,
    );
  }

  lineFilter(node: SyntaxNode): LineFilter {
    const kids = children(node);
    const op = LINE_OPS[kids[0].firstChild?.name ?? ''];
    if (!op || kids.length !== 2 || kids[1].name !== 'String')
      return this.unsupported(node);
    const value = this.string(kids[1]);
    const regex = op === '|~' || op === '!~';
    return {
      kind: 'lineFilter',
      op,
      value,
      re: regex ? this.regexp(kids[1], value, false) : undefined,
    };
  }

  labelFilter(node: SyntaxNode): LabelFilterExpr {
    const kids = children(node);
    const parts = kids.filter(c => c.name === 'LabelFilter');
    if (parts.length === 2)
      return {
        kind: kids.some(c => c.name === 'Or') ? 'or' : 'and',
        left: this.labelFilter(parts[0]),
        right: this.labelFilter(parts[1]),
      };
    if (parts.length === 1) return this.labelFilter(parts[0]);
    const inner = kids[0];
    if (inner.name === 'Matcher') {
      const m = this.matcher(inner);
      return { kind: 'string', ...m };
    }
    if (inner.name === 'NumberFilter') return this.numberFilter(inner);
    if (inner.name === 'UnitFilter' && inner.firstChild)
      return this.numberFilter(inner.firstChild);
    return this.unsupported(inner);
  }

  numberFilter(node: SyntaxNode): LabelFilterExpr {
    const [name, opNode, valueNode] = children(node);
    const op = CMP_OPS[opNode.name] ?? this.unsupported(opNode);
    const base = { kind: 'number' as const, name: this.text(name), op };
    const text = this.text(valueNode);
    if (valueNode.name === 'Duration') {
      const ns = parseRangeDuration(text);
      if (ns === undefined)
        this.fail(valueNode.from, `syntax error: invalid duration ${text}`);
      return { ...base, value: ns / 1e9, unit: 'duration' };
    }
    if (valueNode.name === 'Bytes') {
      const m = /^([\d.]+)(.*)$/.exec(text) as RegExpExecArray;
      return {
        ...base,
        value: Number(m[1]) * (BYTE_UNITS[m[2]] ?? 1),
        unit: 'bytes',
      };
    }
    const value = Number(text.replace(/\s+/g, ''));
    if (valueNode.name !== 'LiteralExpr' || !Number.isFinite(value))
      return this.unsupported(valueNode);
    return { ...base, value, unit: 'number' };
  }

  metric(node: SyntaxNode): MetricExpr {
    const inner = node.firstChild ?? this.unsupported(node);
    if (inner.name === 'MetricExpr') return this.metric(inner);
    if (inner.name === 'RangeAggregationExpr') return this.range(inner);
    if (inner.name === 'VectorAggregationExpr') return this.vector(inner);
    return this.unsupported(inner);
  }

  range(node: SyntaxNode): MetricExpr {
    const opNode = this.child(node, 'RangeOp');
    const fn = RANGE_FNS[opNode.firstChild?.name ?? ''];
    if (!fn) return this.unsupported(opNode);
    if (node.getChild('Grouping') || node.getChild('Number'))
      return this.unsupported(node);
    const { log, rangeNs } = this.logRange(this.child(node, 'LogRangeExpr'));
    return { kind: 'range', fn, log, rangeNs };
  }

  logRange(node: SyntaxNode): { log: LogSelector; rangeNs: number } {
    const nested = node.getChild('LogRangeExpr');
    if (nested) return this.logRange(nested);
    const extra = node.getChild('OffsetExpr') ?? node.getChild('UnwrapExpr');
    if (extra) return this.unsupported(extra);
    const range = this.child(node, 'Range');
    const duration = this.text(range).slice(1, -1).trim();
    const rangeNs = parseRangeDuration(duration);
    if (rangeNs === undefined || rangeNs <= 0)
      this.fail(range.from, `syntax error: invalid duration ${duration}`);
    return { log: this.selectorAndPipeline(node), rangeNs };
  }

  vector(node: SyntaxNode): MetricExpr {
    const opNode = this.child(node, 'VectorOp');
    const op = VECTOR_OPS[opNode.firstChild?.name ?? ''];
    if (!op || node.getChild('Number')) return this.unsupported(opNode);
    const grouping = node.getChild('Grouping');
    return {
      kind: 'vector',
      op,
      grouping: grouping
        ? {
            without: !!grouping.getChild('Without'),
            labels: items(grouping, 'Labels', 'Identifier').map(l =>
              this.text(l),
            ),
          }
        : undefined,
      inner: this.metric(this.child(node, 'MetricExpr')),
    };
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

/**
 * Loki's grammar takes an empty selector `{}` (its validation then refuses the query); Grafana's grammar
 * does not. Each `{}` the grammar trips on is filled with a placeholder matcher the walker drops, and
 * offsets in the filled text are mapped back to the query's.
 */
function parseFilled(query: string) {
  let text = query;
  const fills: number[] = [];
  const toQuery = (offset: number) =>
    offset -
    fills.filter(at => at < offset).length * EMPTY_SELECTOR_FILL.length;
  for (;;) {
    const tree = LOGQL.parser.parse(text);
    const err = syntaxError(LOGQL, text, tree);
    if (!err) return { text, tree, toQuery };
    const open = text.slice(0, err.offset).search(/\{\s*$/);
    if (text[err.offset] !== '}' || open < 0) {
      const p = positionAt(query, toQuery(err.offset));
      throw new LogQLParseError(p.line, p.col, err.message);
    }
    fills.push(err.offset);
    text =
      text.slice(0, err.offset) + EMPTY_SELECTOR_FILL + text.slice(err.offset);
  }
}

/** Parses and validates a LogQL query; throws LogQLParseError or LogQLValidationError. */
export function parseLogQL(query: string): Expr {
  const { text, tree, toQuery } = parseFilled(query);
  const top = tree.topNode.getChild('Expr');
  if (!top) throw new LogQLParseError(1, 1, 'syntax error: unexpected $end');
  const expr = new Walker(text, (offset: number) =>
    positionAt(query, toQuery(offset)),
  ).expr(top);
  validate(expr);
  return expr;
}
