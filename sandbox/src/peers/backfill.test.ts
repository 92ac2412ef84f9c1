import {
  backfillOpenMetrics,
  isErrorSeries,
  parseExposition,
} from './backfill.ts';

const BURSTS = { lengthS: 40, everyS: 300 };

const EXPOSITION = `# HELP istio_requests_total Total requests.
# TYPE istio_requests_total counter
istio_requests_total{reporter="destination",destination_workload="msa-nginx",response_code="200"} 90
istio_requests_total{reporter="destination",destination_workload="msa-nginx",response_code="500"} 10
# TYPE istio_request_duration_milliseconds histogram
istio_request_duration_milliseconds_bucket{destination_workload="msa-nginx",le="5"} 40
istio_request_duration_milliseconds_bucket{destination_workload="msa-nginx",le="+Inf"} 100
istio_request_duration_milliseconds_sum{destination_workload="msa-nginx",namespace="x \\"q\\""} 1234.5
`;

function seriesOf(text: string) {
  const series = new Map<string, Array<[number, number]>>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^(.+\})\s(\S+)\s(\S+)$/.exec(line)!;
    const list = series.get(m[1]) ?? [];
    list.push([Number(m[3]), Number(m[2])]);
    series.set(m[1], list);
  }
  return series;
}

describe('backfill', () => {
  it('parses an exposition, quoted values included', () => {
    const samples = parseExposition(EXPOSITION);
    expect(samples).toHaveLength(5);
    expect(samples[4].labels.namespace).toBe('x "q"');
    expect(samples[3].labels.le).toBe('+Inf');
  });

  it('writes an hour of increasing counters that keep the snapshot proportions, ending before `end`', () => {
    const end = 1_800_000_000;
    const text = backfillOpenMetrics({
      targets: [
        {
          targetLabels: {
            job: 'msa-demo',
            instance: '127.0.0.1:1',
            namespace: 'msa',
            service: 'msa-nginx',
          },
          exposition: EXPOSITION,
          ratePerSecond: 5,
        },
      ],
      endS: end,
      durationS: 3600,
      stepS: 15,
      requestsMetric: 'istio_requests_total',
      errorBursts: BURSTS,
    });
    expect(text.endsWith('# EOF\n')).toBe(true);
    const series = seriesOf(text);
    expect(series.size).toBe(5);
    for (const points of series.values()) {
      expect(points).toHaveLength(240);
      expect(points[0][0]).toBe(end - 3600);
      expect(points[points.length - 1][0]).toBeLessThan(end);
      for (let i = 1; i < points.length; i++)
        expect(points[i][1]).toBeGreaterThanOrEqual(points[i - 1][1]);
    }
    const ok = [...series.entries()].find(([k]) =>
      k.includes('response_code="200"'),
    )![1];
    const failed = [...series.entries()].find(([k]) =>
      k.includes('response_code="500"'),
    )![1];
    const last = ok.length - 1;
    // Errors accrue only in the bursts (40 s of every 300 s), at the snapshot's share of requests there.
    const burstSeconds = 11 * 40 + Math.min((3600 - 15) % 300, 40);
    expect(failed[last][1]).toBeCloseTo(10 * ((5 * burstSeconds) / 100), 3);
    const quiet = failed.findIndex(([t]) => t === end - 3600 + 60);
    expect(failed[quiet + 4][1]).toBe(failed[quiet][1]);
    expect(isErrorSeries({ response_code: '503' })).toBe(true);
    expect(
      isErrorSeries({ response_code: '200', status_code: 'STATUS_CODE_UNSET' }),
    ).toBe(false);
    // About 5 requests a second over the hour (the wave averages out over whole periods).
    expect((ok[last][1] + failed[last][1]) / (3600 - 15)).toBeGreaterThan(4);
    expect((ok[last][1] + failed[last][1]) / (3600 - 15)).toBeLessThan(6);
    // The scrape's labels win; a clashing exposed label is kept as exported_<name>.
    expect(
      [...series.keys()].some(
        k =>
          k.includes('exported_namespace="x \\"q\\""') &&
          k.includes('namespace="msa"'),
      ),
    ).toBe(true);
  });

  it('leaves out a target that has served nothing yet', () => {
    const text = backfillOpenMetrics({
      targets: [
        {
          targetLabels: { job: 'j' },
          exposition: 'istio_requests_total{a="b"} 0\n',
          ratePerSecond: 5,
        },
      ],
      endS: 100,
      durationS: 60,
      stepS: 15,
      requestsMetric: 'istio_requests_total',
      errorBursts: BURSTS,
    });
    expect(text).toBe('# EOF\n');
  });
});
