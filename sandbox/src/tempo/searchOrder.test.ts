/**
 * Contract: Tempo search order and late spans, as measured against Tempo 2.7.2
 * (UPSTREAM-APIS.md, "Measured against the real servers").
 */
import { mount, type Mounted } from '../testing/helpers.ts';
import { createTempoHandler } from './server.ts';
import { BLOCK_NS, parseOtlp, TraceStore } from './store.ts';

const MIN = 60_000_000_000n;
const now = () => BigInt(Date.now()) * 1_000_000n;

function trace(id: string, startNs: bigint) {
  return parseOtlp({
    resourceSpans: [
      {
        resource: {
          attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }],
        },
        scopeSpans: [
          {
            spans: [
              {
                traceId: id,
                spanId: id.slice(0, 16),
                name: 'GET /',
                kind: 2,
                startTimeUnixNano: startNs.toString(),
                endTimeUnixNano: (startNs + 5_000_000n).toString(),
              },
            ],
          },
        ],
      },
    ],
  });
}

const idOf = (i: number) => (0xa000 + i).toString(16).padStart(32, '0');

describe('Tempo simulator search order (measured on Tempo 2.7.2)', () => {
  let m: Mounted;
  const store = new TraceStore();
  const t0 = now() - 30n * MIN;
  const search = async (params: Record<string, string>) => {
    const r = await fetch(
      `${m.url}/api/search?${new URLSearchParams({ q: '{}', ...params })}`,
    );
    return ((await r.json()).traces ?? []) as {
      traceID: string;
      startTimeUnixNano: string;
    }[];
  };

  beforeAll(async () => {
    // 30 traces, one a minute for the last half hour, each ingested when it happened (so in its own block).
    for (let i = 0; i < 30; i++)
      store.ingest(
        trace(idOf(i), t0 + BigInt(i) * MIN),
        t0 + BigInt(i) * MIN + 1_000_000_000n,
      );
    m = await mount(createTempoHandler({ store }));
  });
  afterAll(() => m.close());

  it('stops at limit with the FIRST traces found (oldest blocks), not the newest', async () => {
    const hits = await search({ limit: '5' });
    expect(hits).toHaveLength(5);
    const starts = hits.map(h => BigInt(h.startTimeUnixNano));
    // "limit=20 returned traces 10-13 minutes old while the newest was 2 s old"
    expect(starts.every(s => s < t0 + 5n * MIN)).toBe(true);
    const all = await search({ limit: '1000' });
    expect(all).toHaveLength(30);
  });

  it('orders a block by trace id, not by start time', async () => {
    const s = new TraceStore();
    const block = (now() / BLOCK_NS) * BLOCK_NS + 1n;
    s.ingest(
      trace('00000000000000000000000000000fff', block - 3_000_000_000n),
      block,
    );
    s.ingest(
      trace('00000000000000000000000000000001', block - 1_000_000_000n),
      block,
    );
    expect(s.inSearchOrder().map(t => t.id)).toEqual([
      '00000000000000000000000000000fff',
      '00000000000000000000000000000001',
    ]);
  });

  it('finds every trace of a narrow window when the window holds fewer than limit', async () => {
    const end = t0 + 29n * MIN + 30_000_000_000n;
    const hits = await search({
      start: String((end - 3n * MIN) / 1_000_000_000n),
      end: String(end / 1_000_000_000n),
      limit: '20',
    });
    expect(hits.map(h => h.traceID).sort()).toEqual(
      [idOf(27), idOf(28), idOf(29)].map(id => id.replace(/^0+/, '')).sort(),
    );
  });

  it('does not find a span that arrived more than ~2 minutes after its start in a narrow window around its start', async () => {
    const late = '0000000000000000000000000000beef';
    const started = now() - 10n * MIN;
    store.ingest(trace(late, started));
    const around = await search({
      start: String((started - MIN) / 1_000_000_000n),
      end: String((started + MIN) / 1_000_000_000n),
      limit: '100',
    });
    expect(around.map(h => h.traceID)).not.toContain('beef');
    const atIngest = await search({
      start: String((now() - MIN) / 1_000_000_000n),
      end: String((now() + MIN) / 1_000_000_000n),
      limit: '100',
    });
    expect(atIngest.map(h => h.traceID)).toContain('beef');
  });
});
