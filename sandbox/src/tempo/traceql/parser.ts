/**
 * TraceQL through Grafana's Lezer grammar, walked into the evaluator's syntax tree: spanset filters
 * `{ ... }` combined with `&&`/`||`, field expressions with `&& || !` and parentheses, comparisons
 * `= != > >= < <= =~ !~` between attributes (`resource.x`, `span.x`, `.x`, intrinsics) and literals (Go
 * strings, numbers, durations, booleans, nil, status and kind enums). What the grammar takes but the
 * evaluator does not is refused by name. Errors follow Tempo's `parse error at line L, col C`.
 */
import type { SyntaxNode } from '@lezer/common';
import { parseGoDuration } from '../../durations.ts';
import {
  re2ToRegExp,
  readGoString,
  StringLiteralError,
} from '../../loki/logql/goString.ts';
import {
  children,
  maskStrings,
  positionAt,
  syntaxError,
} from '../../loki/logql/syntaxError.ts';
import type {
  AttributeRef,
  CmpOp,
  FieldExpr,
  Operand,
  SpansetExpr,
  Static,
} from './ast.ts';
import { TRACEQL } from './language.ts';

export class TraceQLParseError extends Error {
  constructor(line: number, col: number, message: string) {
    super(`parse error at line ${line}, col ${col}: ${message}`);
    this.name = 'TraceQLParseError';
  }
}

const INTRINSICS: Record<string, string> = {
  duration: 'duration',
  'span:duration': 'duration',
  name: 'name',
  'span:name': 'name',
  status: 'status',
  'span:status': 'status',
  statusMessage: 'statusMessage',
  'span:statusMessage': 'statusMessage',
  kind: 'kind',
  'span:kind': 'kind',
  rootName: 'rootName',
  'trace:rootName': 'rootName',
  rootServiceName: 'rootServiceName',
  'trace:rootService': 'rootServiceName',
  traceDuration: 'traceDuration',
  'trace:duration': 'traceDuration',
  'trace:id': 'traceId',
  'span:id': 'spanId',
};
const WORD_STATICS: Record<string, Static> = {
  true: { kind: 'bool', value: true },
  false: { kind: 'bool', value: false },
  nil: { kind: 'nil' },
};
['unset', 'ok', 'error'].forEach((w, value) => {
  WORD_STATICS[w] = { kind: 'status', value };
});
['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'].forEach(
  (w, value) => {
    WORD_STATICS[w] = { kind: 'kind', value };
  },
);
const SCOPES: Record<string, AttributeRef['scope']> = {
  Resource: 'resource',
  Span: 'span',
};
const CMP_OPS = ['=', '!=', '>', '>=', '<', '<=', '=~', '!~'];

/** A field expression before semantics: operators with Tempo's precedence, parentheses kept. */
type Raw =
  | { t: 'bin'; op: string; at: number; l: Raw; r: Raw }
  | { t: 'unary'; op: '!' | '-'; at: number; arg: Raw }
  | { t: 'paren'; e: Raw }
  | { t: 'leaf'; at: number; operand: Operand };

type Item<A> =
  | { op: string; at: number }
  | { unary: '!' | '-'; at: number }
  | { atom: A };

/**
 * Tempo's precedence (expr.y: `&&` and `||` on one level, then comparisons, then arithmetic; a leading
 * `!` or `-` binds the operand after it). Grafana's grammar differs: its `&&` binds tighter than `||`,
 * and a leading `!` or `-` takes everything to its right (`-1 && x` reads as `-(1 && x)`). So the
 * grammar's operator tree is flattened and rebuilt here.
 */
const PRECEDENCE: Record<string, number> = Object.fromEntries(
  ['&& ||', '= != > >= < <= =~ !~', '+ -', '', '* / %', '^'].flatMap((ops, i) =>
    ops ? ops.split(' ').map(op => [op, i + 1] as const) : [],
  ),
);

function climb(items: Item<Raw>[]): Raw {
  let pos = 0;
  const primary = (): Raw => {
    const it = items[pos++];
    if ('unary' in it)
      return { t: 'unary', op: it.unary, at: it.at, arg: primary() };
    if ('atom' in it) return it.atom;
    throw new Error(`operator ${it.op} where an operand belongs`);
  };
  const expr = (min: number): Raw => {
    let left = primary();
    for (;;) {
      const it = items[pos];
      if (!it || !('op' in it)) return left;
      const p = PRECEDENCE[it.op] ?? 7;
      if (p < min) return left;
      pos++;
      const right = expr(it.op === '^' ? p : p + 1);
      left = { t: 'bin', op: it.op, at: it.at, l: left, r: right };
    }
  };
  return expr(0);
}

class Walker {
  private readonly src: string;
  constructor(src: string) {
    this.src = src;
  }

  text(node: SyntaxNode): string {
    return this.src.slice(node.from, node.to);
  }

  fail(at: number, message: string): never {
    const p = positionAt(this.src, at);
    throw new TraceQLParseError(p.line, p.col, message);
  }

  unsupported(at: number, what: string): never {
    return this.fail(at, `syntax error: ${what} not supported by the sandbox`);
  }

  string(at: number): string {
    try {
      return readGoString(this.src, at).value;
    } catch (e) {
      if (e instanceof StringLiteralError)
        this.fail(at, `syntax error: ${e.message}`);
      throw e;
    }
  }

  query(top: SyntaxNode): SpansetExpr {
    const kids = children(top);
    const extra = kids.find(c => c.name !== 'SpansetPipelineExpression');
    if (extra) return this.unsupported(extra.from, `${this.text(extra)} is`);
    if (kids.length !== 1) return this.unsupported(top.from, 'this query is');
    return this.spanset(kids[0]);
  }

  /** Spanset operators: Tempo puts `&&` and `||` on one level, left to right. */
  spanset(node: SyntaxNode): SpansetExpr {
    const items = this.spansetItems(node);
    let left = (items[0] as { atom: SpansetExpr }).atom;
    for (let i = 1; i < items.length; i += 2) {
      const op = items[i] as { op: string; at: number };
      if (op.op !== '&&' && op.op !== '||')
        this.unsupported(op.at, `the ${op.op} operator is`);
      left = {
        kind: op.op === '&&' ? 'spansetAnd' : 'spansetOr',
        left,
        right: (items[i + 1] as { atom: SpansetExpr }).atom,
      };
    }
    return left;
  }

  spansetItems(node: SyntaxNode): Item<SpansetExpr>[] {
    const kids = children(node);
    const pipe = kids.find(c => c.name === 'Pipe');
    if (pipe)
      this.fail(
        pipe.from,
        'syntax error: pipelines (| ...) are not supported by the sandbox',
      );
    const sides = kids.filter(c => c.name.startsWith('Spanset'));
    if (sides.length === 2) {
      const [l, r] = sides;
      // some operators (`~`) leave no node of their own
      const opNode = kids.find(c => !c.name.startsWith('Spanset'));
      const between = this.src.slice(l.to, r.from);
      const op = opNode ? this.text(opNode) : between.trim();
      const at = opNode ? opNode.from : l.to + between.indexOf(op);
      return [...this.spansetItems(l), { op, at }, ...this.spansetItems(r)];
    }
    const [inner] = kids;
    if (kids.length === 1 && inner.name === 'SpansetFilter')
      return [{ atom: this.filter(inner) }];
    if (kids.length === 1 && inner.name.includes('Spanset'))
      return this.src[node.from] === '(' && inner.from > node.from
        ? [{ atom: this.spanset(inner) }]
        : this.spansetItems(inner);
    return this.unsupported(node.from, `${this.text(node)} is`);
  }

  filter(node: SyntaxNode): SpansetExpr {
    const field = node.getChild('FieldExpression');
    if (!field) return { kind: 'filter' };
    return { kind: 'filter', expr: this.field(this.raw(field)) };
  }

  raw(node: SyntaxNode): Raw {
    return climb(this.flatten(node));
  }

  flatten(node: SyntaxNode): Item<Raw>[] {
    const kids = children(node);
    if (kids.length === 3) {
      const [l, op, r] = kids;
      return [
        ...this.flatten(l),
        { op: this.text(op), at: op.from },
        ...this.flatten(r),
      ];
    }
    const [inner] = kids;
    if (inner.name !== 'FieldExpression')
      return [
        { atom: { t: 'leaf', at: node.from, operand: this.operand(inner) } },
      ];
    const lead = this.src[node.from];
    if (lead === '(' && inner.from > node.from)
      return [{ atom: { t: 'paren', e: this.raw(inner) } }];
    if ((lead === '!' || lead === '-') && inner.from > node.from)
      return [{ unary: lead, at: node.from }, ...this.flatten(inner)];
    return this.flatten(inner);
  }

  field(raw: Raw): FieldExpr {
    switch (raw.t) {
      case 'paren':
        return this.field(raw.e);
      case 'leaf':
        return { kind: 'bool', operand: raw.operand };
      case 'unary':
        if (raw.op === '!') return { kind: 'not', expr: this.field(raw.arg) };
        return this.unsupported(raw.at, 'a negated expression is');
      default:
        break;
    }
    if (raw.op === '&&' || raw.op === '||')
      return {
        kind: raw.op === '&&' ? 'and' : 'or',
        left: this.field(raw.l),
        right: this.field(raw.r),
      };
    if (!CMP_OPS.includes(raw.op))
      return this.unsupported(raw.at, `the ${raw.op} operator is`);
    const cmp: Extract<FieldExpr, { kind: 'cmp' }> = {
      kind: 'cmp',
      op: raw.op as CmpOp,
      left: this.cmpOperand(raw.l),
      right: this.cmpOperand(raw.r),
    };
    if (cmp.op === '=~' || cmp.op === '!~') {
      const right = cmp.right;
      if (right.kind !== 'static' || right.value.kind !== 'string')
        this.fail(
          raw.at,
          'syntax error: regex operators need a string on the right',
        );
      try {
        cmp.re = re2ToRegExp(right.value.value, true);
      } catch (e) {
        this.fail(raw.at, `error parsing regexp: ${(e as Error).message}`);
      }
    }
    this.typeCheck(cmp, raw.at);
    return cmp;
  }

  cmpOperand(raw: Raw): Operand {
    if (raw.t === 'paren') return this.cmpOperand(raw.e);
    if (raw.t === 'leaf') return raw.operand;
    if (raw.t === 'unary' && raw.op === '-' && raw.arg.t === 'leaf') {
      const o = raw.arg.operand;
      if (
        o.kind === 'static' &&
        (o.value.kind === 'int' ||
          o.value.kind === 'float' ||
          o.value.kind === 'duration')
      )
        return { kind: 'static', value: { ...o.value, value: -o.value.value } };
    }
    if (raw.t === 'bin') {
      const what =
        CMP_OPS.includes(raw.op) || raw.op === '&&' || raw.op === '||'
          ? 'comparing a comparison is'
          : `the ${raw.op} operator is`;
      return this.unsupported(raw.at, what);
    }
    return this.unsupported(raw.at, 'a negated expression is');
  }

  typeCheck(cmp: Extract<FieldExpr, { kind: 'cmp' }>, at: number): void {
    const operands = [cmp.left, cmp.right];
    const attr = operands.find(
      (o): o is AttributeRef => o.kind === 'attribute',
    );
    const stat = operands.find(
      (o): o is { kind: 'static'; value: Static } => o.kind === 'static',
    )?.value;
    if (!attr || !stat || attr.scope !== 'intrinsic') return;
    const allowed: Record<string, string[]> = {
      duration: ['duration', 'int', 'float', 'nil'],
      traceDuration: ['duration', 'int', 'float', 'nil'],
      status: ['status', 'nil'],
      kind: ['kind', 'nil'],
      name: ['string', 'nil'],
      rootName: ['string', 'nil'],
      rootServiceName: ['string', 'nil'],
      statusMessage: ['string', 'nil'],
    };
    if (allowed[attr.name] && !allowed[attr.name].includes(stat.kind))
      this.fail(at, `invalid expression: ${attr.text} ${cmp.op} ${stat.kind}`);
  }

  operand(node: SyntaxNode): Operand {
    const text = this.text(node);
    if (node.name === 'Static')
      return { kind: 'static', value: this.static(node) };
    if (node.name === 'IntrinsicField') {
      const name = INTRINSICS[text];
      if (!name) return this.unsupported(node.from, `the ${text} intrinsic is`);
      return { kind: 'attribute', scope: 'intrinsic', name, text };
    }
    if (node.name === 'AttributeField') {
      const [first, second] = children(node);
      const id = second ?? first;
      const scope = second ? SCOPES[first.name] : 'any';
      if (!scope || id.name !== 'Identifier')
        return this.unsupported(node.from, `the ${this.text(first)} scope is`);
      const raw = this.text(id);
      const name = raw.startsWith('"') ? this.string(id.from) : raw;
      const prefix = scope === 'any' ? '.' : `${scope}.`;
      return { kind: 'attribute', scope, name, text: prefix + name };
    }
    return this.unsupported(node.from, `${text} is`);
  }

  static(node: SyntaxNode): Static {
    const text = this.text(node);
    const inner = node.firstChild;
    switch (inner?.name) {
      case 'String':
        return { kind: 'string', value: this.string(inner.from) };
      case 'Integer':
        return { kind: 'int', value: Number(text) };
      case 'Float':
        return { kind: 'float', value: Number(text) };
      case 'Duration': {
        const ns = parseGoDuration(text);
        if (ns === undefined)
          this.fail(node.from, `syntax error: invalid duration ${text}`);
        return { kind: 'duration', value: ns };
      }
      case undefined:
        if (text in WORD_STATICS) return WORD_STATICS[text];
        break;
      default:
        break;
    }
    return this.unsupported(node.from, `${text} is`);
  }
}

/** Parses a TraceQL query; throws TraceQLParseError. */
export function parseTraceQL(q: string): SpansetExpr {
  // Grafana's string token refuses `\u` escapes that Tempo's Go lexer takes
  const masked = maskStrings(TRACEQL, q);
  const tree = TRACEQL.parser.parse(masked);
  const err = syntaxError(TRACEQL, masked, tree);
  if (err) {
    const p = positionAt(q, err.offset);
    throw new TraceQLParseError(p.line, p.col, err.message);
  }
  return new Walker(q).query(tree.topNode);
}
