import { quoteGoString } from './goString';
import { TRACE_ATTRIBUTE_NAME_PATTERN } from './names';

/** @public */
export interface TraceQueryInput {
  serviceName: string;
  /** Resource attribute bound by the operator (`platform.scope.tempoNamespaceAttribute`), e.g. k8s.namespace.name. */
  scope?: { attribute: string; value: string };
  errorsOnly?: boolean;
  minDurationMs?: number;
}

/**
 * Builds a TraceQL span-set filter such as
 * `{ resource.service.name = "x" && status = error && duration > 500ms }`.
 *
 * @public
 */
export function buildTraceQuery(input: TraceQueryInput): string {
  const conditions = [
    `resource.service.name = ${quoteGoString(input.serviceName)}`,
  ];
  if (input.scope) {
    if (!TRACE_ATTRIBUTE_NAME_PATTERN.test(input.scope.attribute)) {
      throw new Error(`Invalid attribute name '${input.scope.attribute}'`);
    }
    conditions.push(
      `resource.${input.scope.attribute} = ${quoteGoString(input.scope.value)}`,
    );
  }
  if (input.errorsOnly) {
    conditions.push('status = error');
  }
  if (input.minDurationMs !== undefined && input.minDurationMs > 0) {
    if (!Number.isInteger(input.minDurationMs)) {
      throw new Error('minDurationMs must be a whole number');
    }
    conditions.push(`duration > ${input.minDurationMs}ms`);
  }
  return `{ ${conditions.join(' && ')} }`;
}
