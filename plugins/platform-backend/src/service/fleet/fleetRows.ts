import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  FleetRow,
  HealthVerdict,
  SourceResult,
} from '@paved-road/backstage-plugin-platform-common';
import { PlatformSource } from '@paved-road/backstage-plugin-platform-node';
import { healthVerdict } from '../health';

const RANK: Record<HealthVerdict, number> = {
  failing: 0,
  degraded: 1,
  unknown: 2,
  healthy: 3,
};

/**
 * One fleet row: the entity's verdict over the fleet sources' answers (registration order, as on its Health
 * tab), and the answers themselves.
 */
export function fleetRow(
  entity: Entity,
  sources: PlatformSource[],
  results: ReadonlyArray<SourceResult<unknown>>,
): FleetRow {
  const { verdict, reasons } = healthVerdict(
    sources.flatMap((source, i) =>
      source.judge
        ? [
            {
              source: source.id,
              result: results[i],
              judge: (value: unknown) => source.judge!(value),
            },
          ]
        : [],
    ),
  );
  const answers: FleetRow['sources'] = {};
  sources.forEach((source, i) => {
    answers[source.id] = results[i];
  });
  const { owner, system } = entity.spec ?? {};
  return {
    entityRef: stringifyEntityRef(entity),
    name: entity.metadata.name,
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    namespace: entity.metadata.namespace ?? 'default',
    ...(typeof owner === 'string' ? { owner } : {}),
    ...(typeof system === 'string' ? { system } : {}),
    verdict,
    reasons,
    sources: answers,
  };
}

/** Failing first, then degraded, unknown, healthy; by name within each. */
export function byUrgency(a: FleetRow, b: FleetRow): number {
  return (
    RANK[a.verdict] - RANK[b.verdict] || a.entityRef.localeCompare(b.entityRef)
  );
}
