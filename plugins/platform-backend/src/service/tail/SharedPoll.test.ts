import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import { UpstreamError } from '@paved-road/backstage-plugin-platform-node';
import { PollPage, SharedPoll } from './SharedPoll';

const line = (ns: number, text: string, level: LogLine['level'] = 'info') =>
  ({ timestampNs: String(ns), line: text, level, labels: {} } as LogLine);

/** Manual timers: `run()` fires the due ones in order. */
function clock() {
  let now = 1000;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 0;
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimer: (id: unknown) => {
      const i = timers.findIndex(t => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    pending: () => timers.length,
    async advance(ms: number) {
      now += ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const due = timers[0];
        if (!due || due.at > now) break;
        timers.shift();
        due.fn();
        // let the poll's promise settle
        for (let i = 0; i < 5; i++) await Promise.resolve();
      }
    },
  };
}

function viewer() {
  const v = {
    lines: [] as string[],
    errors: [] as UpstreamError[],
    closed: false,
    target: {
      onLines: (l: LogLine[]) => v.lines.push(...l.map(x => x.line)),
      onError: (e: UpstreamError) => v.errors.push(e),
      onClose: () => {
        v.closed = true;
      },
    },
  };
  return v;
}

describe('SharedPoll', () => {
  it('runs one poll per key for all its viewers, from the cursor on, filtering per viewer', async () => {
    const c = clock();
    const cursors: number[] = [];
    const pages: PollPage<number>[] = [
      { lines: [line(1, 'a'), line(2, 'b', 'error')], cursor: 2, more: false },
      { lines: [line(3, 'c', 'error')], cursor: 3, more: false },
    ];
    const poll = new SharedPoll<string, number>({
      upstream: 'Test',
      keyId: k => k,
      start: () => 0,
      poll: async (key, cursor) => {
        cursors.push(cursor);
        return (
          (key === 'svc' ? pages.shift() : undefined) ?? {
            lines: [],
            cursor,
            more: false,
          }
        );
      },
      intervalMs: 2000,
      ...c,
    });
    const all = viewer();
    const errors = viewer();
    const s1 = poll.subscribe('svc', () => true, all.target);
    const s2 = poll.subscribe('svc', l => l.level === 'error', errors.target);
    const other = viewer();
    const s3 = poll.subscribe('other', () => true, other.target);
    expect(poll.upstreamCount()).toBe(2);
    await c.advance(2000);
    await c.advance(2000);
    expect(all.lines).toEqual(['a', 'b', 'c']);
    expect(errors.lines).toEqual(['b', 'c']);
    // svc polled twice (cursor 0 then 2), other twice from 0
    expect(cursors.filter(x => x === 2)).toHaveLength(1);
    expect(cursors).toHaveLength(4);
    s1.close();
    s2.close();
    expect(poll.upstreamCount()).toBe(1);
    s3.close();
    expect(poll.upstreamCount()).toBe(0);
    expect(c.pending()).toBe(0);
  });

  it('polls again at once after a full page', async () => {
    const c = clock();
    let calls = 0;
    const poll = new SharedPoll<string, number>({
      upstream: 'Test',
      keyId: k => k,
      start: () => 0,
      poll: async (_k, cursor) => {
        calls++;
        return {
          lines: [line(cursor + 1, `l${cursor}`)],
          cursor: cursor + 1,
          more: cursor < 2,
        };
      },
      intervalMs: 2000,
      ...c,
    });
    const v = viewer();
    poll.subscribe('svc', () => true, v.target);
    await c.advance(2000);
    expect(v.lines).toEqual(['l0', 'l1', 'l2']);
    expect(calls).toBe(3);
  });

  it('retries a transient failure, and passes a permanent one to every viewer and stops', async () => {
    const c = clock();
    const failures = [
      new UpstreamError({ upstream: 'Test', kind: 'timeout', message: 'slow' }),
      new UpstreamError({
        upstream: 'Test',
        kind: 'forbidden',
        status: 403,
        message: 'no',
      }),
    ];
    let calls = 0;
    const poll = new SharedPoll<string, number>({
      upstream: 'Test',
      keyId: k => k,
      start: () => 0,
      poll: async () => {
        calls++;
        throw failures.shift();
      },
      intervalMs: 2000,
      backoff: { initialMs: 100, maxMs: 100 },
      ...c,
    });
    const a = viewer();
    const b = viewer();
    poll.subscribe('svc', () => true, a.target);
    poll.subscribe('svc', () => true, b.target);
    await c.advance(2000);
    expect(a.errors).toEqual([]);
    await c.advance(200);
    expect(calls).toBe(2);
    for (const v of [a, b]) {
      expect(v.errors.map(e => e.kind)).toEqual(['forbidden']);
      expect(v.closed).toBe(true);
    }
    expect(poll.upstreamCount()).toBe(0);
    expect(c.pending()).toBe(0);
  });
});
