import type { ArgoCdInstanceConfig } from './config';
import { UpstreamError } from '../../http/UpstreamError';
import {
  UpstreamRequest,
  parseJsonBody,
  upstreamFetch,
} from '../../http/upstreamFetch';
import {
  ArgoApplication,
  ArgoResourceTree,
  argoApplicationListSchema,
  argoApplicationSchema,
  argoResourceTreeSchema,
  argoSessionSchema,
} from './schemas';

/** Filters of `GET /api/v1/applications`. @public */
export interface ArgoListOptions {
  name?: string;
  /** Kubernetes label selector; validate it with `parseLabelSelector` first. */
  selector?: string;
  projects?: string[];
  appNamespace?: string;
}

/** Scope of a single-application call. @public */
export interface ArgoAppOptions {
  appNamespace?: string;
  /** Sending the project turns a missing app into a 404 rather than a 403. */
  project?: string;
}

/** @public */
export interface ArgoSyncOptions extends ArgoAppOptions {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
}

/**
 * Argo CD REST client for several instances. Instances configured with a local account log in once,
 * reuse the session token, and log in again (once, shared by concurrent callers) when it expires (401).
 *
 * @public
 */
export class ArgoCdClient {
  private readonly instances: Map<string, ArgoCdInstanceConfig>;
  private readonly sessions = new Map<string, { token: Promise<string> }>();

  constructor(instances: ArgoCdInstanceConfig[]) {
    this.instances = new Map(
      instances.map(instance => [instance.name, instance]),
    );
  }

  /** The configured instance names; the first is the default. */
  instanceNames(): string[] {
    return [...this.instances.keys()];
  }

  /** The instance config by name (the first when no name is given), or undefined. */
  getInstance(name?: string): ArgoCdInstanceConfig | undefined {
    return name === undefined
      ? this.instances.values().next().value
      : this.instances.get(name);
  }

  async listApplications(
    instance: string,
    options: ArgoListOptions = {},
  ): Promise<ArgoApplication[]> {
    const list = await this.requestJson(
      instance,
      {
        path: '/api/v1/applications',
        query: {
          name: options.name,
          selector: options.selector,
          projects: options.projects,
          appNamespace: options.appNamespace,
        },
      },
      body => argoApplicationListSchema.safeParse(body),
    );
    return list.items ?? [];
  }

  async getApplication(
    instance: string,
    name: string,
    options: ArgoAppOptions = {},
  ): Promise<ArgoApplication> {
    return this.getAppJson(instance, name, '', options, body =>
      argoApplicationSchema.safeParse(body),
    );
  }

  async getResourceTree(
    instance: string,
    name: string,
    options: ArgoAppOptions = {},
  ): Promise<ArgoResourceTree> {
    return this.getAppJson(instance, name, '/resource-tree', options, body =>
      argoResourceTreeSchema.safeParse(body),
    );
  }

  /** Starts a sync; Argo CD answers 400 "another operation is already in progress" while one runs. */
  async syncApplication(
    instance: string,
    name: string,
    options: ArgoSyncOptions = {},
  ): Promise<ArgoApplication> {
    return this.requestJson(
      instance,
      {
        method: 'POST',
        path: `/api/v1/applications/${encodeURIComponent(name)}/sync`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          name,
          ...(options.appNamespace
            ? { appNamespace: options.appNamespace }
            : {}),
          ...(options.project ? { project: options.project } : {}),
          ...(options.revision ? { revision: options.revision } : {}),
          ...(options.prune !== undefined ? { prune: options.prune } : {}),
          ...(options.dryRun !== undefined ? { dryRun: options.dryRun } : {}),
        }),
      },
      body => argoApplicationSchema.safeParse(body),
    );
  }

  /** Creates an Application, or updates it when `upsert` is set. */
  async createApplication(
    instance: string,
    application: Record<string, unknown>,
    options: { upsert?: boolean } = {},
  ): Promise<ArgoApplication> {
    return this.requestJson(
      instance,
      {
        method: 'POST',
        path: '/api/v1/applications',
        query: { upsert: options.upsert ? true : undefined },
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(application),
      },
      body => argoApplicationSchema.safeParse(body),
    );
  }

  private label(instance: string): string {
    return `Argo CD ${instance}`;
  }

  private config(instance: string): ArgoCdInstanceConfig {
    const config = this.instances.get(instance);
    if (!config) {
      throw new UpstreamError({
        upstream: 'Argo CD',
        kind: 'not-configured',
        message: `no instance named '${instance}' is configured (known: ${
          this.instanceNames().join(', ') || 'none'
        })`,
      });
    }
    return config;
  }

  /** `GET` of one application (`suffix` '' for itself) in its scope. */
  private getAppJson<T>(
    instance: string,
    name: string,
    suffix: string,
    options: ArgoAppOptions,
    validate: Parameters<typeof parseJsonBody<T>>[3],
  ): Promise<T> {
    return this.requestJson(
      instance,
      {
        path: `/api/v1/applications/${encodeURIComponent(name)}${suffix}`,
        query: { ...options },
      },
      validate,
    );
  }

  /** Sends the request and validates its JSON answer, naming the call (`GET /path`) when it does not fit. */
  private async requestJson<T>(
    instance: string,
    request: UpstreamRequest,
    validate: Parameters<typeof parseJsonBody<T>>[3],
  ): Promise<T> {
    const response = await this.request(instance, request);
    return parseJsonBody(
      this.label(instance),
      `${request.method ?? 'GET'} ${request.path}`,
      response.text,
      validate,
    );
  }

  private async request(instance: string, request: UpstreamRequest) {
    const config = this.config(instance);
    const send = (token?: string) =>
      upstreamFetch(
        this.label(instance),
        config,
        token
          ? {
              ...request,
              headers: { ...request.headers, Authorization: `Bearer ${token}` },
            }
          : request,
        { errorBody: 'json' },
      );
    if (!config.login) {
      return send();
    }
    const token = await this.session(config);
    try {
      return await send(token);
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.status !== 401) {
        throw error;
      }
      await this.forget(config.name, token);
      return send(await this.session(config));
    }
  }

  private session(config: ArgoCdInstanceConfig): Promise<string> {
    const existing = this.sessions.get(config.name);
    if (existing) {
      return existing.token;
    }
    const entry = { token: this.login(config) };
    this.sessions.set(config.name, entry);
    // A failed login must not stick: the next call tries again.
    entry.token.catch(() => {
      if (this.sessions.get(config.name) === entry) {
        this.sessions.delete(config.name);
      }
    });
    return entry.token;
  }

  private async forget(instance: string, staleToken: string): Promise<void> {
    const entry = this.sessions.get(instance);
    const current = await entry?.token.catch(() => undefined);
    // Only the first caller that saw this token expire drops it; the others reuse the new login.
    if (
      entry &&
      current === staleToken &&
      this.sessions.get(instance) === entry
    ) {
      this.sessions.delete(instance);
    }
  }

  private async login(config: ArgoCdInstanceConfig): Promise<string> {
    const response = await upstreamFetch(
      this.label(config.name),
      { ...config, auth: { type: 'none' } },
      {
        method: 'POST',
        path: '/api/v1/session',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(config.login),
      },
      { errorBody: 'json' },
    );
    return parseJsonBody(
      this.label(config.name),
      'POST /api/v1/session',
      response.text,
      body => argoSessionSchema.safeParse(body),
    ).token;
  }
}
