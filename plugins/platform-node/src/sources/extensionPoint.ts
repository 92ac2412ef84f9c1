import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { PlatformSourceFactory } from './PlatformSource';

/**
 * Adds data sources to the platform backend.
 *
 * @public
 */
export interface PlatformSourcesExtensionPoint {
  /** The source's id must be new; the platform refuses to start on a duplicate or invalid id. */
  addSource(factory: PlatformSourceFactory): void;
}

/**
 * The extension point of the `platform` backend plugin through which a backend module adds a source; the six
 * built-in sources are registered the same way.
 *
 * @public
 */
export const platformSourcesExtensionPoint =
  createExtensionPoint<PlatformSourcesExtensionPoint>({
    id: 'platform.sources',
  });
