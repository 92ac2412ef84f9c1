import { parseExposition } from '../peers/backfill.ts';
import {
  ServiceGraphProcessor,
  SPAN_KIND_CLIENT,
  SPAN_KIND_SERVER,
} from './serviceGraph.ts';

const ms = (n: number) => BigInt(n) * 1_000_000n;

function samples(p: ServiceGraphProcessor) {
  return parseExposition(p.registry.expose());
}

describe('ServiceGraphProcessor (Tempo service-graphs)', () => {
  it('pairs a CLIENT span with the SERVER span it parents into one client -> server edge', () => {
    const p = new ServiceGraphProcessor();
    p.push({
      service: 'msa-nginx',
      traceId: 't1',
      spanId: 'c1',
      parentSpanId: 's0',
      kind: SPAN_KIND_CLIENT,
      startNs: ms(0),
      endNs: ms(300),
    });
    p.push({
      service: 'login-js',
      traceId: 't1',
      spanId: 's1',
      parentSpanId: 'c1',
      kind: SPAN_KIND_SERVER,
      startNs: ms(10),
      endNs: ms(250),
      error: 'boom',
    });
    const s = samples(p);
    const total = s.find(x => x.name === 'traces_service_graph_request_total');
    expect(total?.labels).toEqual({
      client: 'msa-nginx',
      server: 'login-js',
      connection_type: '',
    });
    expect(total?.value).toBe(1);
    expect(
      s.find(x => x.name === 'traces_service_graph_request_failed_total')
        ?.value,
    ).toBe(1);
    // 0.25 s on the server side falls in le=0.4, not 0.2; the client saw 0.3 s.
    const bucket = (name: string, le: string) =>
      s.find(x => x.name === name && x.labels.le === le)?.value;
    expect(
      bucket('traces_service_graph_request_server_seconds_bucket', '0.2'),
    ).toBe(0);
    expect(
      bucket('traces_service_graph_request_server_seconds_bucket', '0.4'),
    ).toBe(1);
    expect(
      s.find(x => x.name === 'traces_service_graph_request_client_seconds_sum')
        ?.value,
    ).toBeCloseTo(0.3, 6);
  });

  it('a root SERVER span is an edge from the virtual node "user"; an unpaired non-root half is dropped on expiry', () => {
    const p = new ServiceGraphProcessor({ waitMs: 1000 });
    p.push(
      {
        service: 'login-js',
        traceId: 't2',
        spanId: 's2',
        kind: SPAN_KIND_SERVER,
        startNs: ms(0),
        endNs: ms(20),
        error: 'x',
      },
      0,
    );
    p.push(
      {
        service: 'login-js',
        traceId: 't3',
        spanId: 's3',
        parentSpanId: 'lost',
        kind: SPAN_KIND_SERVER,
        startNs: ms(0),
        endNs: ms(20),
      },
      0,
    );
    const virtual = {
      client: 'user',
      server: 'login-js',
      connection_type: 'virtual_node',
    };
    expect(
      samples(p)
        .filter(x => x.name.endsWith('_total'))
        .map(x => [x.name, x.labels, x.value]),
    ).toEqual([
      ['traces_service_graph_request_total', virtual, 1],
      ['traces_service_graph_request_failed_total', virtual, 1],
    ]);
    expect(p.pending).toBe(1);
    p.expire(500);
    expect(p.pending).toBe(1);
    p.expire(1000);
    expect(p.pending).toBe(0);
    expect(
      samples(p).find(x => x.name === 'traces_service_graph_request_total')
        ?.value,
    ).toBe(1);
  });

  it('ignores internal spans', () => {
    const p = new ServiceGraphProcessor();
    p.push({
      service: 'x',
      traceId: 't',
      spanId: 's',
      kind: 1,
      startNs: 0n,
      endNs: 1n,
    });
    p.expire(Number.MAX_SAFE_INTEGER);
    expect(samples(p)).toEqual([]);
  });
});
