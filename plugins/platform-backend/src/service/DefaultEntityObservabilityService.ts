import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ArgoSyncResponse,
  HealthValue,
  SourceResult,
  TraceDetail,
  platformArgocdSyncPermission,
  platformEntityReadPermission,
} from '@paved-road/backstage-plugin-platform-common';
import {
  PlatformSource,
  UpstreamError,
} from '@paved-road/backstage-plugin-platform-node';
import { EntityAccess } from './entityAccess';
import { FleetReader, FleetSelection } from './fleet/FleetReader';
import {
  EntityObservabilityService,
  EntityRequest,
  TailSession,
} from './EntityObservabilityService';
import { BadGatewayError } from './errors';
import { healthVerdict } from './health';
import { runSource, toSourceError } from './sourceResult';
import { SourceRegistry } from './SourceRegistry';
import { ArgoCdSource } from './sources/argocdSource';
import { LogFilters, LogsSource } from './sources/logsSource';
import { TracesSource } from './sources/tracesSource';

/** The built-in sources whose operations go beyond a read: sync, live tail, one trace. */
export interface SourceOperations {
  argocd: ArgoCdSource;
  logs: LogsSource;
  traces: TracesSource;
}

/** Default {@link EntityObservabilityService}: access check, then the registered sources (in parallel for health). */
export class DefaultEntityObservabilityService
  implements EntityObservabilityService
{
  constructor(
    private readonly deps: {
      access: EntityAccess;
      registry: SourceRegistry;
      builtins: SourceOperations;
      fleet: FleetReader;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  private load(request: EntityRequest): Promise<Entity> {
    return this.deps.access.load(
      request.ref,
      request.credentials,
      platformEntityReadPermission,
    );
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /**
   * Reads one source for an entity whose access is checked. `via` holds the sources already reading on this
   * path, so two sources asking for each other get an error instead of a loop.
   */
  private readSource(
    entity: Entity,
    credentials: BackstageCredentials,
    source: PlatformSource,
    query: unknown,
    via: ReadonlySet<string> = new Set(),
  ): Promise<SourceResult<unknown>> {
    const path = new Set([...via, source.id]);
    return runSource(source.target(entity), source.id, this.deps.logger, t =>
      source.read(t, query, {
        entity,
        readSource: id => this.readOther(entity, credentials, id, path),
        findEntities: async (filter, limit) =>
          (
            await this.deps.access.loadMany(
              filter,
              credentials,
              platformEntityReadPermission,
              limit,
            )
          ).entities,
      }),
    );
  }

  private async readOther(
    entity: Entity,
    credentials: BackstageCredentials,
    id: string,
    via: ReadonlySet<string>,
  ): Promise<SourceResult<unknown>> {
    const source = this.deps.registry.get(id);
    if (!source || via.has(id)) {
      return {
        ok: false,
        error: {
          kind: 'not-configured',
          message: source
            ? `source '${id}' is already being read on this path (${[
                ...via,
              ].join(' -> ')})`
            : `no source '${id}' is registered`,
        },
      };
    }
    return this.readSource(
      entity,
      credentials,
      source,
      source.query?.forHealth(this.now()),
      via,
    );
  }

  fleet(selection: FleetSelection, credentials: BackstageCredentials) {
    return this.deps.fleet.read(selection, credentials);
  }

  async health(request: EntityRequest): Promise<HealthValue> {
    const entity = await this.load(request);
    const now = this.now();
    const judging = this.deps.registry.judging();
    const results = await Promise.all(
      judging.map(source =>
        this.readSource(
          entity,
          request.credentials,
          source,
          source.query?.forHealth(now),
        ),
      ),
    );
    const sources: Record<string, SourceResult<unknown>> = {};
    judging.forEach((source, i) => {
      sources[source.id] = results[i];
    });
    const verdict = healthVerdict(
      judging.map((source, i) => ({
        source: source.id,
        result: results[i],
        judge: value => source.judge!(value),
      })),
    );
    return { ...verdict, sources: sources as HealthValue['sources'] };
  }

  sourceIds(): string[] {
    return this.deps.registry.ids();
  }

  source(sourceId: string): PlatformSource {
    const source = this.deps.registry.get(sourceId);
    if (!source) {
      throw new NotFoundError(
        `No platform source '${sourceId}'; the sources are ${this.deps.registry
          .ids()
          .join(', ')}`,
      );
    }
    return source;
  }

  async read(
    source: PlatformSource,
    request: EntityRequest,
    query: unknown,
  ): Promise<SourceResult<unknown>> {
    return this.readSource(
      await this.load(request),
      request.credentials,
      source,
      query,
    );
  }

  async syncArgocd(request: EntityRequest): Promise<ArgoSyncResponse> {
    const entity = await this.deps.access.load(
      request.ref,
      request.credentials,
      platformArgocdSyncPermission,
    );
    const target = this.deps.builtins.argocd.target(entity);
    if (!target.ok) {
      throw target.error.kind === 'forbidden'
        ? new NotAllowedError(target.error.message)
        : new InputError(target.error.message);
    }
    try {
      return {
        application: await this.deps.builtins.argocd.sync(target.value),
      };
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

  async tailLogs(
    request: EntityRequest,
    filters: LogFilters,
  ): Promise<TailSession> {
    const entity = await this.load(request);
    const target = this.deps.builtins.logs.target(entity);
    if (!target.ok) {
      return target;
    }
    return {
      ok: true,
      start: listener =>
        this.deps.builtins.logs.tail(target.value, filters, {
          onLines: listener.onLines,
          onError: error => listener.onError(error.toSourceError()),
          onClose: listener.onClose,
        }),
    };
  }

  async trace(
    request: EntityRequest,
    traceId: string,
  ): Promise<SourceResult<TraceDetail>> {
    const entity = await this.load(request);
    const traces = this.deps.builtins.traces;
    return runSource(traces.target(entity), traces.id, this.deps.logger, t =>
      traces.get(t, traceId),
    );
  }
}
