import { SourceTarget } from './PlatformSource';

/**
 * The target of an entity a source has nothing to read for: the card says `message` and, with `annotation`,
 * which annotation to add.
 *
 * @public
 */
export function sourceNotConfigured(
  message: string,
  annotation?: string,
): SourceTarget<never> {
  return {
    ok: false,
    error: {
      kind: 'not-configured',
      message,
      ...(annotation ? { missingAnnotation: annotation } : {}),
    },
  };
}
