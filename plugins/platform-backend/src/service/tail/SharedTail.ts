import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import {
  LokiTail,
  LokiTailFrame,
  LokiTailListener,
  UpstreamError,
} from '@paved-road/backstage-plugin-platform-node';

import {
  ChannelTiming,
  ChannelViewer,
  TailViewer,
  channelTiming,
  deliverToViewers,
  failViewers,
  retryDelayMs,
} from './viewerChannel';

/** Opens one upstream tail of `selector` from `startNs` (unix ns, decimal). */
export type OpenUpstreamTail = (
  key: { tenant?: string; selector: string },
  startNs: string,
  listener: LokiTailListener,
) => LokiTail;

/** `backoff` is between reconnects, `maxAttempts` counts failed connects. */
export interface SharedTailOptions extends Partial<ChannelTiming> {
  open: OpenUpstreamTail;
  /** Converts a frame to lines, oldest first. */
  toLines(frame: LokiTailFrame): LogLine[];
}

interface Channel {
  key: { tenant?: string; selector: string };
  viewers: Set<ChannelViewer>;
  upstream?: LokiTail;
  retry?: unknown;
  failures: number;
  /** Newest timestamp delivered: a reconnect asks Loki to start after it, so lines are neither replayed nor skipped. */
  lastNs?: bigint;
}

/** Loki's answer when a tenant already holds `max_concurrent_tail_requests` tails: retrying does not help. */
const LIMIT_REFUSAL = /max concurrent tail requests/i;

/**
 * One upstream Loki tail per (tenant, selector), shared by every viewer of it in this process; each viewer's
 * filters are applied here. Loki allows 10 tails per tenant by default (the 11th closes with code 1011), so a
 * tail per browser tab does not survive a team looking at its services. A dropped tail is reopened with
 * backoff from the last line delivered; a refusal is passed to the viewers with Loki's reason.
 */
export class SharedTail {
  private readonly channels = new Map<string, Channel>();
  private readonly timing: ChannelTiming;

  constructor(private readonly options: SharedTailOptions) {
    this.timing = channelTiming(options);
  }

  /** Upstream tails open or reconnecting now. */
  upstreamCount(): number {
    return this.channels.size;
  }

  subscribe(
    key: { tenant?: string; selector: string },
    accept: (line: LogLine) => boolean,
    target: TailViewer,
  ): { close(): void } {
    const id = JSON.stringify([key.tenant ?? null, key.selector]);
    let channel = this.channels.get(id);
    const viewer: ChannelViewer = { accept, target };
    if (!channel) {
      channel = { key, viewers: new Set(), failures: 0 };
      this.channels.set(id, channel);
      channel.viewers.add(viewer);
      this.connect(id, channel);
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

  private drop(id: string, channel: Channel) {
    if (this.channels.get(id) === channel) this.channels.delete(id);
    if (channel.retry !== undefined) this.timing.clearTimer(channel.retry);
    channel.retry = undefined;
    const upstream = channel.upstream;
    channel.upstream = undefined;
    upstream?.close();
  }

  private connect(id: string, channel: Channel) {
    channel.retry = undefined;
    const startNs =
      channel.lastNs !== undefined
        ? (channel.lastNs + 1n).toString()
        : (BigInt(this.timing.now()) * 1_000_000n).toString();
    let failure: UpstreamError | undefined;
    let gotFrame = false;
    let current: LokiTail | undefined;
    const listener: LokiTailListener = {
      onFrame: frame => {
        if (this.channels.get(id) !== channel) return;
        gotFrame = true;
        channel.failures = 0;
        this.deliver(channel, this.options.toLines(frame));
      },
      onError: error => {
        failure = error;
      },
      onClose: () => {
        if (this.channels.get(id) !== channel || channel.upstream !== current)
          return;
        channel.upstream = undefined;
        this.closed(id, channel, failure, gotFrame);
      },
    };
    try {
      current = this.options.open(channel.key, startNs, listener);
    } catch (error) {
      failure =
        error instanceof UpstreamError
          ? error
          : new UpstreamError({
              upstream: 'Loki',
              kind: 'upstream',
              message: String(error),
            });
      this.closed(id, channel, failure, false);
      return;
    }
    // onClose may already have run synchronously
    if (this.channels.get(id) === channel && channel.retry === undefined)
      channel.upstream = current;
  }

  private closed(
    id: string,
    channel: Channel,
    failure: UpstreamError | undefined,
    gotFrame: boolean,
  ) {
    if (failure && LIMIT_REFUSAL.test(failure.message)) {
      const reason = failure.message.replace(/^Loki: /, '');
      this.fail(
        id,
        channel,
        new UpstreamError({
          upstream: 'Loki',
          kind: 'upstream',
          status: failure.status,
          message: `refused the live tail: ${reason}`,
        }),
      );
      return;
    }
    channel.failures = gotFrame ? 1 : channel.failures + 1;
    if (channel.failures >= this.timing.maxAttempts) {
      this.fail(
        id,
        channel,
        failure ??
          new UpstreamError({
            upstream: 'Loki',
            kind: 'upstream',
            message: 'the live tail kept closing',
          }),
      );
      return;
    }
    const delay = retryDelayMs(this.timing.backoff, channel.failures);
    channel.retry = this.timing.setTimer(() => {
      if (this.channels.get(id) === channel) this.connect(id, channel);
    }, delay);
  }

  private fail(id: string, channel: Channel, error: UpstreamError) {
    const viewers = [...channel.viewers];
    channel.viewers.clear();
    this.drop(id, channel);
    failViewers(viewers, error);
  }

  private deliver(channel: Channel, fresh: LogLine[]) {
    if (fresh.length === 0) return;
    for (const line of fresh) {
      const ts = BigInt(line.timestampNs);
      if (channel.lastNs === undefined || ts > channel.lastNs)
        channel.lastNs = ts;
    }
    deliverToViewers(channel.viewers, fresh);
  }
}
