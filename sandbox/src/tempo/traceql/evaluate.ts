/** Evaluates TraceQL spanset expressions over stored traces. */
import {
  allSpans,
  serviceNameOf,
  type AnyValue,
  type Batch,
  type Span,
  type Trace,
} from '../store.ts';
import type {
  AttributeRef,
  CmpOp,
  FieldExpr,
  Operand,
  SpansetExpr,
  Static,
} from './ast.ts';

type Value =
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  | { t: 'duration'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'status'; v: number }
  | { t: 'kind'; v: number }
  | { t: 'nil' };

export interface SpanCtx {
  span: Span;
  batch: Batch;
  trace: TraceInfo;
}

export interface TraceInfo {
  rootName?: string;
  rootServiceName?: string;
  durationNs: number;
}

export function traceInfo(t: Trace): TraceInfo {
  let min: bigint | undefined;
  let max: bigint | undefined;
  let root: { span: Span; batch: Batch } | undefined;
  for (const { span, batch } of allSpans(t)) {
    if (min === undefined || span.start < min) min = span.start;
    if (max === undefined || span.end > max) max = span.end;
    if (!span.parentSpanId && !root) root = { span, batch };
  }
  return {
    rootName: root?.span.name,
    rootServiceName: root ? serviceNameOf(root.batch) : undefined,
    durationNs: min !== undefined && max !== undefined ? Number(max - min) : 0,
  };
}

function lookupAttribute<T>(
  scope: string,
  fromSpan: () => T | undefined,
  fromRes: () => T | undefined,
): T | undefined {
  if (scope === 'span') return fromSpan();
  if (scope === 'resource') return fromRes();
  return fromSpan() ?? fromRes();
}

function fromAny(v: AnyValue): Value {
  if ('stringValue' in v) return { t: 'string', v: v.stringValue };
  if ('intValue' in v) return { t: 'number', v: Number(v.intValue) };
  if ('doubleValue' in v) return { t: 'number', v: v.doubleValue };
  if ('boolValue' in v) return { t: 'bool', v: v.boolValue };
  return { t: 'nil' };
}

function attrValue(ctx: SpanCtx, a: AttributeRef): Value {
  if (a.scope === 'intrinsic') {
    const s = ctx.span;
    switch (a.name) {
      case 'duration':
        return { t: 'duration', v: Number(s.end - s.start) };
      case 'name':
        return { t: 'string', v: s.name };
      case 'status':
        return { t: 'status', v: s.status.code };
      case 'statusMessage':
        return { t: 'string', v: s.status.message ?? '' };
      case 'kind':
        return { t: 'kind', v: s.kind };
      case 'rootName':
        return ctx.trace.rootName === undefined
          ? { t: 'nil' }
          : { t: 'string', v: ctx.trace.rootName };
      case 'rootServiceName':
        return ctx.trace.rootServiceName === undefined
          ? { t: 'nil' }
          : { t: 'string', v: ctx.trace.rootServiceName };
      case 'traceDuration':
        return { t: 'duration', v: ctx.trace.durationNs };
      case 'traceId':
        return { t: 'string', v: s.traceId };
      case 'spanId':
        return { t: 'string', v: s.spanId };
      default:
        return { t: 'nil' };
    }
  }
  const fromSpan = () => ctx.span.attributes.find(kv => kv.key === a.name);
  const fromRes = () =>
    ctx.batch.resource.attributes.find(kv => kv.key === a.name);
  const kv = lookupAttribute(a.scope, fromSpan, fromRes);
  return kv ? fromAny(kv.value) : { t: 'nil' };
}

function fromStatic(s: Static): Value {
  switch (s.kind) {
    case 'string':
      return { t: 'string', v: s.value };
    case 'int':
    case 'float':
      return { t: 'number', v: s.value };
    case 'duration':
      return { t: 'duration', v: s.value };
    case 'bool':
      return { t: 'bool', v: s.value };
    case 'status':
      return { t: 'status', v: s.value };
    case 'kind':
      return { t: 'kind', v: s.value };
    default:
      return { t: 'nil' };
  }
}

function operandValue(ctx: SpanCtx, o: Operand): Value {
  return o.kind === 'static' ? fromStatic(o.value) : attrValue(ctx, o);
}

function compare(op: CmpOp, l: Value, r: Value, re?: RegExp): boolean {
  if (l.t === 'nil' || r.t === 'nil') {
    if (op === '=') return l.t === 'nil' && r.t === 'nil';
    if (op === '!=') return (l.t === 'nil') !== (r.t === 'nil');
    return false;
  }
  if (op === '=~' || op === '!~') {
    if (l.t !== 'string' || !re) return false;
    return re.test(l.v) === (op === '=~');
  }
  // durations compare with numbers given in nanoseconds (and vice versa)
  const numeric = (v: Value) =>
    v.t === 'number' || v.t === 'duration' ? v.v : undefined;
  const ln = numeric(l);
  const rn = numeric(r);
  if (ln !== undefined && rn !== undefined) {
    switch (op) {
      case '=':
        return ln === rn;
      case '!=':
        return ln !== rn;
      case '>':
        return ln > rn;
      case '>=':
        return ln >= rn;
      case '<':
        return ln < rn;
      case '<=':
        return ln <= rn;
      default:
        return false;
    }
  }
  if (l.t !== r.t) return false;
  const lv = (l as { v: unknown }).v as string | number | boolean;
  const rv = (r as { v: unknown }).v as string | number | boolean;
  switch (op) {
    case '=':
      return lv === rv;
    case '!=':
      return lv !== rv;
    case '>':
      return lv > rv;
    case '>=':
      return lv >= rv;
    case '<':
      return lv < rv;
    case '<=':
      return lv <= rv;
    default:
      return false;
  }
}

export function evalField(ctx: SpanCtx, e: FieldExpr): boolean {
  switch (e.kind) {
    case 'and':
      return evalField(ctx, e.left) && evalField(ctx, e.right);
    case 'or':
      return evalField(ctx, e.left) || evalField(ctx, e.right);
    case 'not':
      return !evalField(ctx, e.expr);
    case 'bool': {
      const v = operandValue(ctx, e.operand);
      return v.t === 'bool' && v.v;
    }
    case 'cmp': {
      // allow `literal op attribute` by flipping
      let { left, right } = e;
      let op = e.op;
      if (left.kind === 'static' && right.kind === 'attribute') {
        [left, right] = [right, left];
        const flip: Record<string, CmpOp> = {
          '>': '<',
          '<': '>',
          '>=': '<=',
          '<=': '>=',
        };
        op = flip[op] ?? op;
      }
      return compare(
        op,
        operandValue(ctx, left),
        operandValue(ctx, right),
        e.re,
      );
    }
    default:
      return false;
  }
}

/** Matched spans of a trace, or undefined when the trace does not match. */
export function evalSpanset(
  t: Trace,
  info: TraceInfo,
  e: SpansetExpr,
): SpanCtx[] | undefined {
  if (e.kind === 'filter') {
    const out: SpanCtx[] = [];
    for (const { span, batch } of allSpans(t)) {
      const ctx = { span, batch, trace: info };
      if (!e.expr || evalField(ctx, e.expr)) out.push(ctx);
    }
    return out.length ? out : undefined;
  }
  const l = evalSpanset(t, info, e.left);
  const r = evalSpanset(t, info, e.right);
  const union = (a: SpanCtx[], b: SpanCtx[]) => [
    ...a,
    ...b.filter(x => !a.some(y => y.span === x.span)),
  ];
  if (e.kind === 'spansetAnd') return l && r ? union(l, r) : undefined;
  if (l && r) return union(l, r);
  return l ?? r;
}

/** The attribute a search result shows for a referenced field of a matched span (Tempo's shape). */
export function shownAttribute(
  ctx: SpanCtx,
  a: AttributeRef,
): { key: string; value: Record<string, unknown> } | undefined {
  if (a.scope === 'intrinsic') {
    if (
      a.name === 'duration' ||
      a.name === 'traceDuration' ||
      a.name === 'traceId' ||
      a.name === 'spanId'
    )
      return undefined;
    const v = attrValue(ctx, a);
    if (a.name === 'status')
      return {
        key: 'status',
        value: {
          stringValue: ['unset', 'ok', 'error'][(v as { v: number }).v],
        },
      };
    if (a.name === 'kind')
      return {
        key: 'kind',
        value: {
          stringValue: [
            'unspecified',
            'internal',
            'server',
            'client',
            'producer',
            'consumer',
          ][(v as { v: number }).v],
        },
      };
    if (v.t === 'string') return { key: a.name, value: { stringValue: v.v } };
    return undefined;
  }
  const fromSpan = () => ctx.span.attributes.find(kv => kv.key === a.name);
  const fromRes = () =>
    ctx.batch.resource.attributes.find(kv => kv.key === a.name);
  const kv = lookupAttribute(a.scope, fromSpan, fromRes);
  return kv
    ? { key: kv.key, value: kv.value as Record<string, unknown> }
    : undefined;
}
