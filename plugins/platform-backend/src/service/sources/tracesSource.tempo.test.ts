import { mockServices } from '@backstage/backend-test-utils';
import { CacheService } from '@backstage/backend-plugin-api';
import {
  PlatformConfig,
  TempoClient,
} from '@paved-road/backstage-plugin-platform-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { UpstreamCache } from '../UpstreamCache';
import { TracesSource } from './tracesSource';

// Against the sandbox's Tempo simulator, which answers first-found like Tempo 2.7.2 (measured).
const SANDBOX = path.resolve(__dirname, '../../../../../sandbox/src');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createTempoHandler, TraceStore } = require(`${SANDBOX}/index.ts`);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseOtlp } = require(`${SANDBOX}/tempo/store.ts`);

const END_MS = Math.floor(Date.now() / 5000) * 5000 - 10_000;
const COUNT = 720;

describe('TracesSource against the Tempo simulator', () => {
  let server: http.Server;
  let source: TracesSource;
  const starts: Array<{ id: string; startMs: number }> = [];

  beforeAll(async () => {
    const store = new TraceStore();
    for (let i = 0; i < COUNT; i++) {
      // one trace every 5 s over the hour, each ingested when it happened
      const startMs = END_MS - 3_600_000 + i * 5000 + 1234;
      const id = (((i + 1) * 7919) % 65_536)
        .toString(16)
        .padStart(4, '0')
        .repeat(8);
      const start = BigInt(startMs) * 1_000_000n;
      starts.push({ id, startMs });
      store.ingest(
        parseOtlp({
          resourceSpans: [
            {
              resource: {
                attributes: [
                  { key: 'service.name', value: { stringValue: 'svc' } },
                ],
              },
              scopeSpans: [
                {
                  spans: [
                    {
                      traceId: id,
                      spanId: id.slice(0, 16),
                      name: 'GET /',
                      kind: 2,
                      startTimeUnixNano: start.toString(),
                      endTimeUnixNano: (start + 4_000_000n).toString(),
                    },
                  ],
                },
              ],
            },
          ],
        }),
        start + 1_000_000_000n,
      );
    }
    server = http.createServer(createTempoHandler({ store }));
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = {
      tempo: { url, maxTraces: 100 },
    } as unknown as PlatformConfig;
    const tempo = new TempoClient({
      url,
      auth: { type: 'none' },
      timeoutMs: 2000,
      headers: {},
    } as any);
    const map = new Map<string, unknown>();
    const cache = new UpstreamCache({
      cache: {
        get: async (k: string) => map.get(k),
        set: async (k: string, v: unknown) => void map.set(k, v),
        delete: async (k: string) => void map.delete(k),
      } as unknown as CacheService,
      ttlSeconds: 15,
      logger: mockServices.logger.mock(),
    });
    source = new TracesSource({ config, tempo, cache });
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  const newest = (n: number) =>
    [...starts]
      .sort((a, b) => b.startMs - a.startMs)
      .slice(0, n)
      .map(t => t.id.replace(/^0+/, '').padStart(32, '0'));

  it('shows the newest 20 of the hour, newest first, and "Show more" the newest 40', async () => {
    const range = { startMs: END_MS - 3_600_000, endMs: END_MS };
    const page = await source.search({ serviceName: 'svc' }, range, {
      limit: 20,
    });
    expect(page.value.traces.map(t => t.traceId)).toEqual(newest(20));
    expect(page.value.incomplete).toBeUndefined();
    const more = await source.search({ serviceName: 'svc' }, range, {
      limit: 40,
    });
    expect(more.value.traces.map(t => t.traceId)).toEqual(newest(40));
  });
});
