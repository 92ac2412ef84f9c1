import {
  Document,
  Scalar,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  stringify,
} from 'yaml';
import { normaliseOwnerRef } from '../query/namespaceBound';

/** How msa_deploy holds a service: a plain manifest, or Helm values of a small chart. @public */
export type MsaDeployLayout = 'manifest' | 'values';

/** Marks the scaffolder writes on an msa_deploy entry (metadata annotation, or the values `backstage.owner`). @public */
export const DEPLOY_OWNER_ANNOTATION = 'platform.paved-road.dev/owner';
/** The component an msa_deploy entry was made for. @public */
export const DEPLOY_ENTITY_REF_ANNOTATION = 'backstage.io/entity-ref';

/**
 * Where the pipeline bumps a service's image tag in msa_deploy: `<service>.yaml` (manifest layout) or
 * `services/<service>/values.yaml` (values layout), the same paths the scaffolder writes.
 *
 * @public
 */
export function msaDeployEntryPath(
  layout: MsaDeployLayout,
  serviceName: string,
): string {
  return layout === 'manifest'
    ? `${serviceName}.yaml`
    : `services/${serviceName}/values.yaml`;
}

/** What an image-tag change asks for. @public */
export interface ImageTagRequest {
  layout: MsaDeployLayout;
  serviceName: string;
  /** The tag to deploy (the pipeline tags images with the build number). */
  tag: string;
  /** The entity deploying: its entry must be marked for this owner (normalised ref) and, when marked, this entity. */
  owner: string;
  entityRef: string;
}

/** Why an entry cannot be changed. @public */
export type ImageTagRefusalReason =
  | 'no-entry'
  | 'unreadable'
  | 'foreign-owner'
  | 'foreign-entity'
  | 'no-image'
  | 'already-live';

/** The planned edit of one entry, or why there is none. @public */
export type ImageTagPlan =
  | {
      ok: true;
      path: string;
      previousTag: string;
      tag: string;
      /** The whole file after the edit; only the tag changes, comments and layout are kept. */
      content: string;
    }
  | {
      ok: false;
      reason: ImageTagRefusalReason;
      message: string;
      /** The tag live now, when the entry could be read. */
      currentTag?: string;
    };

interface ImageSlot {
  node: Scalar;
  /** Manifest images are `<repository>:<tag>`; values hold the tag alone. */
  repository?: string;
  tag: string;
}

function splitImage(
  image: string,
): { repository: string; tag: string } | undefined {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  if (colon <= slash || image.includes('@')) {
    return undefined;
  }
  return { repository: image.slice(0, colon), tag: image.slice(colon + 1) };
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * Rewrites scalars in the source text at the ranges the parser recorded, so every other byte (comments, flow
 * collections, quoting elsewhere) stays as it was; a quoted scalar stays double-quoted, a plain one is written
 * as YAML would (a tag like `42` quoted, so it stays a string as yq's strenv writes it).
 */
function replaceScalars(
  content: string,
  edits: Array<{ node: Scalar; value: string }>,
): string {
  const ordered = [...edits].sort(
    (a, b) => (b.node.range?.[0] ?? 0) - (a.node.range?.[0] ?? 0),
  );
  let result = content;
  for (const { node, value } of ordered) {
    const [start, end] = node.range!;
    const quoted = /^["']/.test(content.slice(start, start + 1));
    const text = quoted ? JSON.stringify(value) : stringify(value).trimEnd();
    result = result.slice(0, start) + text + result.slice(end);
  }
  return result;
}

/** The image of every container of the service's Deployment (the lines the pipeline's sed rewrites). */
function manifestSlots(docs: Document[], serviceName: string): ImageSlot[] {
  const slots: ImageSlot[] = [];
  for (const doc of docs) {
    const kind = doc.get('kind');
    const name = doc.getIn(['metadata', 'name']);
    if (kind !== 'Deployment' || name !== serviceName) continue;
    const containers = doc.getIn(['spec', 'template', 'spec', 'containers']);
    if (!isSeq(containers)) continue;
    for (const item of containers.items) {
      if (!isMap(item) || item.get('name') !== serviceName) continue;
      const node = item.get('image', true);
      const image = isScalar(node) ? scalar(node.value) : undefined;
      const parts = image ? splitImage(image) : undefined;
      if (parts && isScalar(node)) {
        slots.push({ node, ...parts });
      }
    }
  }
  return slots;
}

function valuesSlots(docs: Document[]): ImageSlot[] {
  const node = docs[0]?.getIn(['image', 'tag'], true);
  const tag = isScalar(node) ? scalar(node.value) : undefined;
  return tag && isScalar(node) ? [{ node, tag }] : [];
}

function marks(
  docs: Document[],
  layout: MsaDeployLayout,
  serviceName: string,
): { owner?: string; entityRef?: string } {
  for (const doc of docs) {
    if (layout === 'values') {
      return {
        owner: scalar(doc.getIn(['backstage', 'owner'])),
        entityRef: scalar(doc.getIn(['backstage', 'entityRef'])),
      };
    }
    if (doc.get('kind') === 'Deployment') {
      const name = doc.getIn(['metadata', 'name']);
      if (name !== serviceName) continue;
      return {
        owner: scalar(
          doc.getIn(['metadata', 'annotations', DEPLOY_OWNER_ANNOTATION]),
        ),
        entityRef: scalar(
          doc.getIn(['metadata', 'annotations', DEPLOY_ENTITY_REF_ANNOTATION]),
        ),
      };
    }
  }
  return {};
}

/**
 * Plans setting a service's image tag in its msa_deploy entry, the edit the pipeline makes (the Deployment's
 * `image: <repository>:<tag>` in the manifest layout, `.image.tag` in the values layout): the `yaml` Document API
 * finds the node, and only its source range is rewritten, so comments and layout stay byte for byte. Refuses an entry that is missing, unreadable, marked for another
 * owner or component (an unmarked entry is not the platform's to change), without an image, or already at the tag.
 *
 * @public
 */
export function planImageTag(
  content: string | undefined,
  request: ImageTagRequest,
): ImageTagPlan {
  const path = msaDeployEntryPath(request.layout, request.serviceName);
  if (content === undefined) {
    return {
      ok: false,
      reason: 'no-entry',
      message: `msa_deploy has no '${path}' for ${request.serviceName}; add the service to msa_deploy (the service template does) before deploying a build`,
    };
  }
  const docs = parseAllDocuments(content);
  if (
    !Array.isArray(docs) ||
    docs.some(doc => doc.errors.length > 0) ||
    docs.length === 0
  ) {
    return {
      ok: false,
      reason: 'unreadable',
      message: `msa_deploy file '${path}' is not valid YAML; fix it in the repository before deploying`,
    };
  }
  const owner = marks(docs, request.layout, request.serviceName);
  const markedOwner = owner.owner ? normaliseOwnerRef(owner.owner) : undefined;
  if (markedOwner !== request.owner) {
    return {
      ok: false,
      reason: 'foreign-owner',
      message: owner.owner
        ? `msa_deploy file '${path}' belongs to ${owner.owner}, not to ${request.owner} (the owner of ${request.entityRef}); only its owner deploys it`
        : `msa_deploy file '${path}' carries no ${DEPLOY_OWNER_ANNOTATION} mark, so it was not written for ${request.owner}; refusing to change it`,
    };
  }
  if (owner.entityRef && owner.entityRef !== request.entityRef) {
    return {
      ok: false,
      reason: 'foreign-entity',
      message: `msa_deploy file '${path}' deploys ${owner.entityRef}, not ${request.entityRef}; refusing to change another component's entry`,
    };
  }
  const slots =
    request.layout === 'manifest'
      ? manifestSlots(docs, request.serviceName)
      : valuesSlots(docs);
  if (slots.length === 0) {
    return {
      ok: false,
      reason: 'no-image',
      message:
        request.layout === 'manifest'
          ? `msa_deploy file '${path}' has no container '${request.serviceName}' with an image '<repository>:<tag>' in Deployment '${request.serviceName}'`
          : `msa_deploy file '${path}' has no image.tag`,
    };
  }
  const previousTag = slots[0].tag;
  if (slots.every(slot => slot.tag === request.tag)) {
    return {
      ok: false,
      reason: 'already-live',
      currentTag: previousTag,
      message: `build ${request.tag} is already what '${path}' deploys; nothing to change`,
    };
  }
  return {
    ok: true,
    path,
    previousTag,
    tag: request.tag,
    content: replaceScalars(
      content,
      slots.map(slot => ({
        node: slot.node,
        value: slot.repository
          ? `${slot.repository}:${request.tag}`
          : request.tag,
      })),
    ),
  };
}
