export type {
  CachedValue,
  PlatformSource,
  PlatformSourceFactory,
  SourceCache,
  SourceContext,
  SourceQuery,
  SourceReadRequest,
  SourceTarget,
} from './PlatformSource';
export { platformSourcesExtensionPoint } from './extensionPoint';
export type { PlatformSourcesExtensionPoint } from './extensionPoint';
export { sourceNotConfigured } from './notConfigured';
