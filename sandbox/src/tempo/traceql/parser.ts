/**
 * TraceQL subset: spanset filters `{ ... }` combined with `&&`/`||`, field expressions with
 * `&& || !` and parentheses, comparisons `= != > >= < <= =~ !~` between attributes
 * (`resource.x`, `span.x`, `.x`, intrinsics) and literals (Go strings, numbers, durations,
 * booleans, nil, status and kind enums). Error messages follow Tempo's `parse error at line L, col C`.
 */
import { parseGoDuration } from '../../durations.ts';
import {
  re2ToRegExp,
  readGoString,
  StringLiteralError,
} from '../../loki/logql/goString.ts';

export class TraceQLParseError extends Error {
  constructor(line: number, col: number, message: string) {
    super(`parse error at line ${line}, col ${col}: ${message}`);
    this.name = 'TraceQLParseError';
  }
}

type TokType =
  | 'STRING'
  | 'INTEGER'
  | 'FLOAT'
  | 'DURATION'
  | 'IDENTIFIER'
  | 'OP'
  | 'EOF';
interface Tok {
  type: TokType;
  value: string;
  col: number;
  line: number;
}

const OPS = [
  '&&',
  '||',
  '!=',
  '!~',
  '=~',
  '>=',
  '<=',
  '=',
  '>',
  '<',
  '!',
  '{',
  '}',
  '(',
  ')',
  '|',
  ',',
];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  while (i < src.length) {
    const c = src[i];
    const col = i - lineStart + 1;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      try {
        const { value, end } = readGoString(src, i);
        out.push({ type: 'STRING', value, col, line });
        i = end;
      } catch (e) {
        if (e instanceof StringLiteralError)
          throw new TraceQLParseError(line, col, `syntax error: ${e.message}`);
        throw e;
      }
      continue;
    }
    const num = /^(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)?/.exec(src.slice(i));
    if (num && !/[A-Za-z_]/.test(src[i + num[0].length] ?? '')) {
      let type: TokType = num[1].includes('.') ? 'FLOAT' : 'INTEGER';
      if (num[2]) type = 'DURATION';
      out.push({ type, value: num[0], col, line });
      i += num[0].length;
      continue;
    }
    if (/[A-Za-z_.]/.test(c)) {
      // attribute paths may contain dots, dashes, slashes and colons (span:duration, http.status_code)
      const m = /^[A-Za-z_.][A-Za-z0-9_.\-/:]*/.exec(
        src.slice(i),
      ) as RegExpExecArray;
      let value = m[0];
      let end = i + value.length;
      // quoted attribute name: span."foo bar"
      if (value.endsWith('.') && src[end] === '"') {
        try {
          const q = readGoString(src, end);
          value += q.value;
          end = q.end;
        } catch (e) {
          if (e instanceof StringLiteralError)
            throw new TraceQLParseError(
              line,
              col,
              `syntax error: ${e.message}`,
            );
          throw e;
        }
      }
      out.push({ type: 'IDENTIFIER', value, col, line });
      i = end;
      continue;
    }
    const at = i;
    const op = OPS.find(o => src.startsWith(o, at));
    if (op) {
      out.push({ type: 'OP', value: op, col, line });
      i += op.length;
      continue;
    }
    throw new TraceQLParseError(
      line,
      col,
      `syntax error: unexpected character '${c}'`,
    );
  }
  out.push({ type: 'EOF', value: '', col: i - lineStart + 1, line });
  return out;
}

export type Scope = 'resource' | 'span' | 'any' | 'intrinsic';

export interface AttributeRef {
  kind: 'attribute';
  scope: Scope;
  /** attribute key, or the intrinsic's canonical name (duration, name, status, kind, ...) */
  name: string;
  /** text as written, for the returned attribute key */
  text: string;
}

export type Static =
  | { kind: 'string'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'duration'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'nil' }
  | { kind: 'status'; value: number }
  | { kind: 'kind'; value: number };

export type Operand = AttributeRef | { kind: 'static'; value: Static };

export type CmpOp = '=' | '!=' | '>' | '>=' | '<' | '<=' | '=~' | '!~';

export type FieldExpr =
  | { kind: 'cmp'; op: CmpOp; left: Operand; right: Operand; re?: RegExp }
  | { kind: 'and' | 'or'; left: FieldExpr; right: FieldExpr }
  | { kind: 'not'; expr: FieldExpr }
  | { kind: 'bool'; operand: Operand };

export type SpansetExpr =
  | { kind: 'filter'; expr?: FieldExpr }
  | { kind: 'spansetAnd' | 'spansetOr'; left: SpansetExpr; right: SpansetExpr };

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
const STATUS: Record<string, number> = { unset: 0, ok: 1, error: 2 };
const KINDS: Record<string, number> = {
  unspecified: 0,
  internal: 1,
  server: 2,
  client: 3,
  producer: 4,
  consumer: 5,
};

class Parser {
  private p = 0;
  private readonly t: Tok[];
  constructor(t: Tok[]) {
    this.t = t;
  }
  peek(): Tok {
    return this.t[this.p];
  }
  next(): Tok {
    return this.t[Math.min(this.p++, this.t.length - 1)];
  }
  isOp(v: string): boolean {
    const t = this.peek();
    return t.type === 'OP' && t.value === v;
  }
  fail(t: Tok, expecting?: string): never {
    let what: string = t.type;
    if (t.type === 'EOF') what = '$end';
    else if (t.type === 'OP') what = t.value;
    throw new TraceQLParseError(
      t.line,
      t.col,
      `syntax error: unexpected ${what}${
        expecting ? `, expecting ${expecting}` : ''
      }`,
    );
  }
  expect(v: string): void {
    const t = this.next();
    if (t.type !== 'OP' || t.value !== v) this.fail(t, v);
  }

  query(): SpansetExpr {
    const e = this.spansetExpr();
    const t = this.peek();
    if (t.type === 'OP' && t.value === '|')
      throw new TraceQLParseError(
        t.line,
        t.col,
        'syntax error: pipelines (| ...) are not supported by the sandbox',
      );
    if (t.type !== 'EOF') this.fail(t);
    return e;
  }

  spansetExpr(): SpansetExpr {
    let left = this.spansetTerm();
    for (;;) {
      if (this.isOp('&&')) {
        this.next();
        left = { kind: 'spansetAnd', left, right: this.spansetTerm() };
      } else if (this.isOp('||')) {
        this.next();
        left = { kind: 'spansetOr', left, right: this.spansetTerm() };
      } else return left;
    }
  }

  spansetTerm(): SpansetExpr {
    if (this.isOp('(')) {
      this.next();
      const e = this.spansetExpr();
      this.expect(')');
      return e;
    }
    const t = this.next();
    if (t.type !== 'OP' || t.value !== '{') this.fail(t, '{');
    if (this.isOp('}')) {
      this.next();
      return { kind: 'filter' };
    }
    const expr = this.orExpr();
    const close = this.next();
    if (close.type !== 'OP' || close.value !== '}') this.fail(close, '}');
    return { kind: 'filter', expr };
  }

  orExpr(): FieldExpr {
    let left = this.andExpr();
    while (this.isOp('||')) {
      this.next();
      left = { kind: 'or', left, right: this.andExpr() };
    }
    return left;
  }

  andExpr(): FieldExpr {
    let left = this.unary();
    while (this.isOp('&&')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  unary(): FieldExpr {
    if (this.isOp('!')) {
      this.next();
      return { kind: 'not', expr: this.unary() };
    }
    if (this.isOp('(')) {
      this.next();
      const e = this.orExpr();
      this.expect(')');
      return e;
    }
    const left = this.operand();
    const t = this.peek();
    if (
      t.type === 'OP' &&
      ['=', '!=', '>', '>=', '<', '<=', '=~', '!~'].includes(t.value)
    ) {
      this.next();
      const right = this.operand();
      const cmp: FieldExpr = { kind: 'cmp', op: t.value as CmpOp, left, right };
      if (t.value === '=~' || t.value === '!~') {
        if (right.kind !== 'static' || right.value.kind !== 'string')
          throw new TraceQLParseError(
            t.line,
            t.col,
            'syntax error: regex operators need a string on the right',
          );
        try {
          cmp.re = re2ToRegExp(right.value.value, true);
        } catch (e) {
          throw new TraceQLParseError(
            t.line,
            t.col,
            `error parsing regexp: ${(e as Error).message}`,
          );
        }
      }
      this.typeCheck(cmp, t);
      return cmp;
    }
    return { kind: 'bool', operand: left };
  }

  typeCheck(cmp: Extract<FieldExpr, { kind: 'cmp' }>, at: Tok): void {
    const operands = [cmp.left, cmp.right];
    const attr = operands.find(
      (o): o is AttributeRef => o.kind === 'attribute',
    );
    const stat = operands.find(
      (o): o is { kind: 'static'; value: Static } => o.kind === 'static',
    )?.value;
    if (!attr || !stat || attr.scope !== 'intrinsic') return;
    const bad = () => {
      throw new TraceQLParseError(
        at.line,
        at.col,
        `invalid expression: ${attr.text} ${cmp.op} ${stat.kind}`,
      );
    };
    if (
      (attr.name === 'duration' || attr.name === 'traceDuration') &&
      !['duration', 'int', 'float', 'nil'].includes(stat.kind)
    )
      bad();
    if (attr.name === 'status' && !['status', 'nil'].includes(stat.kind)) bad();
    if (attr.name === 'kind' && !['kind', 'nil'].includes(stat.kind)) bad();
    if (
      ['name', 'rootName', 'rootServiceName', 'statusMessage'].includes(
        attr.name,
      ) &&
      !['string', 'nil'].includes(stat.kind)
    )
      bad();
  }

  operand(): Operand {
    const t = this.next();
    switch (t.type) {
      case 'STRING':
        return { kind: 'static', value: { kind: 'string', value: t.value } };
      case 'INTEGER':
        return {
          kind: 'static',
          value: { kind: 'int', value: Number(t.value) },
        };
      case 'FLOAT':
        return {
          kind: 'static',
          value: { kind: 'float', value: Number(t.value) },
        };
      case 'DURATION': {
        const ns = parseGoDuration(t.value);
        if (ns === undefined) this.fail(t);
        return { kind: 'static', value: { kind: 'duration', value: ns } };
      }
      case 'OP':
        if (t.value === '-') break;
        return this.fail(t);
      case 'IDENTIFIER': {
        const v = t.value;
        if (v === 'true' || v === 'false')
          return {
            kind: 'static',
            value: { kind: 'bool', value: v === 'true' },
          };
        if (v === 'nil') return { kind: 'static', value: { kind: 'nil' } };
        if (v in STATUS)
          return {
            kind: 'static',
            value: { kind: 'status', value: STATUS[v] },
          };
        if (v in KINDS)
          return { kind: 'static', value: { kind: 'kind', value: KINDS[v] } };
        if (v in INTRINSICS)
          return {
            kind: 'attribute',
            scope: 'intrinsic',
            name: INTRINSICS[v],
            text: v,
          };
        if (v.startsWith('resource.') && v.length > 9)
          return {
            kind: 'attribute',
            scope: 'resource',
            name: v.slice(9),
            text: v,
          };
        if (v.startsWith('span.') && v.length > 5)
          return {
            kind: 'attribute',
            scope: 'span',
            name: v.slice(5),
            text: v,
          };
        if (v.startsWith('.') && v.length > 1)
          return { kind: 'attribute', scope: 'any', name: v.slice(1), text: v };
        throw new TraceQLParseError(
          t.line,
          t.col,
          `syntax error: unexpected IDENTIFIER${
            /^(event|link|instrumentation|parent)\./.test(v)
              ? ` (${v.split('.')[0]} scope is not supported by the sandbox)`
              : ''
          }`,
        );
      }
      default:
        break;
    }
    return this.fail(t);
  }
}

/** Parses a TraceQL query; throws TraceQLParseError. */
export function parseTraceQL(q: string): SpansetExpr {
  const toks = tokenize(q);
  if (toks[0].type === 'EOF')
    throw new TraceQLParseError(1, 1, 'syntax error: unexpected $end');
  return new Parser(toks).query();
}

/** Attributes a query references (for the `attributes` of matched spans in search results). */
export function referencedAttributes(e: SpansetExpr): AttributeRef[] {
  const out: AttributeRef[] = [];
  const field = (f: FieldExpr | undefined) => {
    if (!f) return;
    if (f.kind === 'cmp') {
      for (const o of [f.left, f.right])
        if (o.kind === 'attribute' && !out.some(a => a.text === o.text))
          out.push(o);
    } else if (f.kind === 'and' || f.kind === 'or') {
      field(f.left);
      field(f.right);
    } else if (f.kind === 'not') field(f.expr);
    else if (f.kind === 'bool' && f.operand.kind === 'attribute')
      out.push(f.operand);
  };
  const walk = (s: SpansetExpr) => {
    if (s.kind === 'filter') field(s.expr);
    else {
      walk(s.left);
      walk(s.right);
    }
  };
  walk(e);
  return out;
}
