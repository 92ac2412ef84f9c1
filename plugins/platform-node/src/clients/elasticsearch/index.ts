export * from './ElasticsearchClient';
export type {
  ElasticsearchConfig,
  ElasticsearchInstanceConfig,
} from './config';
export {
  esHitSchema,
  esSearchResponseSchema,
  esCountResponseSchema,
  esCatIndexSchema,
  type EsHit,
  type EsCatIndex,
} from './schemas';
