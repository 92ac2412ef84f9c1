import {
  AlertsValue,
  ArgoCdValue,
  BuildsValue,
  SourceResult,
} from '@paved-road/backstage-plugin-platform-common';

/** What the watcher keeps of one entity between runs; a source it could not read is left out (no change). */
export interface EntityObservation {
  argocd?: Array<{
    name: string;
    health: string;
    syncFailed: boolean;
    /** Argo CD's health message (why it is Degraded). */
    healthMessage?: string;
    /** The last sync operation's message (why it failed). */
    syncMessage?: string;
  }>;
  /** Firing alerts whose `severity` label is critical, by alert name plus labels. */
  criticalAlerts?: Array<{ key: string; name: string; summary?: string }>;
  /** null: the job was read and has no finished build (kept as null, not undefined, so it survives JSON). */
  latestBuild?: { number: number; result: string; url?: string } | null;
}

/** One notification for the entity's owners; a later one with the same topic replaces it. */
export interface OwnerNotice {
  topic: string;
  title: string;
  description: string;
  severity: 'critical' | 'high' | 'normal' | 'low';
  link: string;
}

function ok<T>(result: SourceResult<unknown> | undefined): T | undefined {
  return result && result.ok ? (result.value as T) : undefined;
}

/** The parts of the source results the watcher compares. */
export function observe(sources: {
  argocd?: SourceResult<unknown>;
  alerts?: SourceResult<unknown>;
  builds?: SourceResult<unknown>;
}): EntityObservation {
  const observation: EntityObservation = {};
  const argocd = ok<ArgoCdValue>(sources.argocd);
  if (argocd) {
    observation.argocd = argocd.applications.map(app => ({
      name: app.name,
      health: app.healthStatus,
      syncFailed:
        app.operation?.phase === 'Failed' || app.operation?.phase === 'Error',
      ...(app.healthMessage ? { healthMessage: app.healthMessage } : {}),
      ...(app.operation?.message ? { syncMessage: app.operation.message } : {}),
    }));
  }
  const alerts = ok<AlertsValue>(sources.alerts);
  if (alerts) {
    observation.criticalAlerts = alerts.alerts
      .filter(
        alert =>
          alert.state === 'firing' &&
          (alert.severity ?? alert.labels.severity)?.toLowerCase() ===
            'critical',
      )
      .map(alert => ({
        key:
          alert.fingerprint ?? `${alert.name}${JSON.stringify(alert.labels)}`,
        name: alert.name,
        ...(alert.summary ? { summary: alert.summary } : {}),
      }));
  }
  const builds = ok<BuildsValue>(sources.builds);
  const latest = builds?.builds.find(build => build.result !== 'RUNNING');
  if (builds) {
    observation.latestBuild = latest
      ? {
          number: latest.number,
          result: latest.result,
          ...(latest.url ? { url: latest.url } : {}),
        }
      : null;
  }
  return observation;
}

/** `previous` with the sources `current` could read replaced: what to keep for the next run. */
export function mergeObservation(
  previous: EntityObservation | undefined,
  current: EntityObservation,
): EntityObservation {
  return { ...previous, ...current };
}

/**
 * What to tell an entity's owners about the change from `previous` to `current`: an Argo CD app turning Degraded
 * (and recovering), a sync failing, a critical alert starting to fire (and resolving: same topic, so the
 * notification is updated), a build failing. The first observation is a baseline: nothing already true when the
 * watcher starts is announced. A source missing from `current` (not readable this run) changes nothing.
 */
export function ownerNotices(
  entity: { ref: string; namespace: string; kind: string; name: string },
  previous: EntityObservation | undefined,
  current: EntityObservation,
): OwnerNotice[] {
  if (!previous) return [];
  const link = `/catalog/${encodeURIComponent(
    entity.namespace,
  )}/${encodeURIComponent(entity.kind.toLowerCase())}/${encodeURIComponent(
    entity.name,
  )}/health`;
  const notices: OwnerNotice[] = [];
  const topic = (what: string) => `platform:${entity.ref}:${what}`;

  if (current.argocd && previous.argocd) {
    for (const app of current.argocd) {
      const before = previous.argocd.find(a => a.name === app.name);
      if (!before) continue;
      if (app.health === 'Degraded' && before.health !== 'Degraded') {
        notices.push({
          topic: topic(`argocd:${app.name}:health`),
          title: `${entity.name}: Argo CD app ${app.name} is Degraded`,
          description:
            app.healthMessage ?? 'The application reports Degraded health.',
          severity: 'high',
          link,
        });
      } else if (before.health === 'Degraded' && app.health === 'Healthy') {
        notices.push({
          topic: topic(`argocd:${app.name}:health`),
          title: `${entity.name}: Argo CD app ${app.name} is Healthy again`,
          description: 'The application recovered from Degraded.',
          severity: 'low',
          link,
        });
      }
      if (app.syncFailed && !before.syncFailed) {
        notices.push({
          topic: topic(`argocd:${app.name}:sync`),
          title: `${entity.name}: Argo CD sync of ${app.name} failed`,
          description: app.syncMessage ?? 'The last sync operation failed.',
          severity: 'high',
          link,
        });
      }
    }
  }

  if (current.criticalAlerts && previous.criticalAlerts) {
    const was = new Set(previous.criticalAlerts.map(a => a.key));
    const is = new Set(current.criticalAlerts.map(a => a.key));
    for (const alert of current.criticalAlerts) {
      if (!was.has(alert.key)) {
        notices.push({
          topic: topic(`alert:${alert.key}`),
          title: `${entity.name}: critical alert ${alert.name} is firing`,
          description: alert.summary ?? `${alert.name} started firing.`,
          severity: 'critical',
          link,
        });
      }
    }
    for (const alert of previous.criticalAlerts) {
      if (!is.has(alert.key)) {
        notices.push({
          topic: topic(`alert:${alert.key}`),
          title: `${entity.name}: alert ${alert.name} resolved`,
          description: `${alert.name} is no longer firing.`,
          severity: 'low',
          link,
        });
      }
    }
  }

  const build = current.latestBuild;
  if (
    build &&
    previous.latestBuild !== undefined &&
    build.number !== previous.latestBuild?.number &&
    (build.result === 'FAILURE' || build.result === 'UNSTABLE')
  ) {
    notices.push({
      topic: topic('build'),
      title: `${entity.name}: build #${build.number} ${
        build.result === 'FAILURE' ? 'failed' : 'is unstable'
      }`,
      description:
        build.url ?? `Build #${build.number} finished ${build.result}.`,
      severity: 'high',
      link,
    });
  }
  return notices;
}
