/**
 * Wire types of `GET /api/platform/v1/entities/:namespace/:kind/:name/<source>`, shared by the backend that
 * produces them and the frontend that renders them. Times are ISO-8601 strings unless named `...Ms`/`...Ns`.
 */

/**
 * The ids of the built-in per-entity sources. A backend module may register more through the platform's
 * source extension point, so a source id on the wire is any string; these six are always there.
 *
 * @public
 */
export type PlatformSourceName =
  | 'argocd'
  | 'alerts'
  | 'metrics'
  | 'logs'
  | 'traces'
  | 'builds';

/**
 * Why a source could not answer.
 * `not-configured`: the backend has no config for it, or the entity lacks the annotation it needs.
 *
 * @public
 */
export type SourceErrorKind =
  | 'not-configured'
  | 'timeout'
  | 'unreachable'
  | 'upstream'
  | 'bad-response'
  | 'forbidden'
  | 'not-found';

/**
 * A source failure, carried as data so one upstream never fails the others.
 *
 * @public
 */
export interface SourceError {
  kind: SourceErrorKind;
  /** Upstream HTTP status, when there was one. */
  status?: number;
  /** Human readable, never holds a credential. */
  message: string;
  /** The annotation the entity needs for this source, for `not-configured`. */
  missingAnnotation?: string;
}

/**
 * The result of one source.
 *
 * @public
 */
export type SourceResult<T> =
  | { ok: true; value: T; fetchedAt: string }
  | { ok: false; error: SourceError };

// ---------------------------------------------------------------- Argo CD

/** @public */
export type ArgoSyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';
/** @public */
export type ArgoHealthStatus =
  | 'Healthy'
  | 'Progressing'
  | 'Degraded'
  | 'Suspended'
  | 'Missing'
  | 'Unknown';

/** @public */
export interface ArgoHistoryEntry {
  id: number;
  revision: string;
  deployStartedAt?: string;
  deployedAt: string;
  /** Link to the commit when the repository host is known. */
  revisionUrl?: string;
}

/** @public */
export interface ArgoApplicationSummary {
  name: string;
  namespace?: string;
  instance: string;
  project: string;
  repoURL?: string;
  path?: string;
  targetRevision?: string;
  destinationNamespace?: string;
  syncStatus: ArgoSyncStatus;
  healthStatus: ArgoHealthStatus;
  healthMessage?: string;
  revision?: string;
  revisionUrl?: string;
  operation?: {
    phase: 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';
    message?: string;
    startedAt?: string;
    finishedAt?: string;
  };
  images: string[];
  history: ArgoHistoryEntry[];
  reconciledAt?: string;
  /** Deep link into the Argo CD UI when its URL is configured. */
  webUrl?: string;
}

/** @public */
export interface ArgoCdValue {
  applications: ArgoApplicationSummary[];
}

// ---------------------------------------------------------------- Alerts

/** @public */
export type AlertState = 'firing' | 'pending' | 'silenced' | 'inhibited';

/** @public */
export interface PlatformAlert {
  name: string;
  state: AlertState;
  severity?: string;
  summary?: string;
  description?: string;
  runbookUrl?: string;
  since?: string;
  labels: Record<string, string>;
  fingerprint?: string;
  silencedBy?: string[];
  /** Link to the alert in Alertmanager, when configured. */
  alertmanagerUrl?: string;
}

/** @public */
export interface PlatformAlertRule {
  name: string;
  group: string;
  state: 'inactive' | 'pending' | 'firing';
  health: string;
  query: string;
  durationSeconds: number;
  severity?: string;
  summary?: string;
}

/** @public */
export interface AlertsValue {
  alerts: PlatformAlert[];
  rules: PlatformAlertRule[];
  /** Alertmanager's alert list filtered by the entity's matchers, when Alertmanager has a webUrl. */
  alertmanagerUrl?: string;
  /** Parts that could not be read (e.g. Prometheus rules while Alertmanager answered). */
  warnings?: string[];
}

// ---------------------------------------------------------------- Metrics

/** One point: unix seconds and a value (NaN is sent as null). @public */
export type MetricPoint = [number, number | null];

/** @public */
export interface MetricSeries {
  /** e.g. `rate`, `errorRatio`, `p95` */
  name: 'rate' | 'errorRatio' | 'p95';
  unit: 'req/s' | 'ratio' | 'ms';
  points: MetricPoint[];
}

/** @public */
export interface DeployMarker {
  at: string;
  revision: string;
  application: string;
  /**
   * The images the application runs at this revision (their tags are the pipeline's build numbers). Known for
   * the revision live now, from Argo CD's summary; absent for older ones.
   */
  images?: string[];
}

/** @public */
export interface MetricsValue {
  start: string;
  end: string;
  stepSeconds: number;
  series: MetricSeries[];
  deployMarkers: DeployMarker[];
  /** Grafana Explore link for the same queries, when Grafana is configured. */
  exploreUrl?: string;
  /** Parts that could not be read (e.g. deploy markers when Argo CD failed). */
  warnings?: string[];
}

// ---------------------------------------------------------------- Logs

/** @public */
export type LogLevel =
  | 'trace'
  | 'debug'
  | 'info'
  | 'warn'
  | 'error'
  | 'fatal'
  | 'unknown';

/** @public */
export interface LogLine {
  /** Nanoseconds since the epoch, as a decimal string (exceeds 2^53). */
  timestampNs: string;
  line: string;
  level: LogLevel;
  traceId?: string;
  /** Stream labels (with a Loki that cannot categorize labels, structured metadata is folded in here). */
  labels: Record<string, string>;
  /** Loki 3 structured metadata of this line (e.g. `trace_id`, `detected_level`): fields of the line, not of the stream. */
  structuredMetadata?: Record<string, string>;
}

/** @public */
export interface LogsValue {
  lines: LogLine[];
  /** True when the server cap cut the result. */
  truncated: boolean;
  limit: number;
  /** Deep link to the same query in the logs backend's own UI. */
  exploreUrl?: string;
  /** What `exploreUrl` opens: Grafana Explore (Loki, the default when absent) or Kibana Discover (Elasticsearch). */
  exploreKind?: 'grafana' | 'kibana';
  /** Parts that could not be read while the rest answered (e.g. Elasticsearch shard failures). */
  warnings?: string[];
}

// ---------------------------------------------------------------- Traces

/** @public */
export interface TraceSummary {
  traceId: string;
  rootServiceName: string;
  rootTraceName?: string;
  startTime: string;
  durationMs: number;
  error: boolean;
  spanCount?: number;
}

/** @public */
export interface TracesValue {
  /** The newest traces of the range, newest first by start time. */
  traces: TraceSummary[];
  /** Set when the search budget ran out before the range was covered: older traces may be missing. */
  incomplete?: boolean;
  exploreUrl?: string;
}

/** @public */
export type SpanKind =
  | 'unspecified'
  | 'internal'
  | 'server'
  | 'client'
  | 'producer'
  | 'consumer';

/** @public */
export interface TraceSpan {
  spanId: string;
  parentSpanId?: string;
  serviceName: string;
  name: string;
  kind: SpanKind;
  /** Nanoseconds since the epoch, decimal string. */
  startTimeNs: string;
  durationNs: number;
  status: 'unset' | 'ok' | 'error';
  statusMessage?: string;
  attributes: Record<string, string | number | boolean>;
  events: Array<{
    timeNs: string;
    name: string;
    attributes: Record<string, string | number | boolean>;
  }>;
}

/** @public */
export interface TraceDetail {
  traceId: string;
  /** The spans inside the entity's namespace scope (`platform.scope.tempoNamespaceAttribute`). */
  spans: TraceSpan[];
  /**
   * Spans of the trace outside the entity's namespace scope, left out of `spans` (they belong to another
   * namespace's services). The backend always sends it, 0 when none were withheld.
   */
  withheldSpans?: number;
}

// ---------------------------------------------------------------- Builds

/** @public */
export type BuildResult =
  | 'SUCCESS'
  | 'UNSTABLE'
  | 'FAILURE'
  | 'ABORTED'
  | 'NOT_BUILT'
  | 'RUNNING';

/** @public */
export interface PlatformBuild {
  number: number;
  result: BuildResult;
  startedAt: string;
  durationMs: number;
  url?: string;
}

/** @public */
export interface BuildsValue {
  jobFullName: string;
  instance: string;
  jobUrl?: string;
  builds: PlatformBuild[];
}

// ---------------------------------------------------------------- Health

/** @public */
export type HealthVerdict = 'healthy' | 'degraded' | 'failing' | 'unknown';

/** @public */
export interface HealthReason {
  /** The id of the source that gave the reason: a {@link PlatformSourceName} or one a backend module added. */
  source: string;
  verdict: HealthVerdict;
  message: string;
}

/** @public */
export interface HealthValue {
  verdict: HealthVerdict;
  reasons: HealthReason[];
  /** The result of every source that judges health, by source id: the four built-in ones and any added. */
  sources: HealthSources;
}

/**
 * The results behind a verdict: the built-in judging sources, plus one entry per source a backend module
 * added with a verdict of its own.
 *
 * @public
 */
export type HealthSources = {
  argocd: SourceResult<ArgoCdValue>;
  alerts: SourceResult<AlertsValue>;
  metrics: SourceResult<MetricsValue>;
  builds: SourceResult<BuildsValue>;
} & { [sourceId: string]: SourceResult<unknown> };

// ---------------------------------------------------------------- Service graph

/**
 * A workload at the other end of an edge. `external`: outside the mesh (Istio's `unknown` source); the card
 * links an internal one to the catalog entity whose `backstage.io/kubernetes-id` and namespace match.
 *
 * @public
 */
export interface ServiceGraphPeer {
  workload: string;
  namespace?: string;
  /** Outside the mesh: Istio's `unknown` caller. */
  external: boolean;
  /** The catalog entity of the peer, when exactly one the caller may see matches it. */
  entityRef?: string;
}

/** One edge over the window: requests per second, the failed share, and p95 latency. @public */
export interface ServiceGraphEdge {
  peer: ServiceGraphPeer;
  rate: number | null;
  errorRatio: number | null;
  p95Ms: number | null;
}

/** `GET .../service-graph`: who calls the entity's workload and whom it calls. @public */
export interface ServiceGraphValue {
  workload: string;
  namespace: string;
  /** Which metrics the edges come from. */
  metrics: 'istio' | 'tempo' | 'linkerd';
  windowSeconds: number;
  callers: ServiceGraphEdge[];
  callees: ServiceGraphEdge[];
  /** The workload in Kiali (`platform.kiali.url`), for Istio and Tempo graphs. */
  kialiUrl?: string;
  /** What could not be read while the edges were (the catalog, so peers are not linked). */
  warnings?: string[];
}

// ---------------------------------------------------------------- Fleet

/**
 * One component of the fleet view: its verdict over the sources that have a fleet read, and each of those
 * sources' answer (the newest metrics point, the last builds, the firing alerts, the deployed revision).
 *
 * @public
 */
export interface FleetRow {
  entityRef: string;
  name: string;
  title?: string;
  /** The entity's catalog namespace. */
  namespace: string;
  owner?: string;
  system?: string;
  verdict: HealthVerdict;
  reasons: HealthReason[];
  sources: FleetSources;
}

/**
 * The fleet answers by source id: the built-in ones that have a fleet read, and any a module added.
 *
 * @public
 */
export type FleetSources = {
  argocd?: SourceResult<ArgoCdValue>;
  alerts?: SourceResult<AlertsValue>;
  metrics?: SourceResult<MetricsValue>;
  builds?: SourceResult<BuildsValue>;
} & { [sourceId: string]: SourceResult<unknown> | undefined };

/**
 * `GET /api/platform/v1/fleet?owner=...` or `?system=...`: the caller's readable components of those owners
 * (or that system), failing first.
 *
 * @public
 */
export interface FleetValue {
  rows: FleetRow[];
  /** More components matched than the fleet view reads at once; the rows are the first by name. */
  truncated: boolean;
  generatedAt: string;
}

/** The response of `POST .../argocd/sync`. @public */
export interface ArgoSyncResponse {
  application: ArgoApplicationSummary;
}

// ---------------------------------------------------------------- Query parameters (browser -> backend)

/** Bounded filters the browser may send; everything else is derived server-side. @public */
export interface TimeRangeQuery {
  /** ISO-8601 or relative like `now-1h`; defaults to one hour ago. */
  start?: string;
  end?: string;
}

/** @public */
export interface LogsQuery extends TimeRangeQuery {
  limit?: number;
  direction?: 'backward' | 'forward';
  level?: LogLevel[];
  text?: string;
  traceId?: string;
}

/** @public */
export interface TracesQuery extends TimeRangeQuery {
  minDurationMs?: number;
  errorsOnly?: boolean;
  limit?: number;
}

/** @public */
export interface MetricsQuery extends TimeRangeQuery {
  stepSeconds?: number;
}
