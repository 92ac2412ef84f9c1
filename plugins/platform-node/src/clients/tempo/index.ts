export * from './TempoClient';
export { parseTempoTrace, parseTempoSearchResponse } from './schemas';
export type {
  TempoSearchResponse,
  TempoTrace,
  TempoSpan,
  OtlpAnyValue,
  OtlpAttributes,
} from './schemas';
export type { TempoConfig } from './config';
