import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ArgoCdValue,
  ArgoSyncResponse,
  HealthValue,
  SourceResult,
  platformArgocdSyncPermission,
  platformEntityReadPermission,
} from '@paved-road/backstage-plugin-platform-common';
import {
  PlatformConfig,
  UpstreamError,
} from '@paved-road/backstage-plugin-platform-node';
import { EntityAccess } from './entityAccess';
import {
  EntityObservabilityService,
  EntityRequest,
  LogsRequest,
  TailSession,
  TracesRequest,
} from './EntityObservabilityService';
import {
  alertTarget,
  argoTarget,
  buildTarget,
  logTarget,
  metricsTarget,
  traceTarget,
} from './entityTargets';
import { BadGatewayError } from './errors';
import { healthVerdict } from './health';
import { runSource, toSourceError } from './sourceResult';
import { AlertsSource } from './sources/alertsSource';
import { ArgoCdSource } from './sources/argocdSource';
import { BuildsSource } from './sources/buildsSource';
import { LogFilters, LogsSource } from './sources/logsSource';
import { MetricsSource } from './sources/metricsSource';
import { TracesSource } from './sources/tracesSource';
import { TimeRange } from './timeRange';

/** The sources the service composes; each is optional behind its config. */
export interface ObservabilitySources {
  argocd: ArgoCdSource;
  alerts: AlertsSource;
  metrics: MetricsSource;
  logs: LogsSource;
  traces: TracesSource;
  builds: BuildsSource;
}

const HOUR_MS = 3_600_000;
/** A following card polls about once a second: however many tabs follow, Argo CD sees about one read a second. */
const FRESH_ARGO_MAX_AGE_MS = 1_000;

/** Default {@link EntityObservabilityService}: access check, then the sources in parallel. */
export class DefaultEntityObservabilityService
  implements EntityObservabilityService
{
  constructor(
    private readonly deps: {
      config: PlatformConfig;
      access: EntityAccess;
      sources: ObservabilitySources;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  private read(request: EntityRequest): Promise<Entity> {
    return this.deps.access.load(
      request.ref,
      request.credentials,
      platformEntityReadPermission,
    );
  }

  private readArgo(
    entity: Entity,
    fresh = false,
  ): Promise<SourceResult<ArgoCdValue>> {
    return runSource(
      argoTarget(entity, this.deps.config),
      'argocd',
      this.deps.logger,
      t =>
        this.deps.sources.argocd.read(
          t,
          fresh ? { maxAgeMs: FRESH_ARGO_MAX_AGE_MS } : undefined,
        ),
    );
  }

  private defaultRange(): TimeRange {
    const endMs = (this.deps.now ?? Date.now)();
    return { startMs: endMs - HOUR_MS, endMs };
  }

  private readMetrics(entity: Entity, range: TimeRange, stepSeconds?: number) {
    return runSource(
      metricsTarget(entity, this.deps.config),
      'metrics',
      this.deps.logger,
      t =>
        this.deps.sources.metrics.read(t, range, stepSeconds, () =>
          this.readArgo(entity),
        ),
    );
  }

  private readAlerts(entity: Entity) {
    return runSource(
      alertTarget(entity, this.deps.config),
      'alerts',
      this.deps.logger,
      t => this.deps.sources.alerts.read(t),
    );
  }

  private readBuilds(entity: Entity) {
    return runSource(
      buildTarget(entity, this.deps.config),
      'builds',
      this.deps.logger,
      t => this.deps.sources.builds.read(t),
    );
  }

  async health(request: EntityRequest): Promise<HealthValue> {
    const entity = await this.read(request);
    const [argocd, alerts, metrics, builds] = await Promise.all([
      this.readArgo(entity),
      this.readAlerts(entity),
      this.readMetrics(entity, this.defaultRange()),
      this.readBuilds(entity),
    ]);
    const sources = { argocd, alerts, metrics, builds };
    return { ...healthVerdict(sources), sources };
  }

  async argocd(request: EntityRequest, options?: { fresh?: boolean }) {
    return this.readArgo(await this.read(request), options?.fresh);
  }

  async syncArgocd(request: EntityRequest): Promise<ArgoSyncResponse> {
    const entity = await this.deps.access.load(
      request.ref,
      request.credentials,
      platformArgocdSyncPermission,
    );
    const target = argoTarget(entity, this.deps.config);
    if (!target.ok) {
      throw target.error.kind === 'forbidden'
        ? new NotAllowedError(target.error.message)
        : new InputError(target.error.message);
    }
    try {
      return { application: await this.deps.sources.argocd.sync(target.value) };
    } catch (error) {
      throw this.syncError(error);
    }
  }

  private syncError(error: unknown): Error {
    const e = error instanceof UpstreamError ? error : undefined;
    const message = e
      ? e.message
      : toSourceError(error, this.deps.logger, 'argocd sync').message;
    if (e?.kind === 'not-configured') return new InputError(message);
    if (e?.kind === 'not-found') return new NotFoundError(message);
    if (
      e &&
      (e.status === 409 ||
        /another operation is already in progress/i.test(e.message))
    ) {
      return new ConflictError(message);
    }
    if (e?.kind === 'timeout' || e?.kind === 'unreachable')
      return new ServiceUnavailableError(message);
    return new BadGatewayError(message);
  }

  async alerts(request: EntityRequest) {
    return this.readAlerts(await this.read(request));
  }

  async metrics(
    request: EntityRequest,
    query: { range: TimeRange; stepSeconds?: number },
  ) {
    return this.readMetrics(
      await this.read(request),
      query.range,
      query.stepSeconds,
    );
  }

  async logs(request: EntityRequest, query: LogsRequest) {
    const entity = await this.read(request);
    return runSource(
      logTarget(entity, this.deps.config),
      'logs',
      this.deps.logger,
      t => this.deps.sources.logs.read(t, query.range, query),
    );
  }

  async tailLogs(
    request: EntityRequest,
    filters: LogFilters,
  ): Promise<TailSession> {
    const entity = await this.read(request);
    const target = logTarget(entity, this.deps.config);
    if (!target.ok) {
      return target;
    }
    return {
      ok: true,
      start: listener =>
        this.deps.sources.logs.tail(target.value, filters, {
          onLines: listener.onLines,
          onError: error => listener.onError(error.toSourceError()),
          onClose: listener.onClose,
        }),
    };
  }

  async traces(request: EntityRequest, query: TracesRequest) {
    const entity = await this.read(request);
    return runSource(
      traceTarget(entity, this.deps.config),
      'traces',
      this.deps.logger,
      t => this.deps.sources.traces.search(t, query.range, query),
    );
  }

  async trace(request: EntityRequest, traceId: string) {
    const entity = await this.read(request);
    return runSource(
      traceTarget(entity, this.deps.config),
      'traces',
      this.deps.logger,
      t => this.deps.sources.traces.get(t, traceId),
    );
  }

  async builds(request: EntityRequest) {
    return this.readBuilds(await this.read(request));
  }
}
