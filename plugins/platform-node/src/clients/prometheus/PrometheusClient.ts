import { z } from 'zod/v4';
import type { UpstreamConfig } from '../../config/upstream';
import { UpstreamError } from '../../http/UpstreamError';
import {
  UpstreamRequest,
  parseJsonBody,
  upstreamFetch,
} from '../../http/upstreamFetch';
import {
  PromAlert,
  PromAlertingRule,
  PromQueryData,
  promAlertsDataSchema,
  promEnvelopeSchema,
  promQueryDataSchema,
  promRulesDataSchema,
} from './schemas';

const UPSTREAM = 'Prometheus';

/** An alerting rule with the name of its group. @public */
export type PromGroupedAlertingRule = PromAlertingRule & { group: string };

/**
 * Prometheus HTTP API client (works with 2.42 and current 2.x/3.x). Builds no PromQL itself: callers pass
 * queries from the pure builders in `query/promql.ts`.
 *
 * @public
 */
export class PrometheusClient {
  constructor(private readonly config: UpstreamConfig) {}

  /** Instant query; `time` in unix seconds. */
  async query(
    query: string,
    options: { time?: number } = {},
  ): Promise<PromQueryData> {
    return this.get(
      { path: '/api/v1/query', query: { query, time: options.time } },
      promQueryDataSchema,
    );
  }

  /** Range query; times in unix seconds, step in seconds. */
  async queryRange(
    query: string,
    range: { start: number; end: number; step: number },
  ): Promise<PromQueryData> {
    return this.get(
      { path: '/api/v1/query_range', query: { query, ...range } },
      promQueryDataSchema,
    );
  }

  async alerts(): Promise<PromAlert[]> {
    return (await this.get({ path: '/api/v1/alerts' }, promAlertsDataSchema))
      .alerts;
  }

  /** Alerting rules only (`type=alert`, the one filter Prometheus 2.42 knows). */
  async alertingRules(): Promise<PromGroupedAlertingRule[]> {
    const data = await this.get(
      { path: '/api/v1/rules', query: { type: 'alert' } },
      promRulesDataSchema,
    );
    return data.groups.flatMap(group =>
      group.rules
        .filter((rule): rule is PromAlertingRule => rule.type === 'alerting')
        .map(rule => ({ ...rule, group: group.name })),
    );
  }

  private async get<T extends z.ZodTypeAny>(
    request: UpstreamRequest,
    data: T,
  ): Promise<z.infer<T>> {
    const where = `GET ${request.path}`;
    const response = await upstreamFetch(UPSTREAM, this.config, request, {
      errorBody: 'json',
    });
    const envelope = parseJsonBody(UPSTREAM, where, response.text, body =>
      promEnvelopeSchema.safeParse(body),
    );
    if (envelope.status === 'error') {
      throw new UpstreamError({
        upstream: UPSTREAM,
        kind: 'upstream',
        status: response.status,
        message: `${where} reported ${envelope.errorType ?? 'an error'}: ${
          envelope.error ?? ''
        }`.trim(),
      });
    }
    const parsed = data.safeParse(envelope.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UpstreamError({
        upstream: UPSTREAM,
        kind: 'bad-response',
        message: `${where} answered an unexpected shape: data.${
          issue?.path.join('.') ?? ''
        }: ${issue?.message ?? 'invalid'}`,
      });
    }
    return parsed.data;
  }
}
