export * from './TempoClient';
export {
  tempoSearchResponseSchema,
  tempoTraceSchema,
  tempoSpanSchema,
  otlpAttributesSchema,
  type TempoSearchResponse,
  type TempoTrace,
  type TempoSpan,
  type OtlpAnyValue,
  type OtlpAttributes,
} from './schemas';
export type { TempoConfig } from './config';
