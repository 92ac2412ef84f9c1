import {
  TraceDetail,
  TraceSpan,
} from '@paved-road/backstage-plugin-platform-common';

/** Which spans of a trace an entity may see: its service, and its namespace when the operator scopes traces. */
export interface TraceScopeTarget {
  serviceName: string;
  /** Resource attribute (without `resource.`) and the entity's namespace; undefined: scope switched off. */
  scope?: { attribute: string; value: string };
}

function inScope(span: TraceSpan, scope: TraceScopeTarget['scope']): boolean {
  return (
    !scope || span.attributes[`resource.${scope.attribute}`] === scope.value
  );
}

/**
 * The part of a trace an entity may show: only the spans inside its namespace scope (a trace crossing into
 * another namespace must not show that namespace's spans), with the count of the spans withheld. Undefined
 * when no in-scope span belongs to the entity's service: an entity a user can read must not become a window
 * onto any trace id, so such a trace is answered as not found.
 *
 * A kept span whose parent was withheld keeps its `parentSpanId`; the waterfall shows it as a root.
 */
export function scopeTrace(
  detail: TraceDetail,
  target: TraceScopeTarget,
): TraceDetail | undefined {
  const spans = detail.spans.filter(span => inScope(span, target.scope));
  if (!spans.some(span => span.serviceName === target.serviceName)) {
    return undefined;
  }
  return {
    traceId: detail.traceId,
    spans,
    withheldSpans: detail.spans.length - spans.length,
  };
}
