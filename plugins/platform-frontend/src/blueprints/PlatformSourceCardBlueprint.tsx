import {
  coreExtensionData,
  createExtensionBlueprint,
  createExtensionDataRef,
  ExtensionBoundary,
} from '@backstage/frontend-plugin-api';
import {
  checkSourceCardParams,
  PlatformSourceCardLayout,
} from './sourceCardParams';

/** The id of the source whose data the card shows (the backend's source id, e.g. `argocd`). */
const sourceIdDataRef = createExtensionDataRef<string>().with({
  id: 'platform.source-card.source-id',
});

/** The source's name for people, e.g. in the verdict's reasons. */
const titleDataRef = createExtensionDataRef<string>().with({
  id: 'platform.source-card.title',
});

/** Whole row or half a row on the Health tab. */
const layoutDataRef = createExtensionDataRef<PlatformSourceCardLayout>().with({
  id: 'platform.source-card.layout',
});

/**
 * The params of {@link PlatformSourceCardBlueprint}.
 *
 * @public
 */
export interface PlatformSourceCardParams {
  /** The backend's id of the source (`health.reasons[].source`): 1-63 of `a-z`, `0-9`, `-`. */
  sourceId: string;
  /** The source's name, shown for it in the verdict's reasons. */
  title: string;
  /** The card, loaded when the Health tab is first shown. */
  loader: () => Promise<JSX.Element>;
  /** `full` (default): the whole row; `half`: half of it on wide screens. */
  layout?: PlatformSourceCardLayout;
}

/**
 * A card of one data source on the entity's Health tab (`entity-content:platform/health`). The tab shows the
 * verdict, then the attached cards in the app's extension order; each card is an extension of kind
 * `platform-source-card`, so an app disables one with
 * `app.extensions: [{ 'platform-source-card:platform/logs': false }]` and a module adds one.
 *
 * @public
 */
export const PlatformSourceCardBlueprint = createExtensionBlueprint({
  kind: 'platform-source-card',
  attachTo: { id: 'entity-content:platform/health', input: 'cards' },
  output: [
    coreExtensionData.reactElement,
    sourceIdDataRef,
    titleDataRef,
    layoutDataRef,
  ],
  dataRefs: {
    sourceId: sourceIdDataRef,
    title: titleDataRef,
    layout: layoutDataRef,
  },
  *factory(params: PlatformSourceCardParams, { node }) {
    const checked = checkSourceCardParams(params, node.spec.id);
    yield coreExtensionData.reactElement(
      ExtensionBoundary.lazy(node, params.loader),
    );
    yield sourceIdDataRef(checked.sourceId);
    yield titleDataRef(checked.title);
    yield layoutDataRef(checked.layout);
  },
});

export type { PlatformSourceCardLayout };
