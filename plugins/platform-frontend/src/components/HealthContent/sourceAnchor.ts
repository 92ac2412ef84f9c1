/** The anchor the verdict's reasons link to: the first card of the source. */
export function sourceAnchor(sourceId: string): string {
  return `platform-source-${sourceId}`;
}
