import { startFakeUpstream, replay } from '../../testing/fakeUpstream';
import alerts from '@paved-road/fixtures/prometheus/alerts.json';
import matrix from '@paved-road/fixtures/prometheus/query-range-matrix.json';
import vector from '@paved-road/fixtures/prometheus/query-vector.json';
import rules from '@paved-road/fixtures/prometheus/rules-alert.json';
import { PrometheusClient } from './PrometheusClient';

const routes: Record<string, any> = {
  '/api/v1/alerts': alerts,
  '/api/v1/query_range': matrix,
  '/api/v1/query': vector,
  '/api/v1/rules': rules,
};

async function setup(override?: Parameters<typeof startFakeUpstream>[0]) {
  const server = await startFakeUpstream(
    override ?? (req => replay(routes[req.path])),
  );
  const client = new PrometheusClient({
    url: server.url,
    auth: { type: 'none' },
    timeoutMs: 1000,
    headers: {},
  });
  return { server, client };
}

describe('PrometheusClient', () => {
  it('reads a vector and a matrix (unix seconds numbers, string values)', async () => {
    const { server, client } = await setup();
    const v = await client.query('up');
    expect(v.resultType).toBe('vector');
    const m = await client.queryRange('up', {
      start: 1795251943,
      end: 1795252843,
      step: 15,
    });
    if (m.resultType !== 'matrix') throw new Error('expected matrix');
    expect(m.result[0].values[0]).toEqual([expect.any(Number), '1']);
    expect(server.requests[1].query.get('step')).toBe('15');
    await server.close();
  });

  it('reads alerts and alerting rules (2.42 shape, with keepFiringFor)', async () => {
    const { server, client } = await setup();
    expect((await client.alerts())[0]).toMatchObject({
      state: 'firing',
      labels: { alertname: 'MsaNginxAlwaysFiring' },
    });
    const [rule] = await client.alertingRules();
    expect(rule).toMatchObject({
      name: 'MsaNginxAlwaysFiring',
      group: 'peers-test',
      state: 'firing',
      health: 'ok',
    });
    expect(server.requests[1].query.get('type')).toBe('alert');
    await server.close();
  });

  it('quotes the envelope error of a bad query', async () => {
    const { server, client } = await setup(() => ({
      status: 400,
      body: {
        status: 'error',
        errorType: 'bad_data',
        error: '1:5: parse error: unexpected "}"',
      },
    }));
    await expect(client.query('up{')).rejects.toMatchObject({
      kind: 'upstream',
      status: 400,
      message: expect.stringContaining('parse error'),
    });
    await server.close();
  });

  it('treats a success envelope with the wrong data as bad-response', async () => {
    const { server, client } = await setup(() => ({
      body: { status: 'success', data: { resultType: 'matrix', result: 'x' } },
    }));
    await expect(
      client.queryRange('up', { start: 1, end: 2, step: 1 }),
    ).rejects.toMatchObject({ kind: 'bad-response' });
    await server.close();
  });
});
