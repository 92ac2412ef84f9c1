import { mockServices } from '@backstage/backend-test-utils';
import { CacheService } from '@backstage/backend-plugin-api';
import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import {
  LokiClient,
  PlatformConfig,
  UpstreamError,
} from '@paved-road/backstage-plugin-platform-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { UpstreamCache } from '../UpstreamCache';
import { LogsSource } from './logsSource';

// Against the sandbox's Loki simulator, which copies what was measured on Loki 3.4.6: levels and trace ids
// outside the line text, structured metadata, 10 tails per tenant.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createLokiSim, LogStore } = require(path.resolve(
  __dirname,
  '../../../../../sandbox/src/index.ts',
));

const NOW_MS = Math.floor(Date.now() / 5000) * 5000 - 60_000;
const ns = (offsetMs: number) =>
  (BigInt(NOW_MS + offsetMs) * 1_000_000n).toString();
const ID64 = '00000000000000000123456789abcdef';
const ID128 = 'fedcba98765432100123456789abcdef';

describe('LogsSource against the Loki simulator', () => {
  let server: http.Server;
  let sim: any;
  let source: LogsSource;
  const range = { startMs: NOW_MS - 60_000, endMs: NOW_MS + 30_000 };

  beforeAll(async () => {
    sim = createLokiSim({ store: new LogStore() });
    server = http.createServer(sim.handler);
    server.on('upgrade', sim.upgrade);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const push = await fetch(`${url}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        streams: [
          // JSON shape: level label + text; the 64-bit id logged in its 16-digit form
          {
            stream: { app: 'svc', level: 'error' },
            values: [
              [
                ns(1),
                `{"level":"error","msg":"boom","trace_id":"${ID64.slice(16)}"}`,
              ],
            ],
          },
          {
            stream: { app: 'svc', level: 'info' },
            values: [
              [
                ns(2),
                `{"level":"info","msg":"ok","trace_id":"ffff${ID64.slice(
                  16,
                )}"}`,
              ],
            ],
          },
          // OTLP shape: level and trace id only as structured metadata
          {
            stream: { app: 'svc' },
            values: [
              [
                ns(3),
                'GET /x 500',
                { severity_text: 'ERROR', trace_id: ID128 },
              ],
              [ns(4), 'GET /y 200', { severity_text: 'INFO', trace_id: ID64 }],
            ],
          },
          // logfmt text only
          {
            stream: { app: 'svc' },
            values: [[ns(5), 'level=error msg="disk full"']],
          },
        ],
      }),
    });
    if (push.status !== 204)
      throw new Error(`seeding Loki failed: ${push.status}`);
    const config = {
      loki: { url, maxLines: 1000 },
    } as unknown as PlatformConfig;
    const loki = new LokiClient({
      url,
      auth: { type: 'none' },
      timeoutMs: 2000,
      headers: {},
    } as any);
    const store = new Map<string, unknown>();
    const cache = new UpstreamCache({
      cache: {
        get: async (k: string) => store.get(k),
        set: async (k: string, v: unknown) => void store.set(k, v),
        delete: async (k: string) => void store.delete(k),
      } as unknown as CacheService,
      ttlSeconds: 15,
      logger: mockServices.logger.mock(),
    });
    source = new LogsSource({ config, loki, cache });
  });

  afterAll(async () => {
    sim.close();
    await new Promise(resolve => server.close(resolve));
  });

  const read = async (filters: Parameters<LogsSource['readRange']>[2]) =>
    (
      await source.readRange({ selector: '{app="svc"}' }, range, filters)
    ).value.lines.map(l => l.line);

  it('finds every error line, whether the level is a label, structured metadata or logfmt text', async () => {
    expect((await read({ levels: ['error'] })).sort()).toEqual([
      'GET /x 500',
      'level=error msg="disk full"',
      `{"level":"error","msg":"boom","trace_id":"${ID64.slice(16)}"}`,
    ]);
  });

  it('finds a trace id in the text and in structured metadata, with or without leading zeros, never inside a longer id', async () => {
    const expected = [
      'GET /y 200',
      `{"level":"error","msg":"boom","trace_id":"${ID64.slice(16)}"}`,
    ];
    expect((await read({ traceId: ID64 })).sort()).toEqual(expected);
    expect((await read({ traceId: ID64.slice(16) })).sort()).toEqual(expected);
    expect(await read({ traceId: ID128 })).toEqual(['GET /x 500']);
  });

  it('keeps structured metadata apart from the stream labels', async () => {
    const lines = (
      await source.readRange({ selector: '{app="svc"}' }, range, {})
    ).value.lines;
    const otlp = lines.find(l => l.line === 'GET /x 500')!;
    expect(otlp.labels).toEqual({ app: 'svc', service_name: 'svc' });
    expect(otlp.structuredMetadata).toMatchObject({
      trace_id: ID128,
      detected_level: 'error',
    });
    expect(otlp.level).toBe('error');
    expect(otlp.traceId).toBe(ID128);
  });

  it('shares one upstream tail per selector, and tells the viewers of the 11th selector why Loki refused it', async () => {
    const viewers: Array<{
      lines: LogLine[];
      errors: UpstreamError[];
      closed: boolean;
      tail: { close(): void };
    }> = [];
    for (let i = 0; i < 11; i++) {
      for (let k = 0; k < 3; k++) {
        const v = {
          lines: [] as LogLine[],
          errors: [] as UpstreamError[],
          closed: false,
          tail: { close() {} },
        };
        v.tail = source.tail(
          { selector: `{app="svc-${i}"}` },
          {},
          {
            onLines: l => v.lines.push(...l),
            onError: e => v.errors.push(e),
            onClose: () => {
              v.closed = true;
            },
          },
        );
        viewers.push(v);
        // open in order, so the refused one is the last selector
        await new Promise(r => setTimeout(r, k === 2 ? 60 : 0));
      }
    }
    for (let i = 0; i < 50 && !viewers.slice(30).every(v => v.closed); i++)
      await new Promise(r => setTimeout(r, 50));
    expect(source.upstreamTails()).toBe(10);
    for (const v of viewers.slice(30)) {
      expect(v.errors.map(e => e.message)).toEqual([
        'Loki: refused the live tail: tail closed with code 1011: max concurrent tail requests limit exceeded, count > limit (11 > 10)',
      ]);
    }
    expect(
      viewers.slice(0, 30).every(v => !v.closed && v.errors.length === 0),
    ).toBe(true);
    for (const v of viewers) v.tail.close();
    expect(source.upstreamTails()).toBe(0);
  });
});
