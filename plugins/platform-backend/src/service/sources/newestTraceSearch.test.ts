import { TempoHit, newestTraces, searchBudget } from './newestTraceSearch';

const END = 1_800_000_000;

/** A Tempo that answers with the FIRST traces it meets (ascending trace id here), as measured on 2.7.2. */
function firstFoundTempo(startsS: number[]) {
  const all: TempoHit[] = startsS.map((s, i) => ({
    traceID: ((i * 7919) % 100_000).toString(16).padStart(8, '0'),
    rootServiceName: 'svc',
    startTimeUnixNano: (BigInt(Math.round(s * 1000)) * 1_000_000n).toString(),
    durationMs: 5,
  }));
  const byId = [...all].sort((a, b) => (a.traceID < b.traceID ? -1 : 1));
  const calls: Array<{ start: number; end: number; limit: number }> = [];
  const search = async (w: { start: number; end: number }, limit: number) => {
    calls.push({ ...w, limit });
    return byId
      .filter(t => {
        const s = Number(BigInt(t.startTimeUnixNano) / 1_000_000_000n);
        return s >= w.start && s <= w.end;
      })
      .slice(0, limit);
  };
  const truth = (n: number) =>
    [...all]
      .sort((a, b) =>
        Number(BigInt(b.startTimeUnixNano) - BigInt(a.startTimeUnixNano)),
      )
      .slice(0, n)
      .map(t => t.traceID);
  return { search, calls, truth };
}

describe('newestTraces', () => {
  // 5 traces a second for an hour, like the sandbox's demo traffic
  const starts = Array.from(
    { length: 18_000 },
    (_, i) => END - 3600 + i * 0.2 + 0.05,
  );

  it('returns exactly the newest N although each answer holds the first-found traces', async () => {
    const tempo = firstFoundTempo(starts);
    const naive = await tempo.search({ start: END - 3600, end: END }, 20);
    expect(
      naive.map(t => t.traceID).filter(id => tempo.truth(20).includes(id)),
    ).toHaveLength(0);
    const got = await newestTraces(tempo.search, {
      start: END - 3600,
      end: END,
      want: 20,
      ...searchBudget(20),
    });
    expect(got.traces.map(t => t.traceID)).toEqual(tempo.truth(20));
    expect(got.complete).toBe(true);
    expect(got.requests).toBeLessThanOrEqual(12);
  });

  it('"Show more" (a bigger N) continues backwards in time within the request budget', async () => {
    const tempo = firstFoundTempo(starts);
    const got = await newestTraces(tempo.search, {
      start: END - 3600,
      end: END,
      want: 60,
      ...searchBudget(60),
    });
    expect(got.traces.map(t => t.traceID)).toEqual(tempo.truth(60));
    expect(got.requests).toBeLessThanOrEqual(12);
    expect(Math.min(...tempo.calls.map(c => c.start))).toBeLessThan(END - 12);
  });

  it('widens sparse windows until the range is covered, and finds old traces', async () => {
    const sparse = [END - 3500, END - 3000, END - 1000];
    const tempo = firstFoundTempo(sparse);
    const got = await newestTraces(tempo.search, {
      start: END - 3600,
      end: END,
      want: 20,
      ...searchBudget(20),
    });
    expect(got.traces.map(t => t.traceID)).toEqual(tempo.truth(3));
    expect(got.complete).toBe(true);
    expect(tempo.calls[tempo.calls.length - 1].start).toBe(END - 3600);
  });

  it('says incomplete when the budget runs out before the range is covered', async () => {
    const tempo = firstFoundTempo(starts);
    const got = await newestTraces(tempo.search, {
      start: END - 3600,
      end: END,
      want: 20,
      windowLimit: 100,
      maxRequests: 2,
      firstWindowSeconds: 3600,
    });
    expect(got.complete).toBe(false);
    expect(got.requests).toBe(2);
  });
});
