/** TraceQL syntax tree (the subset the sandbox evaluates). */

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
