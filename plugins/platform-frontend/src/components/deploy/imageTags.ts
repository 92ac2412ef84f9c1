import { ArgoCdValue } from '@paved-road/backstage-plugin-platform-common';

/**
 * The tag of an image reference (`registry:5000/repo/name:tag`, optionally `@sha256:…`), or undefined when it
 * has none. The registry's port is not a tag: only a colon after the last slash counts.
 */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const name = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = name.lastIndexOf(':');
  return colon >= 0 && colon < name.length - 1
    ? name.slice(colon + 1)
    : undefined;
}

/** Every image tag the entity's Argo CD applications run now (the pipeline tags images with build numbers). */
export function liveImageTags(value: ArgoCdValue | undefined): Set<string> {
  const tags = new Set<string>();
  for (const app of value?.applications ?? []) {
    for (const image of app.images) {
      const tag = imageTag(image);
      if (tag) tags.add(tag);
    }
  }
  return tags;
}
