import { formatAlertmanagerMatcher } from '../../query/alertmanagerMatchers';
import { replay, startFakeUpstream } from '../../testing/fakeUpstream';
import alerts from '@paved-road/fixtures/alertmanager/alerts.json';
import silenced from '@paved-road/fixtures/alertmanager/alerts-silenced.json';
import silences from '@paved-road/fixtures/alertmanager/silences.json';
import { AlertmanagerClient } from './AlertmanagerClient';

describe('AlertmanagerClient', () => {
  it('reads active alerts and sends state flags and filters', async () => {
    const server = await startFakeUpstream(() => replay(alerts as any));
    const client = new AlertmanagerClient({
      url: server.url,
      auth: { type: 'none' },
      timeoutMs: 1000,
      headers: {},
    });
    const result = await client.alerts({
      active: true,
      silenced: true,
      inhibited: false,
      filter: [formatAlertmanagerMatcher('component', '=', 'msa-nginx')],
    });
    expect(result[0].status.state).toBe('active');
    const q = server.requests[0].query;
    expect(q.get('inhibited')).toBe('false');
    expect(q.getAll('filter')).toEqual(['component="msa-nginx"']);
    await server.close();
  });

  it('reads suppressed alerts with silencedBy, and silences', async () => {
    const server = await startFakeUpstream(req =>
      replay((req.path === '/api/v2/silences' ? silences : silenced) as any),
    );
    const client = new AlertmanagerClient({
      url: server.url,
      auth: { type: 'none' },
      timeoutMs: 1000,
      headers: {},
    });
    const [alert] = await client.alerts();
    expect(alert.status).toEqual({
      state: 'suppressed',
      silencedBy: ['5ce81945-6337-462a-9098-93dff4bfe530'],
      inhibitedBy: [],
    });
    const [silence] = await client.silences();
    expect(silence.matchers[0]).toEqual({
      name: 'component',
      value: 'msa-nginx',
      isRegex: false,
      isEqual: true,
    });
    await server.close();
  });

  it('quotes the bare JSON string error of a bad filter', async () => {
    const server = await startFakeUpstream(() => ({
      status: 400,
      body: JSON.stringify(
        'matcher value contains unescaped double quote: a"b',
      ),
    }));
    const client = new AlertmanagerClient({
      url: server.url,
      auth: { type: 'none' },
      timeoutMs: 1000,
      headers: {},
    });
    await expect(client.alerts({ filter: ['x=a"b'] })).rejects.toMatchObject({
      status: 400,
      message:
        'Alertmanager: GET /api/v2/alerts answered 400: matcher value contains unescaped double quote: a"b',
    });
    await server.close();
  });
});
