/**
 * Where a card sits on the Health tab: the whole row, or half of it on wide screens.
 *
 * @public
 */
export type PlatformSourceCardLayout = 'full' | 'half';

const LAYOUTS: readonly PlatformSourceCardLayout[] = ['full', 'half'];

/**
 * A source id as the backend names it (`argocd`, `service-graph`, `elasticsearch-logs`): it becomes part of an
 * extension id and of the card's anchor, so only what is safe in both passes.
 */
const SOURCE_ID = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const MAX_TITLE = 80;

/** The parts of a source card's params that are data, once checked. */
export interface CheckedSourceCardParams {
  sourceId: string;
  title: string;
  layout: PlatformSourceCardLayout;
}

/**
 * Checks the data params of a `platform-source-card` extension and fills the default layout. Throws an
 * error naming the extension, the param and what is allowed; the app reports it against that extension.
 */
export function checkSourceCardParams(
  params: {
    sourceId: unknown;
    title: unknown;
    loader: unknown;
    layout?: unknown;
  },
  extensionId: string,
): CheckedSourceCardParams {
  const fail = (message: string): never => {
    throw new Error(`Extension '${extensionId}': ${message}`);
  };
  const { sourceId, title, loader, layout = 'full' } = params;
  if (typeof sourceId !== 'string' || !SOURCE_ID.test(sourceId)) {
    fail(
      `params.sourceId ${JSON.stringify(
        sourceId,
      )} is not allowed: 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. 'service-graph')`,
    );
  }
  if (
    typeof title !== 'string' ||
    title.trim() === '' ||
    title.length > MAX_TITLE
  ) {
    fail(
      `params.title ${JSON.stringify(
        title,
      )} is not allowed: a non-empty string of at most ${MAX_TITLE} characters`,
    );
  }
  if (typeof loader !== 'function') {
    fail(
      'params.loader is not allowed: a function returning a promise of the card element',
    );
  }
  if (!LAYOUTS.includes(layout as PlatformSourceCardLayout)) {
    fail(
      `params.layout ${JSON.stringify(
        layout,
      )} is not allowed: one of ${LAYOUTS.map(l => `'${l}'`).join(', ')}`,
    );
  }
  return {
    sourceId: sourceId as string,
    title: (title as string).trim(),
    layout: layout as PlatformSourceCardLayout,
  };
}
