import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ArgoSyncResponse,
  FleetValue,
  HealthValue,
  LogLine,
  SourceError,
  SourceResult,
  TraceDetail,
} from '@paved-road/backstage-plugin-platform-common';
import { PlatformSource } from '@paved-road/backstage-plugin-platform-node';
import { FleetSelection } from './fleet/FleetReader';
import { LogFilters } from './sources/logsSource';

/** Who asks about which entity. */
export interface EntityRequest {
  ref: CompoundEntityRef;
  credentials: BackstageCredentials;
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
 * Everything the platform backend can tell about one entity, over the registered sources. Every method first
 * loads the entity with the caller's credentials (404 when missing or unreadable) and checks the platform
 * permission (403); upstream failures are returned as data, never thrown.
 */
export interface EntityObservabilityService {
  /** The caller's readable components of some owners or of a system, each judged by the batched sources. */
  fleet(
    selection: FleetSelection,
    credentials: BackstageCredentials,
  ): Promise<FleetValue>;
  /** The verdict over every judging source, with their results. */
  health(request: EntityRequest): Promise<HealthValue>;
  /** The ids of the registered sources, built-ins first. */
  sourceIds(): string[];
  /** The registered source with this id; a `NotFoundError` (404) naming the registered ids otherwise. */
  source(sourceId: string): PlatformSource;
  /** One source's answer to a query its `query.parse` validated. */
  read(
    source: PlatformSource,
    request: EntityRequest,
    query: unknown,
  ): Promise<SourceResult<unknown>>;
  /** Throws Backstage errors (409 while an operation runs, 502/503 for upstream failures). */
  syncArgocd(request: EntityRequest): Promise<ArgoSyncResponse>;
  tailLogs(request: EntityRequest, filters: LogFilters): Promise<TailSession>;
  trace(
    request: EntityRequest,
    traceId: string,
  ): Promise<SourceResult<TraceDetail>>;
}
