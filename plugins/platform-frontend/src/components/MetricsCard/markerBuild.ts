import { DeployMarker } from '@paved-road/backstage-plugin-platform-common';
import { imageTag } from '../deploy/imageTags';

/**
 * The build a deploy marker stands for: its images' tags when they are build numbers (what the pipeline tags
 * with), several joined by ", "; undefined when the marker carries no images or a tag is not a number.
 */
export function markerBuild(marker: DeployMarker): string | undefined {
  const tags = [
    ...new Set((marker.images ?? []).map(image => imageTag(image))),
  ];
  if (tags.length === 0 || !tags.every(tag => tag && /^\d+$/.test(tag))) {
    return undefined;
  }
  return tags.join(', ');
}
