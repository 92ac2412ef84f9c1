import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import { UpstreamError } from '@paved-road/backstage-plugin-platform-node';

/** Receives one viewer's lines. `onError` is followed by `onClose`. */
export interface TailViewer {
  onLines(lines: LogLine[]): void;
  onError(error: UpstreamError): void;
  onClose(): void;
}

/** One viewer of a shared live channel (a Loki tail or an Elasticsearch poll): its filter and where lines go. */
export interface ChannelViewer {
  accept(line: LogLine): boolean;
  target: TailViewer;
}

/** The timing knobs both shared channels take, with their defaults filled in. */
export interface ChannelTiming {
  /** Retry delays after a failure: initial, doubled per failure up to max, with up to 20% jitter. */
  backoff: { initialMs: number; maxMs: number };
  /** Consecutive failures before the viewers are told and closed. */
  maxAttempts: number;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
}

export function channelTiming(options: Partial<ChannelTiming>): ChannelTiming {
  return {
    backoff: options.backoff ?? { initialMs: 1000, maxMs: 30_000 },
    maxAttempts: options.maxAttempts ?? 5,
    now: options.now ?? Date.now,
    setTimer: options.setTimer ?? ((fn, ms) => setTimeout(fn, ms)),
    clearTimer:
      options.clearTimer ??
      (timer => clearTimeout(timer as ReturnType<typeof setTimeout>)),
  };
}

/** The delay before retry number `failures` (1 for the first). */
export function retryDelayMs(
  backoff: ChannelTiming['backoff'],
  failures: number,
): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (failures - 1));
  return Math.round(base * (1 + Math.random() * 0.2));
}

/** Hands each viewer the lines its filter accepts. */
export function deliverToViewers(
  viewers: Set<ChannelViewer>,
  fresh: LogLine[],
): void {
  if (fresh.length === 0) return;
  for (const viewer of [...viewers]) {
    const mine = fresh.filter(line => viewer.accept(line));
    if (mine.length > 0) viewer.target.onLines(mine);
  }
}

/** Tells every viewer of a channel that ends with `error`, then closes them. */
export function failViewers(viewers: ChannelViewer[], error: UpstreamError) {
  for (const viewer of viewers) {
    viewer.target.onError(error);
    viewer.target.onClose();
  }
}
