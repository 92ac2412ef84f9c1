import { replay, startFakeUpstream } from '../../testing/fakeUpstream';
import { startFakeWebSocketServer } from '../../testing/fakeWebSocket';
import labelValues from '@paved-road/fixtures/loki/label-app-values.json';
import labels from '@paved-road/fixtures/loki/labels.json';
import matrix from '@paved-road/fixtures/loki/query-range-matrix.json';
import streams from '@paved-road/fixtures/loki/query-range-streams.json';
import { LokiClient } from './LokiClient';
import { LokiTailFrame } from './schemas';

function client(url: string, timeoutMs = 1000) {
  return new LokiClient({
    url,
    auth: { type: 'bearer', token: 'loki-secret' },
    timeoutMs,
    headers: { 'X-Scope-OrgID': 'team-a' },
  });
}

describe('LokiClient', () => {
  it('reads streams with the tenant header and nanosecond times', async () => {
    const server = await startFakeUpstream(() => replay(streams as any));
    const data = await client(server.url).queryRange('{app="msa-nginx"}', {
      start: '1795251943000000000',
      end: '1795252903000000000',
      limit: 100,
      direction: 'backward',
    });
    if (data.resultType !== 'streams') throw new Error('expected streams');
    expect(data.result.length).toBeGreaterThan(1);
    expect(data.result[0].stream).toMatchObject({
      app: 'msa-nginx',
      trace_id: expect.any(String),
    });
    const req = server.requests[0];
    expect(req.headers['x-scope-orgid']).toBe('team-a');
    // Loki 3 then keeps structured metadata apart; this recording is of a request without it (metadata folded
    // into the labels), which is also how a Loki without the flag answers.
    expect(req.headers['x-loki-response-encoding-flags']).toBe(
      'categorize-labels',
    );
    expect(req.query.get('start')).toBe('1795251943000000000');
    expect(req.query.get('direction')).toBe('backward');
    await server.close();
  });

  it('sends the tenant a read names instead of the configured default, on queries and tails', async () => {
    const server = await startFakeUpstream(() => replay(streams as any));
    await client(server.url).queryRange(
      '{app="x"}',
      { start: '0', end: '1' },
      { tenant: 'team-b' },
    );
    await client(server.url).queryRange(
      '{app="x"}',
      { start: '0', end: '1' },
      {},
    );
    expect(server.requests.map(r => r.headers['x-scope-orgid'])).toEqual([
      'team-b',
      'team-a',
    ]);
    await server.close();
    let seen: unknown;
    const ws = await startFakeWebSocketServer(socket => {
      seen = socket.headers['x-scope-orgid'];
      socket.sendText(JSON.stringify({ streams: [], dropped_entries: null }));
    });
    await new Promise<void>((resolve, reject) => {
      const tail = client(ws.url).tail(
        '{app="x"}',
        {},
        { onFrame: () => tail.close(), onError: reject, onClose: resolve },
        { tenant: 'team-b' },
      );
    });
    expect(seen).toBe('team-b');
    await ws.close();
  });

  it('reads a matrix, labels and label values (and an unknown label without data)', async () => {
    const answers = [matrix, labels, labelValues];
    let i = 0;
    const server = await startFakeUpstream(req =>
      req.path.endsWith('/label/nope/values')
        ? { body: { status: 'success' } }
        : replay(answers[i++] as any),
    );
    const loki = client(server.url);
    const m = await loki.queryRange(
      'sum by (level) (count_over_time({app="msa-nginx"}[5m]))',
      {
        start: '1',
        end: '2',
        step: 60,
      },
    );
    expect(m.resultType).toBe('matrix');
    expect(await loki.labels()).toEqual([
      'app',
      'level',
      'namespace',
      'service_name',
    ]);
    expect(await loki.labelValues('app')).toContain('msa-nginx');
    expect(await loki.labelValues('nope')).toEqual([]);
    await server.close();
  });

  it('accepts the categorize-labels third element', async () => {
    const server = await startFakeUpstream(() => ({
      body: {
        status: 'success',
        data: {
          resultType: 'streams',
          result: [
            {
              stream: { app: 'x' },
              values: [
                ['1', 'line', { structuredMetadata: { trace_id: 'ab' } }],
              ],
            },
          ],
        },
      },
    }));
    const data = await client(server.url).queryRange('{app="x"}', {
      start: '0',
      end: '1',
    });
    expect(data.result).toHaveLength(1);
    await server.close();
  });

  it('quotes the plain-text error, trimmed', async () => {
    const server = await startFakeUpstream(() => ({
      status: 400,
      contentType: 'text/plain; charset=utf-8',
      body: 'parse error at line 1, col 8: syntax error: unexpected IDENTIFIER\n',
    }));
    await expect(
      client(server.url).queryRange('{app=x}', { start: '0', end: '1' }),
    ).rejects.toMatchObject({
      kind: 'upstream',
      status: 400,
      message:
        'Loki: GET /loki/api/v1/query_range answered 400: parse error at line 1, col 8: syntax error: unexpected IDENTIFIER',
    });
    await server.close();
  });

  it('tails over WebSocket with headers, validates frames, and closes upstream on close()', async () => {
    let upstreamClosed: Promise<void> | undefined;
    let seenHeaders: Record<string, unknown> = {};
    const ws = await startFakeWebSocketServer(socket => {
      seenHeaders = socket.headers;
      expect(socket.url.searchParams.get('query')).toBe('{app="x"}');
      expect(socket.url.searchParams.get('delay_for')).toBe('2');
      upstreamClosed = socket.closed;
      socket.sendText(
        JSON.stringify({
          streams: [{ stream: { app: 'x' }, values: [['1', 'hello']] }],
          dropped_entries: null,
        }),
      );
    });
    const frames: LokiTailFrame[] = [];
    await new Promise<void>((resolve, reject) => {
      const tail = client(ws.url).tail(
        '{app="x"}',
        { delayFor: 2 },
        {
          onFrame: f => {
            frames.push(f);
            tail.close();
          },
          onError: reject,
          onClose: resolve,
        },
      );
    });
    expect(frames[0].streams?.[0].values[0][1]).toBe('hello');
    expect(seenHeaders['x-scope-orgid']).toBe('team-a');
    expect(seenHeaders.authorization).toBe('Bearer loki-secret');
    await upstreamClosed;
    await ws.close();
  });

  it('reports a bad frame and a refused connection as errors', async () => {
    const ws = await startFakeWebSocketServer(socket =>
      socket.sendText('<html>'),
    );
    const bad = await new Promise<any>(resolve => {
      client(ws.url).tail(
        '{a="b"}',
        {},
        {
          onFrame: () => undefined,
          onError: resolve,
          onClose: () => undefined,
        },
      );
    });
    expect(bad.kind).toBe('bad-response');
    await ws.close();

    const refused = await new Promise<any>(resolve => {
      client('http://127.0.0.1:1').tail(
        '{a="b"}',
        {},
        {
          onFrame: () => undefined,
          onError: resolve,
          onClose: () => undefined,
        },
      );
    });
    expect(refused.kind).toBe('unreachable');
    expect(refused.message).not.toContain('loki-secret');
  });
});
