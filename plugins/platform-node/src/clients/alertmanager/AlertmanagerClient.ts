import { z } from 'zod/v4';
import type { UpstreamConfig } from '../../config/upstream';
import { parseJsonBody, upstreamFetch } from '../../http/upstreamFetch';
import { AmAlert, AmSilence, amAlertSchema, amSilenceSchema } from './schemas';

const UPSTREAM = 'Alertmanager';
// Built once: a zod schema costs more to construct than to run on a short list.
const amAlertsSchema = z.array(amAlertSchema);
const amSilencesSchema = z.array(amSilenceSchema);

/** Filters of `GET /api/v2/alerts`; each flag defaults to true upstream. @public */
export interface AmAlertFilter {
  active?: boolean;
  silenced?: boolean;
  inhibited?: boolean;
  unprocessed?: boolean;
  /** Matchers formatted with `formatAlertmanagerMatcher`. */
  filter?: string[];
  receiver?: string;
}

/**
 * Alertmanager API v2 client (0.25 and later). Error bodies are bare JSON strings.
 *
 * @public
 */
export class AlertmanagerClient {
  constructor(private readonly config: UpstreamConfig) {}

  async alerts(options: AmAlertFilter = {}): Promise<AmAlert[]> {
    const response = await upstreamFetch(
      UPSTREAM,
      this.config,
      { path: '/api/v2/alerts', query: { ...options } },
      { errorBody: 'json-string' },
    );
    return parseJsonBody(UPSTREAM, 'GET /api/v2/alerts', response.text, body =>
      amAlertsSchema.safeParse(body),
    );
  }

  async silences(options: { filter?: string[] } = {}): Promise<AmSilence[]> {
    const response = await upstreamFetch(
      UPSTREAM,
      this.config,
      { path: '/api/v2/silences', query: { filter: options.filter } },
      { errorBody: 'json-string' },
    );
    return parseJsonBody(
      UPSTREAM,
      'GET /api/v2/silences',
      response.text,
      body => amSilencesSchema.safeParse(body),
    );
  }
}
