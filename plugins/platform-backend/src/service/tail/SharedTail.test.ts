import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import {
  LokiTailListener,
  UpstreamError,
} from '@paved-road/backstage-plugin-platform-node';
import { SharedTail } from './SharedTail';
import { TailViewer } from './viewerChannel';

interface FakeUpstream {
  key: { tenant?: string; selector: string };
  startNs: string;
  listener: LokiTailListener;
  closed: boolean;
}

function setup() {
  const upstreams: FakeUpstream[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const hub = new SharedTail({
    open: (key, startNs, listener) => {
      const u: FakeUpstream = { key, startNs, listener, closed: false };
      upstreams.push(u);
      return {
        close: () => {
          if (!u.closed) {
            u.closed = true;
            listener.onClose();
          }
        },
      };
    },
    toLines: frame =>
      (frame.streams ?? []).flatMap(s =>
        s.values.map(([ts, text]) => ({
          timestampNs: ts,
          line: text,
          level: (s.stream.level ?? 'unknown') as LogLine['level'],
          labels: s.stream,
        })),
      ),
    backoff: { initialMs: 1000, maxMs: 8000 },
    maxAttempts: 3,
    now: () => 1_000,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => undefined,
  });
  return { hub, upstreams, timers };
}

function viewer() {
  const got: { lines: string[]; errors: string[]; closed: boolean } = {
    lines: [],
    errors: [],
    closed: false,
  };
  const target: TailViewer = {
    onLines: lines => got.lines.push(...lines.map(l => l.line)),
    onError: e => got.errors.push(e.message),
    onClose: () => {
      got.closed = true;
    },
  };
  return { got, target };
}

const frame = (level: string, ...entries: Array<[string, string]>) => ({
  streams: [{ stream: { app: 'a', level }, values: entries }],
});
const fail = (u: FakeUpstream, message: string) => {
  u.closed = true;
  u.listener.onError(
    new UpstreamError({ upstream: 'Loki', kind: 'upstream', message }),
  );
  u.listener.onClose();
};

describe('SharedTail', () => {
  it('holds one upstream tail per (tenant, selector) for 50 viewers of 10 services', () => {
    const { hub, upstreams } = setup();
    const subs = Array.from({ length: 50 }, (_, i) =>
      hub.subscribe(
        { tenant: 't', selector: `{app="svc-${i % 10}"}` },
        () => true,
        viewer().target,
      ),
    );
    expect(upstreams).toHaveLength(10);
    expect(hub.upstreamCount()).toBe(10);
    hub.subscribe(
      { tenant: 'other', selector: '{app="svc-0"}' },
      () => true,
      viewer().target,
    );
    expect(upstreams).toHaveLength(11);
    subs.forEach(s => s.close());
    expect(upstreams.slice(0, 10).every(u => u.closed)).toBe(true);
    expect(hub.upstreamCount()).toBe(1);
  });

  it("fans each frame out through every viewer's own filter", () => {
    const { hub, upstreams } = setup();
    const all = viewer();
    const errorsOnly = viewer();
    hub.subscribe({ selector: '{app="a"}' }, () => true, all.target);
    hub.subscribe(
      { selector: '{app="a"}' },
      l => l.level === 'error',
      errorsOnly.target,
    );
    upstreams[0].listener.onFrame(frame('info', ['10', 'i1']));
    upstreams[0].listener.onFrame(frame('error', ['11', 'e1']));
    expect(all.got.lines).toEqual(['i1', 'e1']);
    expect(errorsOnly.got.lines).toEqual(['e1']);
  });

  it('reconnects with growing backoff after a drop, resuming after the last line delivered', () => {
    const { hub, upstreams, timers } = setup();
    const v = viewer();
    hub.subscribe({ selector: '{app="a"}' }, () => true, v.target);
    expect(upstreams[0].startNs).toBe('1000000000');
    upstreams[0].listener.onFrame(frame('info', ['5000', 'x']));
    fail(upstreams[0], 'tail closed with code 1006');
    expect(timers).toHaveLength(1);
    expect(timers[0].ms).toBeGreaterThanOrEqual(1000);
    timers[0].fn();
    expect(upstreams[1].startNs).toBe('5001');
    fail(upstreams[1], 'tail could not connect');
    expect(timers[1].ms).toBeGreaterThanOrEqual(2000);
    expect(v.got.errors).toEqual([]);
    timers[1].fn();
    fail(upstreams[2], 'tail could not connect');
    expect(v.got.errors).toEqual(['Loki: tail could not connect']);
    expect(v.got.closed).toBe(true);
    expect(hub.upstreamCount()).toBe(0);
  });

  it('tells every viewer why when Loki refuses the tail (tenant limit), without retrying', () => {
    const { hub, upstreams, timers } = setup();
    const a = viewer();
    const b = viewer();
    hub.subscribe({ selector: '{app="a"}' }, () => true, a.target);
    hub.subscribe({ selector: '{app="a"}' }, () => true, b.target);
    fail(
      upstreams[0],
      'tail closed with code 1011: max concurrent tail requests limit exceeded, count > limit (11 > 10)',
    );
    for (const v of [a, b]) {
      expect(v.got.errors).toEqual([
        'Loki: refused the live tail: tail closed with code 1011: max concurrent tail requests limit exceeded, count > limit (11 > 10)',
      ]);
      expect(v.got.closed).toBe(true);
    }
    expect(timers).toHaveLength(0);
    expect(hub.upstreamCount()).toBe(0);
  });
});
