import {
  SpanKind,
  TraceDetail,
  TraceSpan,
  TraceSummary,
} from '@paved-road/backstage-plugin-platform-common';
import {
  OtlpAnyValue,
  OtlpAttributes,
  TempoSearchResponse,
  TempoTrace,
  base64IdToHex,
} from '@paved-road/backstage-plugin-platform-node';

type AttributeValue = string | number | boolean;

/** OTLP AnyValue -> a flat scalar (arrays and maps as JSON text). */
export function attributeValue(
  value: OtlpAnyValue | undefined,
): AttributeValue {
  if (!value) return '';
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.intValue !== undefined) {
    const n = Number(value.intValue);
    // int64 beyond 2^53 keeps its exact digits as text
    return Number.isSafeInteger(n) ? n : String(value.intValue);
  }
  if (value.arrayValue)
    return JSON.stringify((value.arrayValue.values ?? []).map(attributeValue));
  if (value.kvlistValue) {
    return JSON.stringify(
      Object.fromEntries(
        (value.kvlistValue.values ?? []).map(kv => [
          kv.key,
          attributeValue(kv.value),
        ]),
      ),
    );
  }
  if (value.bytesValue !== undefined) return value.bytesValue;
  return '';
}

function attributes(
  list: OtlpAttributes | undefined,
): Record<string, AttributeValue> {
  return Object.fromEntries(
    (list ?? []).map(kv => [kv.key, attributeValue(kv.value)]),
  );
}

/**
 * Span attributes, where one named `resource.*` becomes `span.resource.*` (TraceQL's name for it): the
 * namespace scope reads `resource.<attribute>` from the span's resource, and a span must not be able to claim
 * another namespace by carrying an attribute with that name when its resource has none.
 */
function spanAttributes(
  list: OtlpAttributes | undefined,
): Record<string, AttributeValue> {
  return Object.fromEntries(
    Object.entries(attributes(list)).map(([k, v]) => [
      k.startsWith('resource.') ? `span.${k}` : k,
      v,
    ]),
  );
}

const KINDS: Record<string, SpanKind> = {
  SPAN_KIND_INTERNAL: 'internal',
  SPAN_KIND_SERVER: 'server',
  SPAN_KIND_CLIENT: 'client',
  SPAN_KIND_PRODUCER: 'producer',
  SPAN_KIND_CONSUMER: 'consumer',
};

/** Hex trace id as 32 digits (Tempo search drops leading zeros). */
export function normaliseTraceId(id: string): string {
  return id.toLowerCase().padStart(32, '0');
}

/** Tempo `batches` -> wire spans: hex ids, service names from the resource, status and kind as words. */
export function normaliseTrace(
  traceId: string,
  trace: TempoTrace,
): TraceDetail {
  const spans: TraceSpan[] = [];
  for (const batch of trace.batches) {
    const resource = attributes(batch.resource.attributes);
    const serviceName = String(resource['service.name'] ?? 'unknown');
    const resourceAttributes = Object.fromEntries(
      Object.entries(resource).map(([k, v]) => [`resource.${k}`, v]),
    );
    for (const scope of [
      ...(batch.scopeSpans ?? []),
      ...(batch.instrumentationLibrarySpans ?? []),
    ]) {
      for (const span of scope.spans) {
        const start = BigInt(span.startTimeUnixNano);
        const end = BigInt(span.endTimeUnixNano);
        const code = span.status.code;
        let status: TraceSpan['status'] = 'unset';
        if (code === 'STATUS_CODE_ERROR') status = 'error';
        else if (code === 'STATUS_CODE_OK') status = 'ok';
        spans.push({
          spanId: base64IdToHex(span.spanId),
          ...(span.parentSpanId
            ? { parentSpanId: base64IdToHex(span.parentSpanId) }
            : {}),
          serviceName,
          name: span.name,
          kind: KINDS[span.kind] ?? 'unspecified',
          startTimeNs: span.startTimeUnixNano,
          durationNs: Number(end > start ? end - start : 0n),
          status,
          ...(span.status.message
            ? { statusMessage: span.status.message }
            : {}),
          attributes: {
            ...spanAttributes(span.attributes),
            ...resourceAttributes,
          },
          events: span.events.map(event => ({
            timeNs: event.timeUnixNano,
            name: event.name,
            attributes: attributes(event.attributes),
          })),
        });
      }
    }
  }
  spans.sort(
    (a, b) =>
      Number(BigInt(a.startTimeNs) - BigInt(b.startTimeNs) > 0n) -
      Number(BigInt(a.startTimeNs) - BigInt(b.startTimeNs) < 0n),
  );
  return { traceId: normaliseTraceId(traceId), spans };
}

/** Tempo search hits -> wire summaries. */
export function summariseSearch(
  response: TempoSearchResponse,
  errorsOnly: boolean,
): TraceSummary[] {
  return response.traces.map(trace => {
    const stats = Object.values(trace.serviceStats ?? {});
    const spanCount = stats.reduce((sum, s) => sum + s.spanCount, 0);
    return {
      traceId: normaliseTraceId(trace.traceID),
      rootServiceName: trace.rootServiceName,
      ...(trace.rootTraceName ? { rootTraceName: trace.rootTraceName } : {}),
      startTime: new Date(
        Number(BigInt(trace.startTimeUnixNano) / 1_000_000n),
      ).toISOString(),
      durationMs: trace.durationMs,
      error: errorsOnly || stats.some(s => s.errorCount > 0),
      ...(spanCount > 0 ? { spanCount } : {}),
    };
  });
}
