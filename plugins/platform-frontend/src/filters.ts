import { Entity } from '@backstage/catalog-model';
import {
  FilterPredicate,
  filterPredicateToFilterFunction,
} from '@backstage/filter-predicates';
import { PLATFORM_ANNOTATIONS as A } from '@paved-road/backstage-plugin-platform-common';

/** Annotations that name the workload behind metrics, logs and traces (the backend derives the rest). */
const workloadAnnotations = [
  A.kubernetesId,
  A.kubernetesLabelSelector,
  A.metricsWorkload,
  A.lokiLabels,
  A.tempoServiceName,
];

/** Any one of these annotations makes the source usable for an entity. */
const sourceAnnotations = {
  argocd: [A.argocdAppName, A.argocdAppSelector],
  alerts: [A.prometheusAlert, A.prometheusLabels, A.grafanaAlertLabelSelector],
  builds: [A.jenkinsJobFullName],
  metrics: workloadAnnotations,
  logs: workloadAnnotations,
  traces: workloadAnnotations,
};

type FilterSource = keyof typeof sourceAnnotations | 'health';

/** Metrics, logs and traces describe a running workload, which only components have. */
const componentOnly = new Set<FilterSource>([
  'metrics',
  'logs',
  'traces',
  'health',
]);

function annotationsOf(source: FilterSource): string[] {
  return source === 'health'
    ? [...new Set(Object.values(sourceAnnotations).flat())]
    : sourceAnnotations[source];
}

/**
 * Entity filter predicate of one platform extension: an object (not a function), so an app can
 * override it in config.
 */
export function platformFilter(source: FilterSource): FilterPredicate {
  // The predicate type cannot tell that a computed key never starts with `$`, hence the cast.
  const exists = annotationsOf(source).map(
    annotation =>
      ({
        [`metadata.annotations.${annotation}`]: { $exists: true },
      } as FilterPredicate),
  );
  const anyAnnotation: FilterPredicate = { $any: exists };
  return componentOnly.has(source)
    ? { $all: [{ kind: 'component' }, anyAnnotation] }
    : anyAnnotation;
}

/**
 * The same rule as {@link platformFilter} as a function, for the legacy `EntitySwitch.Case if=`.
 */
export function isPlatformSourceAvailable(
  source: FilterSource,
  entity: Entity,
): boolean {
  return filterPredicateToFilterFunction<Entity>(platformFilter(source))(
    entity,
  );
}

/** @internal */
export type { FilterSource };
