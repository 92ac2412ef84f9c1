import { CREDENTIALS } from '../credentials.ts';
import { createElasticsearchSim } from '../elasticsearch/server.ts';
import { mount } from '../testing/helpers.ts';
import { ecsIndex } from './ecs.ts';
import { TelemetryShipper, type LogLine } from './telemetry.ts';

const C = CREDENTIALS.elasticsearch;

describe("login-js's logs in Elasticsearch", () => {
  it('ships login-js lines (only) with _bulk into daily ECS indices', async () => {
    const sim = createElasticsearchSim();
    const m = await mount(sim.handler);
    const shipper = new TelemetryShipper({
      elasticsearch: {
        url: m.url,
        authorization: `ApiKey ${Buffer.from(
          `${C.apiKeyId}:${C.apiKey}`,
        ).toString('base64')}`,
      },
      flushMs: 60_000,
    });
    const ts = Date.parse('2026-12-05T23:59:59.500Z');
    const line = (service: string, offsetMs: number): LogLine => ({
      service,
      namespace: 'msa',
      level: 'error',
      tsNs: BigInt(ts + offsetMs) * 1_000_000n,
      fields: {
        msg: 'POST /login 500 database connection refused',
        trace_id: '0123456789abcdef',
        span_id: 'aaaaaaaaaaaaaaaa',
        method: 'POST',
        path: '/login',
        status: 500,
        duration_ms: 81.5,
      },
    });
    shipper.log(line('login-js', 0));
    shipper.log(line('login-js', 1000));
    shipper.log(line('msa-nginx', 0));
    await shipper.stop();
    await m.close();
    expect(sim.store.all().map(i => i.name)).toEqual([
      'logs-msa-2026.12.05',
      'logs-msa-2026.12.06',
    ]);
    expect(ecsIndex('msa', ts)).toBe('logs-msa-2026.12.05');
    const doc = sim.store.get('logs-msa-2026.12.05')!.docs[0].source;
    expect(doc).toEqual({
      '@timestamp': '2026-12-05T23:59:59.500Z',
      message: 'POST /login 500 database connection refused',
      log: { level: 'error' },
      service: { name: 'login-js' },
      kubernetes: { namespace: 'msa', pod: { name: expect.any(String) } },
      trace: { id: '00000000000000000123456789abcdef' },
      span: { id: 'aaaaaaaaaaaaaaaa' },
      http: { request: { method: 'POST' }, response: { status_code: 500 } },
      url: { path: '/login' },
      event: { duration: 81_500_000, dataset: 'login-js.log' },
    });
  });
});
