export * from './LokiClient';
export { parseLokiQueryData } from './schemas';
export type {
  LokiEntry,
  LokiQueryData,
  LokiStream,
  LokiTailFrame,
} from './schemas';
export type { LokiConfig } from './config';
