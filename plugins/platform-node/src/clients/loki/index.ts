export * from './LokiClient';
export {
  lokiQueryDataSchema,
  lokiStreamSchema,
  lokiTailFrameSchema,
  type LokiQueryData,
  type LokiStream,
  type LokiTailFrame,
} from './schemas';
export type { LokiConfig } from './config';
