import { CompoundEntityRef } from '@backstage/catalog-model';

/**
 * Version segment of the platform backend API.
 *
 * @public
 */
export const PLATFORM_API_VERSION = 'v1';

function encodeSegment(segment: string): string {
  // encodeURIComponent leaves "." alone, and a "." or ".." segment would be collapsed by URL resolution.
  if (segment === '.' || segment === '..') {
    return segment.replace(/\./g, '%2E');
  }
  return encodeURIComponent(segment);
}

/**
 * Path (below the plugin's base URL) of one entity's source, e.g. `(ref, 'traces', traceId)`.
 * Every segment is URI-encoded on its own, so no value can change the route.
 *
 * @public
 */
export function entitySourcePath(
  entity: CompoundEntityRef,
  ...sourceSegments: string[]
): string {
  const entitySegments = [entity.namespace, entity.kind, entity.name].map(s =>
    s.toLocaleLowerCase('en-US'),
  );
  return `/${PLATFORM_API_VERSION}/entities/${[
    ...entitySegments,
    ...sourceSegments,
  ]
    .map(encodeSegment)
    .join('/')}`;
}

/**
 * Path (below the plugin's base URL) of the fleet view of some owners or of one system.
 *
 * @public
 */
export function fleetPath(
  selection: { owners: string[] } | { system: string },
): string {
  const query = new URLSearchParams();
  if ('system' in selection) {
    query.set('system', selection.system);
  } else {
    for (const owner of selection.owners) query.append('owner', owner);
  }
  return `/${PLATFORM_API_VERSION}/fleet?${query}`;
}
