import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import { UpstreamError } from '@paved-road/backstage-plugin-platform-node';
import {
  ChannelTiming,
  ChannelViewer,
  TailViewer,
  channelTiming,
  deliverToViewers,
  failViewers,
  retryDelayMs,
} from './viewerChannel';

/** One poll's answer: the new lines (oldest first), where the next poll starts, and whether more are waiting. */
export interface PollPage<C> {
  lines: LogLine[];
  cursor: C;
  /** The page was full: poll again at once instead of after the interval. */
  more: boolean;
}

/** `backoff` is between failed polls, `maxAttempts` counts failed polls in a row. */
export interface SharedPollOptions<K, C> extends Partial<ChannelTiming> {
  /** Identity of a channel: viewers with the same id share one poll. */
  keyId(key: K): string;
  /** Where a new channel starts (from now: a live view shows what comes after it opens). */
  start(key: K, nowMs: number): C;
  poll(key: K, cursor: C): Promise<PollPage<C>>;
  /** Name of the upstream in the error after the attempts are spent. */
  upstream: string;
  intervalMs?: number;
}

interface Channel<K, C> {
  key: K;
  viewers: Set<ChannelViewer>;
  cursor: C;
  timer?: unknown;
  failures: number;
}

/** Failures a retry cannot cure: credentials, a missing index, a refused request. */
const PERMANENT = new Set(['forbidden', 'not-found', 'not-configured']);

/**
 * The live view of an upstream without a tail (Elasticsearch): ONE poll loop per key, shared by every viewer
 * of it in this process, each viewer's filters applied here, with the same viewer API as {@link SharedTail}.
 * A poll starts where the previous one ended (the cursor), so lines are neither repeated nor skipped; a full
 * page is followed at once by the next. Transient failures are retried with backoff; a permanent one, or
 * `maxAttempts` in a row, is passed to the viewers, which are then closed.
 */
export class SharedPoll<K, C> {
  private readonly channels = new Map<string, Channel<K, C>>();
  private readonly intervalMs: number;
  private readonly timing: ChannelTiming;

  constructor(private readonly options: SharedPollOptions<K, C>) {
    this.intervalMs = options.intervalMs ?? 2000;
    this.timing = channelTiming(options);
  }

  /** Poll loops running now (one per key with viewers). */
  upstreamCount(): number {
    return this.channels.size;
  }

  subscribe(
    key: K,
    accept: (line: LogLine) => boolean,
    target: TailViewer,
  ): { close(): void } {
    const id = this.options.keyId(key);
    let channel = this.channels.get(id);
    const viewer: ChannelViewer = { accept, target };
    if (!channel) {
      channel = {
        key,
        viewers: new Set([viewer]),
        cursor: this.options.start(key, this.timing.now()),
        failures: 0,
      };
      this.channels.set(id, channel);
      this.schedule(id, channel, this.intervalMs);
    } else {
      channel.viewers.add(viewer);
    }
    const owner = channel;
    let closed = false;
    return {
      close: () => {
        if (closed) return;
        closed = true;
        owner.viewers.delete(viewer);
        if (owner.viewers.size === 0) this.drop(id, owner);
      },
    };
  }

  private live(id: string, channel: Channel<K, C>): boolean {
    return this.channels.get(id) === channel;
  }

  private drop(id: string, channel: Channel<K, C>) {
    if (this.live(id, channel)) this.channels.delete(id);
    if (channel.timer !== undefined) this.timing.clearTimer(channel.timer);
    channel.timer = undefined;
  }

  private schedule(id: string, channel: Channel<K, C>, ms: number) {
    channel.timer = this.timing.setTimer(() => {
      channel.timer = undefined;
      if (this.live(id, channel)) void this.tick(id, channel);
    }, ms);
  }

  private async tick(id: string, channel: Channel<K, C>) {
    let page: PollPage<C>;
    try {
      page = await this.options.poll(channel.key, channel.cursor);
    } catch (error) {
      if (!this.live(id, channel)) return;
      const failure =
        error instanceof UpstreamError
          ? error
          : new UpstreamError({
              upstream: this.options.upstream,
              kind: 'upstream',
              message: String(error),
            });
      channel.failures += 1;
      if (
        PERMANENT.has(failure.kind) ||
        channel.failures >= this.timing.maxAttempts
      ) {
        this.fail(id, channel, failure);
        return;
      }
      this.schedule(
        id,
        channel,
        retryDelayMs(this.timing.backoff, channel.failures),
      );
      return;
    }
    if (!this.live(id, channel)) return;
    channel.failures = 0;
    channel.cursor = page.cursor;
    deliverToViewers(channel.viewers, page.lines);
    this.schedule(id, channel, page.more ? 0 : this.intervalMs);
  }

  private fail(id: string, channel: Channel<K, C>, error: UpstreamError) {
    const viewers = [...channel.viewers];
    channel.viewers.clear();
    this.drop(id, channel);
    failViewers(viewers, error);
  }
}
