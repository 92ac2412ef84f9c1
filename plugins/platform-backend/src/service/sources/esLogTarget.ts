import { Entity } from '@backstage/catalog-model';
import { PLATFORM_ANNOTATIONS as A } from '@paved-road/backstage-plugin-platform-common';
import {
  EsLogFields,
  PlatformConfig,
  checkEsIndexPattern,
  parseEsLogFields,
  resolveEsLogFields,
} from '@paved-road/backstage-plugin-platform-node';
import {
  Target,
  annotation,
  boundedNamespace,
  entityWorkload,
  forbidden,
  invalidAnnotation,
  notConfigured,
} from '../entityTargets';

/** Where an entity's logs are in Elasticsearch: one cluster, an allowed index pattern, the fields, and the filters. */
export interface EsLogTarget {
  backend: 'elasticsearch';
  /** `platform.elasticsearch.instances[].name` */
  instance: string;
  /** Inside `platform.elasticsearch.allowedIndexPatterns`, normalised. */
  index: string;
  fields: EsLogFields;
  /** Value of `fields.service` (a term filter, matched literally). */
  service: string;
  /** The bounded namespace (a term filter on `fields.namespace`, always present). */
  namespace: string;
}

/** The annotations whose presence puts an entity's logs on Elasticsearch instead of Loki. */
export const ES_LOG_ANNOTATIONS = [
  A.elasticsearchIndex,
  A.elasticsearchInstance,
  A.elasticsearchFields,
  A.elasticsearchService,
] as const;

/**
 * The rule choosing the logs backend: any `platform.paved-road.dev/elasticsearch-*` annotation means
 * Elasticsearch, none means Loki. An entity asking for Elasticsearch on a backend without it gets
 * `not-configured`, never its Loki logs instead.
 */
export function usesElasticsearch(entity: Entity): boolean {
  return ES_LOG_ANNOTATIONS.some(key => annotation(entity, key) !== undefined);
}

/**
 * An entity's Elasticsearch logs target: the instance it names (default the first), its index pattern checked
 * against the operator's allow-list (outside it: `forbidden`; not a pattern: invalid annotation), its field
 * names over the instance's and the ECS defaults, its service value and its bounded namespace.
 */
export function esLogTarget(
  entity: Entity,
  config: PlatformConfig,
): Target<EsLogTarget> {
  const es = config.elasticsearch;
  if (!es) {
    return notConfigured(
      `Elasticsearch is not configured in this backend (platform.elasticsearch), and this entity's logs are there (${ES_LOG_ANNOTATIONS.filter(
        key => annotation(entity, key) !== undefined,
      ).join(', ')})`,
    );
  }
  const namespace = boundedNamespace(entity, config);
  if (!namespace.ok) {
    return namespace;
  }
  const instanceName =
    annotation(entity, A.elasticsearchInstance) ?? es.instances[0].name;
  const instance = es.instances.find(i => i.name === instanceName);
  if (!instance) {
    return notConfigured(
      `${A.elasticsearchInstance} names '${instanceName.slice(
        0,
        63,
      )}', which is not a configured Elasticsearch instance (platform.elasticsearch.instances: ${es.instances
        .map(i => i.name)
        .join(', ')})`,
      A.elasticsearchInstance,
    );
  }
  const rawIndex = annotation(entity, A.elasticsearchIndex);
  let index = es.defaultIndexPattern;
  if (rawIndex !== undefined) {
    const checked = checkEsIndexPattern(
      rawIndex,
      es.allowedIndexPatterns,
      A.elasticsearchIndex,
    );
    if (!checked.ok) {
      // a well-formed pattern outside the allow-list is the operator's refusal; anything else a bad annotation
      return /outside the indices the operator allows/.test(checked.message)
        ? forbidden(checked.message)
        : invalidAnnotation(checked.message);
    }
    index = checked.value;
  }
  const rawFields = annotation(entity, A.elasticsearchFields);
  let entityFields: Partial<EsLogFields> = {};
  if (rawFields !== undefined) {
    const parsed = parseEsLogFields(rawFields, A.elasticsearchFields);
    if (!parsed.ok) {
      return invalidAnnotation(parsed.message);
    }
    entityFields = parsed.value;
  }
  const service = entityWorkload(
    entity,
    annotation(entity, A.elasticsearchService),
  );
  if (!service.ok) {
    return service;
  }
  if (service.value.length > 256 || /\p{Cc}/u.test(service.value)) {
    return invalidAnnotation(
      `${A.elasticsearchService}: must be 1-256 characters without control characters`,
    );
  }
  return {
    ok: true,
    value: {
      backend: 'elasticsearch',
      instance: instance.name,
      index,
      fields: resolveEsLogFields(instance.fields, entityFields),
      service: service.value,
      namespace: namespace.value,
    },
  };
}
