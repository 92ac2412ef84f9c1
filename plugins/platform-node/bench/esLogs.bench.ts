/* eslint-disable no-console */
// yarn bench:es-logs: the Elasticsearch logs groundwork (query builder + client) against the sandbox's
// Elasticsearch simulator filled with the demo's hour of login-js history (ECS fields, daily indices), the same
// history the running sandbox starts with. Measures, over that data:
// - es_level_filter_recall / _precision: lines a level filter returns over the lines of that level in the store
//   (each of info, warn, error, and warn+error), counted from the store's documents, not from the query;
// - es_traceid_filter_recall: for 50 trace ids (a fifth of them 64-bit, asked in their 16-digit form), lines
//   returned over lines holding that id;
// - es_paged_lines: lines reached by paging newest-first with search_after (pages of 50) over all lines of the
//   range, and how many were repeated;
// - es_hostile_literal: hostile texts (quotes, *, OR, _exists_, JSON and script fragments) planted in one line
//   each, for which the text search returns exactly that line;
// - es_search_ms_p50 / _p95: wall time of one search through the client (in-process simulator, so this is the
//   client + simulator cost, not a real cluster's).
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { ElasticsearchClient } from '../src/clients/elasticsearch/ElasticsearchClient';
import { ECS_LOG_FIELDS } from '../src/query/elasticsearch/fields';
import {
  buildEsLogSearch,
  EsLogSearchInput,
} from '../src/query/elasticsearch/logSearch';

const ROOT = path.resolve(__dirname, '../../..');
/* eslint-disable @typescript-eslint/no-require-imports */
const sandbox = require(path.join(ROOT, 'sandbox/src/index.ts'));
const { writeHistory } = require(path.join(
  ROOT,
  'sandbox/src/demo/history.ts',
));
/* eslint-enable @typescript-eslint/no-require-imports */

const HOSTILE = [
  'said "hello" twice',
  'glob * star',
  'a OR b',
  '_exists_:trace.id',
  '{"script":{"source":"ctx._source"}}',
  '"} }, {"query_string":{"query":"*"}}',
  "' OR 1=1 --",
  'NOT log.level:info AND message:*',
];

interface Doc {
  id: string;
  source: any;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

async function main() {
  const untilMs = Date.now();
  const sim = sandbox.createElasticsearchSim();
  const count = writeHistory({
    logs: new sandbox.LogStore(),
    traces: new sandbox.TraceStore(),
    elasticsearch: sim.store,
    untilMs,
    minutes: 60,
  });
  const server = http.createServer(sim.handler);
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new ElasticsearchClient({
    url,
    auth: {
      type: 'apiKey',
      apiKey: Buffer.from('sandbox-es-key:sandbox-es-api-key').toString(
        'base64',
      ),
    },
    timeoutMs: 10_000,
    headers: {},
  });
  const range = { startMs: untilMs - 61 * 60_000, endMs: untilMs + 60_000 };
  const timings: number[] = [];
  const search = async (over: Partial<EsLogSearchInput>) => {
    const body = buildEsLogSearch({
      fields: { ...ECS_LOG_FIELDS },
      service: 'login-js',
      namespace: 'msa',
      range,
      size: 10_000,
      ...over,
    });
    if (!body.ok) throw new Error(body.message);
    const t0 = performance.now();
    const r = await client.search('logs-msa-*', { ...body.value });
    timings.push(performance.now() - t0);
    return r;
  };

  const docs: Doc[] = sim.store
    .all()
    .filter((i: any) => i.name.startsWith('logs-msa-'))
    .flatMap((i: any) =>
      i.docs.map((d: any) => ({ id: d.id, source: d.source })),
    );
  const inScope = docs.filter(
    d =>
      d.source.service.name === 'login-js' &&
      d.source.kubernetes.namespace === 'msa',
  );

  // levels
  let found = 0;
  let expected = 0;
  let returned = 0;
  for (const levels of [
    ['info'],
    ['warn'],
    ['error'],
    ['warn', 'error'],
  ] as const) {
    const truth = new Set(
      inScope
        .filter(d => (levels as readonly string[]).includes(d.source.log.level))
        .map(d => d.id),
    );
    const hits = (await search({ levels: [...levels] })).hits;
    expected += truth.size;
    returned += hits.length;
    found += hits.filter(h => truth.has(h._id)).length;
  }

  // trace ids
  const withTrace = inScope.filter(d => d.source.trace?.id);
  const ids = [...new Set(withTrace.map(d => d.source.trace.id as string))];
  const short = ids.filter(id => id.startsWith('0'.repeat(16))).slice(0, 10);
  const long = ids
    .filter(id => !id.startsWith('0'.repeat(16)))
    .slice(0, 50 - short.length);
  let traceFound = 0;
  let traceExpected = 0;
  for (const id of [...short, ...long]) {
    const truth = new Set(
      withTrace.filter(d => d.source.trace.id === id).map(d => d.id),
    );
    const asked = id.startsWith('0'.repeat(16)) ? id.slice(16) : id;
    const hits = (await search({ traceId: asked })).hits;
    traceExpected += truth.size;
    traceFound += hits.filter(h => truth.has(h._id)).length;
  }

  // paging
  const seen: string[] = [];
  let after: unknown;
  for (let page = 0; page < 1000; page++) {
    const hits = (
      await search({ size: 50, ...(after ? { searchAfter: after } : {}) })
    ).hits;
    if (hits.length === 0) break;
    seen.push(...hits.map(h => h._id));
    after = hits[hits.length - 1].sort;
  }
  const unique = new Set(seen);

  // hostile texts, planted one line each
  HOSTILE.forEach((message, i) =>
    sim.store.add(
      `logs-msa-${new Date(untilMs)
        .toISOString()
        .slice(0, 10)
        .replace(/-/g, '.')}`,
      {
        '@timestamp': new Date(untilMs - 1000 - i).toISOString(),
        message,
        log: { level: 'info' },
        service: { name: 'login-js' },
        kubernetes: { namespace: 'msa' },
      },
    ),
  );
  let literal = 0;
  for (const text of HOSTILE) {
    const hits = (await search({ text })).hits;
    if (hits.length === 1 && hits[0]._source?.message === text) literal++;
  }

  server.close();
  console.log(
    `history_requests=${count} es_lines=${inScope.length} indices=${
      sim.store.all().length
    }`,
  );
  console.log(
    `es_level_filter_recall=${(found / expected).toFixed(
      2,
    )} es_level_filter_precision=${(found / returned).toFixed(
      2,
    )} es_traceid_filter_recall=${(traceFound / traceExpected).toFixed(
      2,
    )} es_paged_lines=${unique.size}/${inScope.length} es_paged_repeats=${
      seen.length - unique.size
    } es_hostile_literal=${literal}/${
      HOSTILE.length
    } es_search_ms_p50=${percentile(timings, 50).toFixed(
      1,
    )} es_search_ms_p95=${percentile(timings, 95).toFixed(1)}`,
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
