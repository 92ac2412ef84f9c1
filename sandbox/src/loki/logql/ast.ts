/** LogQL syntax tree (the subset the sandbox evaluates). */

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
  /** compiled, anchored regexp for =~ / !~ */
  re?: RegExp;
}

export interface LineFilter {
  kind: 'lineFilter';
  op: '|=' | '!=' | '|~' | '!~';
  value: string;
  re?: RegExp;
}

export interface ParserStage {
  kind: 'parser';
  parser: 'json' | 'logfmt';
}

export type CmpOp = '=' | '!=' | '=~' | '!~' | '==' | '>' | '>=' | '<' | '<=';

export type LabelFilterExpr =
  | { kind: 'string'; name: string; op: MatchOp; value: string; re?: RegExp }
  | {
      kind: 'number';
      name: string;
      op: CmpOp;
      value: number;
      unit: 'number' | 'duration' | 'bytes';
    }
  | { kind: 'and' | 'or'; left: LabelFilterExpr; right: LabelFilterExpr };

export interface LabelFilterStage {
  kind: 'labelFilter';
  expr: LabelFilterExpr;
}

export type Stage = LineFilter | ParserStage | LabelFilterStage;

export interface LogSelector {
  kind: 'log';
  matchers: LabelMatcher[];
  stages: Stage[];
}

export type RangeFunction =
  | 'count_over_time'
  | 'rate'
  | 'bytes_over_time'
  | 'bytes_rate';

export interface RangeAggregation {
  kind: 'range';
  fn: RangeFunction;
  log: LogSelector;
  /** range in nanoseconds */
  rangeNs: number;
}

export type VectorOp = 'sum' | 'avg' | 'min' | 'max' | 'count';

export interface VectorAggregation {
  kind: 'vector';
  op: VectorOp;
  grouping?: { without: boolean; labels: string[] };
  inner: MetricExpr;
}

export type MetricExpr = RangeAggregation | VectorAggregation;

export type Expr = LogSelector | MetricExpr;
