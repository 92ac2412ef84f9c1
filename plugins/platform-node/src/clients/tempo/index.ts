export * from './TempoClient';
export {
  tempoSearchResponseSchema,
  tempoTraceSchema,
  type TempoSearchResponse,
  type TempoTrace,
  type TempoSpan,
  type OtlpAnyValue,
  type OtlpAttributes,
} from './schemas';
