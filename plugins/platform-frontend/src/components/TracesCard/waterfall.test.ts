import { TraceSpan } from '@paved-road/backstage-plugin-platform-common';
import { trace } from '../../__testUtils__/fixtures';
import { buildWaterfall, serviceColor } from './waterfall';

describe('buildWaterfall', () => {
  it('orders spans under their parents, siblings by start, orphans as roots', () => {
    const layout = buildWaterfall(trace.spans);
    expect(layout.rows.map(r => [r.span.spanId, r.depth])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 0],
    ]);
    expect(layout.rows[1].offsetMs).toBe(10);
    expect(layout.totalMs).toBe(120);
    expect(layout.services).toEqual(['msa-nginx', 'login-js']);
    expect(layout.errorCount).toBe(1);
  });

  it('keeps nanosecond offsets exact beyond 2^53', () => {
    const s = (id: string, startTimeNs: string): TraceSpan => ({
      spanId: id,
      serviceName: 's',
      name: id,
      kind: 'internal',
      startTimeNs,
      durationNs: 1,
      status: 'unset',
      attributes: {},
      events: [],
    });
    const layout = buildWaterfall([
      s('x', '1767268800000000001'),
      s('y', '1767268800000000002'),
    ]);
    expect(layout.rows[1].offsetMs).toBe(1e-6);
  });

  it('survives parent cycles and deep chains', () => {
    const cycle = buildWaterfall([
      { ...trace.spans[1], spanId: 'p', parentSpanId: 'q' },
      { ...trace.spans[1], spanId: 'q', parentSpanId: 'p' },
    ]);
    expect(cycle.rows).toHaveLength(2);

    const chain = Array.from({ length: 5000 }, (_, i) => ({
      ...trace.spans[1],
      spanId: `s${i}`,
      parentSpanId: i ? `s${i - 1}` : undefined,
    }));
    const deep = buildWaterfall(chain);
    expect(deep.rows).toHaveLength(5000);
    expect(deep.rows[4999].depth).toBe(4999);
  });

  it('handles an empty trace', () => {
    expect(buildWaterfall([]).rows).toEqual([]);
  });
});

describe('serviceColor', () => {
  it('never hands a service the red that marks errors', () => {
    for (let i = 0; i < 200; i++) {
      const hue = Number(/^hsl\((\d+),/.exec(serviceColor(i))![1]);
      expect(hue >= 25 && hue <= 335).toBe(true);
    }
  });
});
