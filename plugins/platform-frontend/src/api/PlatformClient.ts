import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  FleetValue,
  fleetPath,
  AlertsValue,
  ArgoCdValue,
  ArgoSyncResponse,
  BuildsValue,
  DeployRequest,
  DeployResponse,
  ServiceGraphValue,
  entitySourcePath,
  HealthValue,
  LogLine,
  LogsQuery,
  LogsValue,
  MetricsQuery,
  MetricsValue,
  SourceError,
  SourceResult,
  TraceDetail,
  TracesQuery,
  TracesValue,
} from '@paved-road/backstage-plugin-platform-common';
import { LogTailOptions, LogTailQuery, PlatformApi } from './PlatformApi';
import { SseParser } from './sse';

/** Answers kept for revalidation: a Health tab's cards and ranges need a few dozen. */
const MAX_VALIDATED = 100;

type QueryValue = string | number | boolean | string[] | undefined;

function toSearch(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      value.forEach(v => params.append(key, v));
    } else {
      params.append(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/**
 * Default {@link PlatformApi} implementation, talking to the `platform` backend plugin.
 *
 * @public
 */
export class PlatformClient implements PlatformApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  /** The last answer per URL with its ETag, for conditional GETs. */
  private readonly validated = new Map<
    string,
    { etag: string; body: unknown }
  >();

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getHealth(entity: CompoundEntityRef): Promise<HealthValue> {
    return this.get(entity, ['health']);
  }

  getArgoCd(
    entity: CompoundEntityRef,
    options?: { fresh?: boolean },
  ): Promise<SourceResult<ArgoCdValue>> {
    return this.get(entity, ['argocd'], {
      fresh: options?.fresh ? 'true' : undefined,
    });
  }

  async syncArgoCd(entity: CompoundEntityRef): Promise<ArgoSyncResponse> {
    const response = await this.fetchApi.fetch(
      await this.url(entity, ['argocd', 'sync']),
      { method: 'POST' },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }

  async deploy(
    entity: CompoundEntityRef,
    build: number,
    options?: { dryRun?: boolean },
  ): Promise<DeployResponse> {
    const body: DeployRequest = { build, dryRun: options?.dryRun === true };
    const response = await this.fetchApi.fetch(
      await this.url(entity, ['deploy']),
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }

  getAlerts(entity: CompoundEntityRef): Promise<SourceResult<AlertsValue>> {
    return this.get(entity, ['alerts']);
  }

  getMetrics(
    entity: CompoundEntityRef,
    query?: MetricsQuery,
  ): Promise<SourceResult<MetricsValue>> {
    return this.get(entity, ['metrics'], { ...query });
  }

  getLogs(
    entity: CompoundEntityRef,
    query?: LogsQuery,
  ): Promise<SourceResult<LogsValue>> {
    return this.get(entity, ['logs'], { ...query });
  }

  // fetch rather than EventSource: fetchApi adds the Backstage token, which EventSource cannot send.
  async tailLogs(
    entity: CompoundEntityRef,
    query: LogTailQuery,
    options: LogTailOptions,
  ): Promise<void> {
    const { signal } = options;
    try {
      const response = await this.fetchApi.fetch(
        await this.url(entity, ['logs', 'tail'], { ...query }),
        { headers: { Accept: 'text/event-stream' }, signal },
      );
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      if (!response.body) {
        throw new Error('The log tail response has no body');
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const parser = new SseParser();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          for (const event of parser.push(
            decoder.decode(value, { stream: true }),
          )) {
            if (event.event === 'error') {
              // The backend sends the upstream's SourceError, then ends the stream.
              const error = JSON.parse(event.data) as Partial<SourceError>;
              throw new Error(error.message ?? 'The log tail failed');
            }
            const payload = JSON.parse(event.data) as { lines?: LogLine[] };
            if (payload.lines && payload.lines.length > 0) {
              options.onLines(payload.lines);
            }
          }
        }
      } finally {
        reader.cancel().catch(() => {});
      }
      options.onEnd?.();
    } catch (e) {
      if (!signal.aborted) {
        options.onError?.(e as Error);
      }
    }
  }

  getTraces(
    entity: CompoundEntityRef,
    query?: TracesQuery,
  ): Promise<SourceResult<TracesValue>> {
    return this.get(entity, ['traces'], { ...query });
  }

  getTrace(
    entity: CompoundEntityRef,
    traceId: string,
  ): Promise<SourceResult<TraceDetail>> {
    return this.get(entity, ['traces', traceId]);
  }

  getBuilds(entity: CompoundEntityRef): Promise<SourceResult<BuildsValue>> {
    return this.get(entity, ['builds']);
  }

  getServiceGraph(
    entity: CompoundEntityRef,
  ): Promise<SourceResult<ServiceGraphValue>> {
    return this.get(entity, ['service-graph']);
  }

  async getFleet(
    selection: { owners: string[] } | { system: string },
  ): Promise<FleetValue> {
    const baseUrl = await this.discoveryApi.getBaseUrl('platform');
    return this.getUrl(`${baseUrl}${fleetPath(selection)}`);
  }

  private async url(
    entity: CompoundEntityRef,
    segments: string[],
    query?: Record<string, QueryValue>,
  ): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('platform');
    return `${baseUrl}${entitySourcePath(entity, ...segments)}${toSearch(
      query,
    )}`;
  }

  // Conditional GET: a card that polls sends the ETag of the answer it holds; an unchanged answer is a 304
  // without a body, and the same parsed object comes back (React skips the re-render).
  private async get<T>(
    entity: CompoundEntityRef,
    segments: string[],
    query?: Record<string, QueryValue>,
  ): Promise<T> {
    return this.getUrl(await this.url(entity, segments, query));
  }

  private async getUrl<T>(url: string): Promise<T> {
    const held = this.validated.get(url);
    const response = await this.fetchApi.fetch(
      url,
      held ? { headers: { 'If-None-Match': held.etag } } : undefined,
    );
    if (response.status === 304 && held) {
      this.remember(url, held);
      return held.body as T;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as T;
    const etag = response.headers?.get('ETag');
    if (etag) {
      this.remember(url, { etag, body });
    } else {
      this.validated.delete(url);
    }
    return body;
  }

  private remember(url: string, entry: { etag: string; body: unknown }) {
    this.validated.delete(url);
    this.validated.set(url, entry);
    // Least recently used first (insertion order).
    for (const oldest of this.validated.keys()) {
      if (this.validated.size <= MAX_VALIDATED) break;
      this.validated.delete(oldest);
    }
  }
}
