import { createApiRef } from '@backstage/frontend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  FleetValue,
  AlertsValue,
  ArgoCdValue,
  ArgoSyncResponse,
  BuildsValue,
  DeployResponse,
  ServiceGraphValue,
  HealthValue,
  LogLine,
  LogsQuery,
  LogsValue,
  MetricsQuery,
  MetricsValue,
  SourceResult,
  TraceDetail,
  TracesQuery,
  TracesValue,
} from '@paved-road/backstage-plugin-platform-common';

/**
 * Filters of a live log tail (the tail always starts now).
 *
 * @public
 */
export type LogTailQuery = Pick<LogsQuery, 'level' | 'text' | 'traceId'>;

/**
 * Options of a live log tail.
 *
 * @public
 */
export interface LogTailOptions {
  /** Called with each batch of new lines, oldest first. */
  onLines(lines: LogLine[]): void;
  /** Called once when the stream fails; not called after `signal` aborts. */
  onError?(error: Error): void;
  /** Called once when the server closes the stream. */
  onEnd?(): void;
  /** Aborting stops the tail. */
  signal: AbortSignal;
}

/**
 * Browser client of the platform backend: one method per entity source.
 * Every read returns the source's own result, so a failing upstream is data, not an exception;
 * an HTTP failure of the platform backend itself throws a `ResponseError`.
 *
 * @public
 */
export interface PlatformApi {
  /** Every readable component of some owners (groups, users) or of one system, each with its verdict. */
  getFleet(
    selection: { owners: string[] } | { system: string },
  ): Promise<FleetValue>;
  getHealth(entity: CompoundEntityRef): Promise<HealthValue>;
  /** `fresh`: an answer at most about a second old, while a card follows a sync. */
  getArgoCd(
    entity: CompoundEntityRef,
    options?: { fresh?: boolean },
  ): Promise<SourceResult<ArgoCdValue>>;
  syncArgoCd(entity: CompoundEntityRef): Promise<ArgoSyncResponse>;
  getAlerts(entity: CompoundEntityRef): Promise<SourceResult<AlertsValue>>;
  getMetrics(
    entity: CompoundEntityRef,
    query?: MetricsQuery,
  ): Promise<SourceResult<MetricsValue>>;
  getLogs(
    entity: CompoundEntityRef,
    query?: LogsQuery,
  ): Promise<SourceResult<LogsValue>>;
  /** Streams new log lines (Server-Sent Events) until `options.signal` aborts. */
  tailLogs(
    entity: CompoundEntityRef,
    query: LogTailQuery,
    options: LogTailOptions,
  ): Promise<void>;
  getTraces(
    entity: CompoundEntityRef,
    query?: TracesQuery,
  ): Promise<SourceResult<TracesValue>>;
  getTrace(
    entity: CompoundEntityRef,
    traceId: string,
  ): Promise<SourceResult<TraceDetail>>;
  getBuilds(entity: CompoundEntityRef): Promise<SourceResult<BuildsValue>>;
  /**
   * Deploys build `build` of the entity's Jenkins job (its number is the image tag): a commit to msa_deploy,
   * or with `dryRun` only its preview. A refusal (not allowed, build not SUCCESS, tag already live, entry of
   * another owner) throws a `ResponseError` carrying the backend's message.
   */
  deploy(
    entity: CompoundEntityRef,
    build: number,
    options?: { dryRun?: boolean },
  ): Promise<DeployResponse>;
  getServiceGraph(
    entity: CompoundEntityRef,
  ): Promise<SourceResult<ServiceGraphValue>>;
}

/**
 * Reference to the {@link PlatformApi}.
 *
 * @public
 */
export const platformApiRef = createApiRef<PlatformApi>().with({
  id: 'plugin.platform.api',
  pluginId: 'platform',
});
