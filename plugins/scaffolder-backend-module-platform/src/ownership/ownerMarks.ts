import type { Entity } from '@backstage/catalog-model';
import {
  NamespaceResource,
  normaliseOwnerRef,
} from '@paved-road/backstage-plugin-platform-node';
import { parseAllDocuments } from 'yaml';
import { create } from 'xmlbuilder2';
import { ENTITY_REF_ANNOTATION, OWNER_ANNOTATION } from '../render/application';

export { OWNER_ANNOTATION };

/** What a resource records about who it belongs to: the owner entity ref, the component it was made for. @public */
export interface OwnerMarks {
  owner?: string;
  entityRef?: string;
  /** Where an msa_deploy entry or an Application deploys the service. */
  namespace?: string;
}

/** The owner a catalog entity names (`spec.owner`, resolved against its namespace), normalised. */
export function ownerOfEntity(entity: Entity): string | undefined {
  const specOwner = entity.spec?.owner;
  return typeof specOwner === 'string'
    ? normaliseOwnerRef(specOwner, entity.metadata.namespace ?? 'default')
    : undefined;
}

/** Why nothing can be created in a namespace whatever its owner (it is being deleted), or undefined. */
export function terminatingProblem(
  namespace: NamespaceResource,
): string | undefined {
  return namespace.status?.phase === 'Terminating' ||
    namespace.metadata.deletionTimestamp
    ? `namespace '${namespace.metadata.name}' is being deleted (Terminating); nothing can be created in it until it is gone, choose another namespace or wait`
    : undefined;
}

/** Marks of a Kubernetes object (Namespace, Secret, Application) or a manifest document. */
export function marksFromMetadata(
  metadata: { annotations?: Record<string, string> } | undefined,
): OwnerMarks {
  const annotations = metadata?.annotations ?? {};
  return {
    owner: annotations[OWNER_ANNOTATION],
    entityRef: annotations[ENTITY_REF_ANNOTATION],
  };
}

/** Marks of an msa_deploy file: the first document carrying metadata annotations or a values `backstage` block. */
export function marksFromDeployFile(content: string): OwnerMarks {
  for (const doc of parseAllDocuments(content)) {
    const value = doc.toJS() as any;
    const fromValues = value?.backstage;
    if (fromValues && typeof fromValues === 'object') {
      return {
        owner: stringOrUndefined(fromValues.owner),
        entityRef: stringOrUndefined(fromValues.entityRef),
        namespace: stringOrUndefined(value.namespace),
      };
    }
    const marks = marksFromMetadata(value?.metadata);
    if (marks.owner || marks.entityRef) {
      return {
        owner: stringOrUndefined(marks.owner),
        entityRef: stringOrUndefined(marks.entityRef),
        namespace: stringOrUndefined(
          value?.spec?.destination?.namespace ?? value?.metadata?.namespace,
        ),
      };
    }
  }
  return {};
}

/** Marks of a catalog-info.yaml: the Component's `spec.owner` and its own ref. */
export function marksFromCatalogInfo(content: string): OwnerMarks {
  for (const doc of parseAllDocuments(content)) {
    const value = doc.toJS() as any;
    if (
      typeof value?.kind === 'string' &&
      typeof value?.metadata?.name === 'string'
    ) {
      const namespace =
        typeof value.metadata.namespace === 'string'
          ? value.metadata.namespace
          : 'default';
      return {
        owner: stringOrUndefined(value.spec?.owner),
        entityRef: `${value.kind.toLowerCase()}:${namespace}/${
          value.metadata.name
        }`,
      };
    }
  }
  return {};
}

const OWNER_LINE = new RegExp(
  `^${OWNER_ANNOTATION.replace(/\./g, '\\.')}:\\s*(\\S+)\\s*$`,
  'm',
);
const ENTITY_LINE = /^Managed by Backstage for (\S+?)[\s(]/m;

/** The owner line a Jenkins job or folder description carries. */
export function ownerDescriptionLine(owner: string): string {
  return `${OWNER_ANNOTATION}: ${owner}`;
}

/** Marks of a Jenkins job or folder, from the description in its config.xml. */
export function marksFromJenkinsConfig(configXml: string): OwnerMarks {
  let description = '';
  try {
    // Jenkins writes XML 1.1 declarations, which the parser refuses; the declaration carries nothing needed here.
    const parsed = create(configXml.replace(/^\s*<\?xml[^>]*\?>/, '')).end({
      format: 'object',
    }) as any;
    const root =
      parsed && typeof parsed === 'object'
        ? Object.values(parsed)[0]
        : undefined;
    const text = (root as any)?.description;
    const inner = typeof text?.['#'] === 'string' ? text['#'] : '';
    description = typeof text === 'string' ? text : inner;
  } catch {
    return {};
  }
  return {
    owner: OWNER_LINE.exec(description)?.[1],
    entityRef: ENTITY_LINE.exec(description)?.[1],
  };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
