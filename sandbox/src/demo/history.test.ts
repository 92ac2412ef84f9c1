import { LogStore } from '../loki/store.ts';
import { TraceStore } from '../tempo/store.ts';
import { writeHistory } from './history.ts';

describe('demo history', () => {
  it('writes about an hour of both log shapes and traces that windowed searches can see', () => {
    const logs = new LogStore();
    const traces = new TraceStore();
    const until = Date.now();
    const n = writeHistory({
      logs,
      traces,
      untilMs: until,
      minutes: 60,
      rate: 0.2,
    });
    expect(n).toBe(720);
    expect(traces.all()).toHaveLength(720);
    const oldest = traces
      .all()
      .reduce(
        (min, t) => (t.searchStart < min ? t.searchStart : min),
        BigInt(until) * 1_000_000n,
      );
    // indexed at span time, not at the moment of writing (an hour late would make them invisible)
    expect(Number(BigInt(until) * 1_000_000n - oldest) / 60e9).toBeGreaterThan(
      58,
    );
    const streams = logs.streams('fake');
    const nginx = streams.filter(s => s.labels.app === 'msa-nginx');
    const login = streams.filter(s => s.labels.app === 'login-js');
    // JSON shape: level label and JSON text
    expect(nginx.every(s => s.labels.level !== undefined)).toBe(true);
    expect(JSON.parse(nginx[0].entries[0].line)).toHaveProperty('trace_id');
    // OTLP shape: no level label, level and trace id only as structured metadata
    expect(login.every(s => s.labels.level === undefined)).toBe(true);
    const e = login[0].entries[0];
    expect(e.line).not.toMatch(/level|trace_id|[0-9a-f]{32}/);
    expect(e.meta).toMatchObject({
      trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      detected_level: expect.stringMatching(/^(info|error)$/),
    });
  });
});
