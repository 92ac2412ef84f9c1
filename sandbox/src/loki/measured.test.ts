/**
 * Contract: the Loki simulator copies what was measured on Loki 3.4.6
 * (UPSTREAM-APIS.md, "Measured against the real servers").
 */
import WebSocket from 'ws';
import { mount, type Mounted } from '../testing/helpers.ts';
import { createLokiSim, type LokiSim } from './server.ts';
import { LogStore } from './store.ts';

const nowNs = () => BigInt(Date.now()) * 1_000_000n;

describe('Loki simulator, measured behaviour', () => {
  let sim: LokiSim;
  let m: Mounted;
  const push = (body: unknown, tenant = 'fake') =>
    fetch(`${m.url}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Scope-OrgID': tenant },
      body: JSON.stringify(body),
    });
  const query = async (q: string, headers: Record<string, string> = {}) => {
    const params = new URLSearchParams({
      query: q,
      start: (nowNs() - 600_000_000_000n).toString(),
      end: (nowNs() + 1_000_000_000n).toString(),
    });
    return (
      await (
        await fetch(`${m.url}/loki/api/v1/query_range?${params}`, { headers })
      ).json()
    ).data;
  };
  const openTail = (
    q: string,
    params: Record<string, string> = {},
    tenant = 'fake',
  ) =>
    new WebSocket(
      `${m.url.replace('http', 'ws')}/loki/api/v1/tail?${new URLSearchParams({
        query: q,
        ...params,
      })}`,
      { headers: { 'X-Scope-OrgID': tenant } },
    );

  beforeAll(async () => {
    sim = createLokiSim({ store: new LogStore() });
    m = await mount(sim.handler, s => s.on('upgrade', sim.upgrade));
    const t = nowNs() - 60_000_000_000n;
    const r = await push({
      streams: [
        // the JSON shape: level as a stream label and in the text
        {
          stream: { app: 'svc', level: 'error' },
          values: [
            [
              t.toString(),
              '{"level":"error","msg":"boom","trace_id":"00000000000000001234567890abcdef"}',
            ],
          ],
        },
        // the OTLP shape: no level anywhere in the text, trace id and severity only as structured metadata
        {
          stream: { app: 'svc' },
          values: [
            [
              (t + 1n).toString(),
              'GET /x 500',
              {
                trace_id: 'fedcba0987654321fedcba0987654321',
                severity_text: 'ERROR',
              },
            ],
          ],
        },
        // a level only in logfmt text
        {
          stream: { app: 'svc' },
          values: [[(t + 2n).toString(), 'level=warn msg="slow"']],
        },
      ],
    });
    if (r.status !== 204) throw new Error(`seeding failed: ${r.status}`);
  });
  afterAll(async () => {
    sim.close();
    await m.close();
  });

  it('adds detected_level from a label, OTLP severity or the text; a line regex misses label-only levels', async () => {
    const cat = await query('{app="svc"} | detected_level=~"error|err"', {
      'X-Loki-Response-Encoding-Flags': 'categorize-labels',
    });
    expect(
      cat.result.flatMap((s: any) => s.values.map((v: any) => v[1])).sort(),
    ).toEqual([
      'GET /x 500',
      '{"level":"error","msg":"boom","trace_id":"00000000000000001234567890abcdef"}',
    ]);
    const byRegex = await query('{app="svc"} |~ `"level":"error"`');
    expect(byRegex.result.flatMap((s: any) => s.values)).toHaveLength(1);
    const warn = await query('{app="svc"} | detected_level="warn"');
    expect(
      warn.result.flatMap((s: any) => s.values.map((v: any) => v[1])),
    ).toEqual(['level=warn msg="slow"']);
  });

  it('finds an OTLP trace id with a label filter on structured metadata, not with a line filter', async () => {
    expect(
      (await query('{app="svc"} |= "fedcba0987654321fedcba0987654321"')).result,
    ).toEqual([]);
    const hit = await query(
      '{app="svc"} | trace_id="fedcba0987654321fedcba0987654321"',
    );
    expect(hit.result.flatMap((s: any) => s.values)).toHaveLength(1);
  });

  it('without categorize-labels folds structured metadata into the stream labels; with it keeps it apart', async () => {
    const plain = await query('{app="svc"}');
    expect(
      plain.result.some(
        (s: any) => s.stream.trace_id === 'fedcba0987654321fedcba0987654321',
      ),
    ).toBe(true);
    const cat = await query('{app="svc"}', {
      'X-Loki-Response-Encoding-Flags': 'categorize-labels',
    });
    expect(cat.encodingFlags).toEqual(['categorize-labels']);
    expect(
      cat.result.every(
        (s: any) =>
          s.stream.trace_id === undefined &&
          s.stream.detected_level === undefined,
      ),
    ).toBe(true);
    const otlp = cat.result
      .flatMap((s: any) => s.values)
      .find((v: any) => v[1] === 'GET /x 500');
    expect(otlp[2].structuredMetadata).toMatchObject({
      trace_id: 'fedcba0987654321fedcba0987654321',
      detected_level: 'error',
    });
  });

  it("closes the 11th concurrent tail of a tenant with code 1011 and Loki's message; other tenants are not affected", async () => {
    const open: WebSocket[] = [];
    for (let i = 0; i < 10; i++) {
      const ws = openTail('{app="svc"}');
      await new Promise<void>((resolve, reject) => {
        ws.on('open', () => resolve());
        ws.on('error', reject);
      });
      open.push(ws);
    }
    const eleventh = openTail('{app="svc"}');
    const closed = await new Promise<{ code: number; reason: string }>(
      resolve =>
        eleventh.on('close', (code, reason) =>
          resolve({ code, reason: String(reason) }),
        ),
    );
    expect(closed).toEqual({
      code: 1011,
      reason:
        'max concurrent tail requests limit exceeded, count > limit (11 > 10)',
    });
    const other = openTail('{app="svc"}', {}, 'team-b');
    await new Promise<void>(resolve => other.on('open', () => resolve()));
    other.close();
    open[0].close();
    await new Promise(r => setTimeout(r, 50));
    const again = openTail('{app="svc"}');
    const outcome = await Promise.race([
      new Promise<string>(resolve =>
        again.on('close', code => resolve(`closed ${code}`)),
      ),
      new Promise<string>(resolve => setTimeout(() => resolve('open'), 300)),
    ]);
    expect(outcome).toBe('open');
    for (const ws of [...open, again]) ws.close();
  });

  it('holds tailed lines for delay_for seconds after the push (delay_for=1 is a 1 s floor)', async () => {
    const ws = openTail('{app="delay"}', { delay_for: '1' }, 'team-d');
    await new Promise<void>(resolve => ws.on('open', () => resolve()));
    const got = new Promise<number>(resolve =>
      ws.on('message', () => resolve(Date.now())),
    );
    const pushed = Date.now();
    await push(
      {
        streams: [
          { stream: { app: 'delay' }, values: [[nowNs().toString(), 'x']] },
        ],
      },
      'team-d',
    );
    const delay = (await got) - pushed;
    ws.close();
    expect(delay).toBeGreaterThanOrEqual(1000);
    expect(delay).toBeLessThan(1600);
  });
});
