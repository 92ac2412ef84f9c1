/** Sets the image tag in a deploy file: `image: <repo>:<tag>` lines (manifest) or `image.tag` (values). */
import { isMap, isScalar, parseDocument } from 'yaml';

export class BumpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BumpError';
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Rewrites every `image: <imageRepository>:<anything>` line; throws when there is none. */
export function bumpManifest(
  text: string,
  imageRepository: string,
  tag: string,
): string {
  const re = new RegExp(
    `^(\\s*(?:-\\s+)?image:\\s*["']?)${escapeRegExp(
      imageRepository,
    )}(?::[^\\s"'@]+)?(["']?\\s*(?:#.*)?)$`,
    'gm',
  );
  let count = 0;
  const out = text.replace(re, (_m, pre: string, post: string) => {
    count++;
    return `${pre}${imageRepository}:${tag}${post}`;
  });
  if (count === 0)
    throw new BumpError(`no "image: ${imageRepository}:<tag>" line found`);
  return out;
}

/** Sets `image.tag` in a Helm values file, keeping comments and the tag's scalar type. */
export function bumpValues(
  text: string,
  imageRepository: string,
  tag: string,
): string {
  const doc = parseDocument(text);
  if (doc.errors.length)
    throw new BumpError(
      `values file is not valid YAML: ${doc.errors[0].message}`,
    );
  const image = doc.get('image', true);
  if (!isMap(image))
    throw new BumpError('values file has no image: { repository, tag } map');
  const repo = image.get('repository');
  if (repo !== imageRepository) {
    throw new BumpError(
      `image.repository is ${JSON.stringify(repo)}, expected ${JSON.stringify(
        imageRepository,
      )}`,
    );
  }
  const current = image.get('tag', true);
  const asNumber =
    isScalar(current) &&
    typeof current.value === 'number' &&
    /^[0-9]+$/.test(tag);
  doc.setIn(['image', 'tag'], asNumber ? Number(tag) : tag);
  return doc.toString();
}
