export * from './ElasticsearchClient';
export type {
  ElasticsearchConfig,
  ElasticsearchInstanceConfig,
} from './config';
export type { EsHit, EsCatIndex } from './schemas';
