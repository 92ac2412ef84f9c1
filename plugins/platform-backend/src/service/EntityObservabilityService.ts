import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  AlertsValue,
  ArgoCdValue,
  ArgoSyncResponse,
  BuildsValue,
  HealthValue,
  LogLine,
  LogsValue,
  MetricsValue,
  SourceError,
  SourceResult,
  TraceDetail,
  TracesValue,
} from '@paved-road/backstage-plugin-platform-common';
import { TimeRange } from './timeRange';
import { LogFilters } from './sources/logsSource';

/** Who asks about which entity. */
export interface EntityRequest {
  ref: CompoundEntityRef;
  credentials: BackstageCredentials;
}

/** A validated log read. */
export interface LogsRequest extends LogFilters {
  range: TimeRange;
  limit?: number;
  direction?: 'backward' | 'forward';
}

/** A validated trace search. */
export interface TracesRequest {
  range: TimeRange;
  minDurationMs?: number;
  errorsOnly?: boolean;
  limit?: number;
}

/** Receives a live tail. */
export interface TailListener {
  onLines(lines: LogLine[]): void;
  onError(error: SourceError): void;
  onClose(): void;
}

/** A tail the caller may start once the response is ready for streaming. */
export type TailSession =
  | { ok: true; start(listener: TailListener): { close(): void } }
  | { ok: false; error: SourceError };

/**
 * Everything the platform backend can tell about one entity. Every method first loads the entity with
 * the caller's credentials (404 when missing or unreadable) and checks the platform permission (403);
 * upstream failures are returned as data, never thrown.
 */
export interface EntityObservabilityService {
  health(request: EntityRequest): Promise<HealthValue>;
  /** `fresh`: an answer at most a second old (coalesced per application), for a card following a sync. */
  argocd(
    request: EntityRequest,
    options?: { fresh?: boolean },
  ): Promise<SourceResult<ArgoCdValue>>;
  /** Throws Backstage errors (409 while an operation runs, 502/503 for upstream failures). */
  syncArgocd(request: EntityRequest): Promise<ArgoSyncResponse>;
  alerts(request: EntityRequest): Promise<SourceResult<AlertsValue>>;
  metrics(
    request: EntityRequest,
    query: { range: TimeRange; stepSeconds?: number },
  ): Promise<SourceResult<MetricsValue>>;
  logs(
    request: EntityRequest,
    query: LogsRequest,
  ): Promise<SourceResult<LogsValue>>;
  tailLogs(request: EntityRequest, filters: LogFilters): Promise<TailSession>;
  traces(
    request: EntityRequest,
    query: TracesRequest,
  ): Promise<SourceResult<TracesValue>>;
  trace(
    request: EntityRequest,
    traceId: string,
  ): Promise<SourceResult<TraceDetail>>;
  builds(request: EntityRequest): Promise<SourceResult<BuildsValue>>;
}
