export * from './ElasticsearchClient';
export * from './config';
export {
  esHitSchema,
  esSearchResponseSchema,
  esCountResponseSchema,
  esCatIndexSchema,
  type EsHit,
  type EsCatIndex,
} from './schemas';
