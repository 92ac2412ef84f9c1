import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  FleetValue,
  SourceResult,
  platformEntityReadPermission,
} from '@paved-road/backstage-plugin-platform-common';
import { PlatformSource } from '@paved-road/backstage-plugin-platform-node';
import { EntityAccess } from '../entityAccess';
import { toSourceError } from '../sourceResult';
import { SourceRegistry } from '../SourceRegistry';
import { byUrgency, fleetRow } from './fleetRows';

/** The most components one fleet view reads. */
export const FLEET_MAX_ENTITIES = 1000;

/** Which components a fleet view shows: those of some owners (groups or users), or those of one system. */
export type FleetSelection = { owners: string[] } | { system: string };

/**
 * The fleet view: the caller's readable components of a selection, each judged by the sources that have a
 * batched read (`readMany`), every source read once for all of them. Each entity still goes through its
 * source's `target`, so its namespace bound, tenant and annotation checks hold as on its own Health tab.
 */
export class FleetReader {
  constructor(
    private readonly deps: {
      access: EntityAccess;
      registry: SourceRegistry;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  async read(
    selection: FleetSelection,
    credentials: BackstageCredentials,
  ): Promise<FleetValue> {
    const filter: Record<string, string | string[]> =
      'system' in selection
        ? { kind: 'component', 'relations.partOf': selection.system }
        : { kind: 'component', 'relations.ownedBy': selection.owners };
    const { entities, truncated } = await this.deps.access.loadMany(
      filter,
      credentials,
      platformEntityReadPermission,
      FLEET_MAX_ENTITIES,
    );
    const sources = this.deps.registry.batched();
    const perSource = await Promise.all(
      sources.map(source => this.readSource(source, entities)),
    );
    const rows = entities.map((entity, e) =>
      fleetRow(
        entity,
        sources,
        perSource.map(results => results[e]),
      ),
    );
    rows.sort(byUrgency);
    return {
      rows,
      truncated,
      generatedAt: new Date((this.deps.now ?? Date.now)()).toISOString(),
    };
  }

  /** One source for every entity: its targets, one batched read, and each entity's answer (or why none). */
  private async readSource(
    source: PlatformSource,
    entities: Entity[],
  ): Promise<SourceResult<unknown>[]> {
    const results: SourceResult<unknown>[] = new Array(entities.length);
    const targets = new Map<string, unknown>();
    entities.forEach((entity, i) => {
      const target = source.target(entity);
      if (target.ok) targets.set(String(i), target.value);
      else results[i] = { ok: false, error: target.error };
    });
    if (targets.size > 0) {
      let answers: Map<string, SourceResult<unknown>>;
      try {
        answers = await source.readMany!(targets);
      } catch (error) {
        const failed = toSourceError(error, this.deps.logger, source.id);
        answers = new Map(
          [...targets.keys()].map(key => [key, { ok: false, error: failed }]),
        );
      }
      for (const key of targets.keys()) {
        results[Number(key)] = answers.get(key) ?? {
          ok: false,
          error: {
            kind: 'upstream',
            message: `${source.id}: no answer for this entity in the fleet read`,
          },
        };
      }
    }
    return results;
  }
}
