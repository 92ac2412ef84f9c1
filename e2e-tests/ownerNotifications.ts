/**
 * Reads a user's notifications through the notifications backend's REST API (`GET /api/notifications/notifications`,
 * the user's Backstage token), as the e2e test and `yarn bench:operate` do to see the owner watcher's notices.
 * No imports: usable from Playwright specs and from Node scripts run with type stripping.
 */

/** One notification as the notifications backend returns it. */
export interface OwnerNotification {
  id: string;
  created: string;
  /**
   * Set when a later notice of the same scope (topic) replaced this one's content: an ISO string, or epoch
   * milliseconds as the backend's SQLite store returns it.
   */
  updated?: string | number | null;
  read?: string | null;
  payload: {
    title: string;
    description?: string;
    link?: string;
    severity?: string;
    topic?: string;
    scope?: string;
  };
}

/** Which notification to wait for: a topic (exact), a title (exact string or pattern), or both. */
export type OwnerNotificationMatch =
  | string
  | RegExp
  | { topic?: string; title?: string | RegExp };

export interface WaitForOwnerNotificationOptions {
  /** Give up after this long (default 60 000 ms, the issue's bound). */
  timeoutMs?: number;
  /** Poll interval (default 500 ms). */
  intervalMs?: number;
  /** Only a notification created or updated at or after this instant counts (default: any). */
  since?: Date;
}

/** The watcher's topic of an Argo CD app's health for a component, e.g. `argocdHealthTopic('msa-nginx')`. */
export function argocdHealthTopic(
  component: string,
  app: string = component,
  namespace = 'default',
): string {
  return `platform:component:${namespace}/${component}:argocd:${app}:health`;
}

function matches(
  notification: OwnerNotification,
  match: OwnerNotificationMatch,
  since: Date | undefined,
): boolean {
  const at = new Date(notification.updated ?? notification.created).getTime();
  if (since && !(at >= since.getTime())) return false;
  const { title, topic } = notification.payload;
  const wanted =
    typeof match === 'string'
      ? // A string is a topic when it looks like one, else an exact title.
        match.startsWith('platform:')
        ? { topic: match }
        : { title: match }
      : match instanceof RegExp
      ? { title: match }
      : match;
  if (wanted.topic !== undefined && topic !== wanted.topic) return false;
  if (wanted.title === undefined) return true;
  return typeof wanted.title === 'string'
    ? title === wanted.title
    : wanted.title.test(title);
}

function describe(match: OwnerNotificationMatch): string {
  if (typeof match === 'string' || match instanceof RegExp) {
    return String(match);
  }
  return `topic ${match.topic ?? '(any)'}, title ${String(
    match.title ?? '(any)',
  )}`;
}

/** The user's notifications now (newest first), optionally of one topic. */
export async function listOwnerNotifications(
  baseUrl: string,
  token: string,
  topic?: string,
): Promise<OwnerNotification[]> {
  const url = new URL('/api/notifications/notifications', baseUrl);
  url.searchParams.set('limit', '50');
  if (topic) url.searchParams.set('topic', topic);
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    throw new Error(
      `GET ${url.pathname} answered ${response.status}: ${(
        await response.text()
      ).slice(0, 300)}`,
    );
  }
  const body = (await response.json()) as {
    notifications?: OwnerNotification[];
  };
  return body.notifications ?? [];
}

/**
 * Polls the notifications of the token's user until one matches, and returns it with how long it took.
 * Fails after `timeoutMs` with what was there, so a wrong topic or title is visible in the error.
 */
export async function waitForOwnerNotification(
  baseUrl: string,
  token: string,
  match: OwnerNotificationMatch,
  options: WaitForOwnerNotificationOptions = {},
): Promise<{ notification: OwnerNotification; waitedMs: number }> {
  const { timeoutMs = 60_000, intervalMs = 500, since } = options;
  const topic =
    typeof match === 'string' && match.startsWith('platform:')
      ? match
      : typeof match === 'object' && !(match instanceof RegExp)
      ? match.topic
      : undefined;
  const started = Date.now();
  let last: OwnerNotification[] = [];
  let lastError: unknown;
  for (;;) {
    try {
      last = await listOwnerNotifications(baseUrl, token, topic);
      lastError = undefined;
      const found = last.find(n => matches(n, match, since));
      if (found) return { notification: found, waitedMs: Date.now() - started };
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `No notification matching ${describe(match)} within ${timeoutMs} ms; ${
          lastError
            ? `last error: ${String(lastError)}`
            : `the user has: ${JSON.stringify(last.map(n => n.payload.title))}`
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
