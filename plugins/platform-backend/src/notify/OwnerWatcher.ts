import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { PLATFORM_ANNOTATIONS as A } from '@paved-road/backstage-plugin-platform-common';
import { normaliseOwnerRef } from '@paved-road/backstage-plugin-platform-node';
import { EntityObservabilityService } from '../service/EntityObservabilityService';
import { ObservationStore } from './observationStore';
import {
  EntityObservation,
  mergeObservation,
  observe,
  ownerNotices,
} from './ownerNotices';

const WATCHED = [
  A.argocdAppName,
  A.argocdAppSelector,
  A.prometheusLabels,
  A.prometheusAlert,
  A.grafanaAlertLabelSelector,
  A.jenkinsJobFullName,
];

/**
 * One run of the owner-notification watcher: reads every annotated component's health (Argo CD, alerts, builds)
 * with the plugin's own credentials, compares it with the previous run, and sends each change to the component's
 * owner through Backstage notifications, with the notice topic as `scope` so a later notice of the same topic
 * (the alert resolving, the app recovering) updates the same notification instead of adding one.
 * The previous run is kept in `store` (the cache service: shared by the replicas), so a restart or another replica
 * taking the scheduled task over continues from it; the state is saved after the notices went out, so a failed
 * send is retried next round (same scope: it updates the notification rather than adding one).
 */
export class OwnerWatcher {
  constructor(
    private readonly deps: {
      store: ObservationStore;
      catalog: CatalogService;
      auth: AuthService;
      service: EntityObservabilityService;
      notifications: NotificationService;
      logger: LoggerService;
    },
  ) {}

  async run(): Promise<{ entities: number; sent: number }> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntities(
      { filter: { kind: 'Component' } },
      { credentials },
    );
    const watched = items.filter(entity =>
      WATCHED.some(key => entity.metadata.annotations?.[key]),
    );
    let sent = 0;
    for (const entity of watched) {
      sent += await this.check(entity, credentials);
    }
    return { entities: watched.length, sent };
  }

  private async check(
    entity: Entity,
    credentials: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>,
  ): Promise<number> {
    const ref = stringifyEntityRef(entity);
    const owner =
      typeof entity.spec?.owner === 'string'
        ? normaliseOwnerRef(entity.spec.owner, entity.metadata.namespace)
        : undefined;
    let current: EntityObservation;
    try {
      const health = await this.deps.service.health({
        ref: {
          kind: entity.kind,
          namespace: entity.metadata.namespace ?? 'default',
          name: entity.metadata.name,
        },
        credentials,
      });
      current = observe(health.sources);
    } catch (error) {
      this.deps.logger.warn(
        `Platform notifications: could not read ${ref}: ${error}`,
      );
      return 0;
    }
    const previous = await this.deps.store.get(ref);
    const next = mergeObservation(previous, current);
    if (!owner) {
      await this.deps.store.set(ref, next);
      return 0;
    }
    const notices = ownerNotices(
      {
        ref,
        namespace: entity.metadata.namespace ?? 'default',
        kind: entity.kind,
        name: entity.metadata.name,
      },
      previous,
      current,
    );
    try {
      for (const notice of notices) {
        await this.deps.notifications.send({
          recipients: { type: 'entity', entityRef: owner },
          payload: {
            title: notice.title,
            description: notice.description,
            link: notice.link,
            severity: notice.severity,
            topic: notice.topic,
            scope: notice.topic,
          },
        });
      }
    } catch (error) {
      this.deps.logger.warn(
        `Platform notifications: could not notify ${owner} about ${ref}, retrying next round: ${error}`,
      );
      return 0;
    }
    await this.deps.store.set(ref, next);
    return notices.length;
  }
}
