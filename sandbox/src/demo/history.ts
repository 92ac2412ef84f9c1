/**
 * About an hour of back-dated demo history, so the Logs and Traces cards are not empty right after the sandbox
 * starts. The same shapes as the live traffic (see shapes.ts). Written into the simulators' stores as if the
 * sandbox had been running: Loki takes week-old pushes, but a span reaching Tempo more than ~2 minutes after it
 * started is indexed at its arrival (measured on 2.7.2), so history pushed now would be invisible to windowed
 * searches; each trace is therefore stored with the ingestion time it would have had.
 */
import { randomBytes } from 'node:crypto';
import type { EsStore } from '../elasticsearch/store.ts';
import type { LogStore } from '../loki/store.ts';
import { ecsDocument, shipsToElasticsearch } from './ecs.ts';
import { parseOtlp, type TraceStore } from '../tempo/store.ts';
import {
  loggedTraceId,
  newTraceId,
  otlpTraceBody,
  toPushEntry,
} from './shapes.ts';
import type { LogLine, SpanRecord } from './telemetry.ts';

/** The tenant the Loki simulator files a push without X-Scope-OrgID under. */
const DEFAULT_TENANT = 'fake';
const NS = 'msa';
const MS = 1_000_000n;

const ROUTES: {
  method: string;
  path: string;
  upstream?: { method: string; path: string };
  weight: number;
}[] = [
  {
    method: 'GET',
    path: '/api/orders',
    upstream: { method: 'GET', path: '/session' },
    weight: 5,
  },
  {
    method: 'POST',
    path: '/api/login',
    upstream: { method: 'POST', path: '/login' },
    weight: 3,
  },
  {
    method: 'GET',
    path: '/api/cart',
    upstream: { method: 'GET', path: '/session' },
    weight: 2,
  },
  { method: 'GET', path: '/healthz', weight: 1 },
];

export interface HistoryOptions {
  logs: LogStore;
  traces: TraceStore;
  /** when set, login-js's history also goes here in ECS fields */
  elasticsearch?: EsStore;
  /** end of the history (default now), unix ms */
  untilMs?: number;
  minutes?: number;
  /** requests per second to msa-nginx */
  rate?: number;
  /** share of login-js calls that fail */
  failureRate?: number;
  random?: () => number;
}

function pick(r: number) {
  const total = ROUTES.reduce((n, c) => n + c.weight, 0);
  let left = r * total;
  for (const c of ROUTES) {
    left -= c.weight;
    if (left <= 0) return c;
  }
  return ROUTES[0];
}

function record(
  service: string,
  o: {
    traceId: string;
    spanId: string;
    parentSpanId?: string;
    method: string;
    path: string;
    status: number;
    startNs: bigint;
    endNs: bigint;
    msg: string;
    error?: string;
  },
) {
  let level: LogLine['level'] = 'info';
  if (o.status >= 500) level = 'error';
  else if (o.status >= 400) level = 'warn';
  const durationMs = Number(o.endNs - o.startNs) / 1e6;
  const log: LogLine = {
    service,
    namespace: NS,
    level,
    tsNs: o.endNs,
    fields: {
      ts: new Date(Number(o.endNs / MS)).toISOString(),
      level,
      msg: o.msg,
      trace_id: loggedTraceId(o.traceId),
      span_id: o.spanId,
      method: o.method,
      path: o.path,
      status: o.status,
      duration_ms: Math.round(durationMs * 10) / 10,
    },
  };
  const span: SpanRecord = {
    service,
    namespace: NS,
    traceId: o.traceId,
    spanId: o.spanId,
    parentSpanId: o.parentSpanId,
    name: `${o.method} ${o.path}`,
    kind: 2,
    startNs: o.startNs,
    endNs: o.endNs,
    attributes: [
      { key: 'http.method', value: { stringValue: o.method } },
      { key: 'http.route', value: { stringValue: o.path } },
      { key: 'http.status_code', value: { intValue: String(o.status) } },
    ],
    error: o.error,
  };
  return { log, span };
}

/** Writes the history; returns how many requests it holds. */
export function writeHistory(o: HistoryOptions): number {
  const random = o.random ?? Math.random;
  const until = o.untilMs ?? Date.now();
  const minutes = o.minutes ?? 60;
  const rate = o.rate ?? 0.5;
  const failureRate = o.failureRate ?? 0.06;
  const count = Math.floor(minutes * 60 * rate);
  const hex = (n: number) => randomBytes(n).toString('hex');
  for (let i = 0; i < count; i++) {
    const startMs = until - minutes * 60_000 + ((i + random()) / rate) * 1000;
    const route = pick(random());
    const traceId = newTraceId(random, hex);
    const rootId = hex(8);
    const startNs =
      BigInt(Math.floor(startMs)) * MS + BigInt(Math.floor(random() * 1e6));
    const out: { log: LogLine; span: SpanRecord }[] = [];
    let status = 200;
    let error: string | undefined;
    let msg = `${route.method} ${route.path} 200`;
    let endNs = startNs + BigInt(Math.floor((1 + random() * 6) * 1e6));
    if (route.upstream) {
      const fail = random() < failureRate;
      const childStart = startNs + 2n * MS;
      const childEnd =
        childStart +
        BigInt(
          Math.floor((fail ? 80 + random() * 900 : 8 + random() * 45) * 1e6),
        );
      const upStatus = fail ? 500 : 200;
      out.push(
        record('login-js', {
          traceId,
          spanId: hex(8),
          parentSpanId: rootId,
          method: route.upstream.method,
          path: route.upstream.path,
          status: upStatus,
          startNs: childStart,
          endNs: childEnd,
          msg: `${route.upstream.method} ${route.upstream.path} ${upStatus}${
            fail ? ' database connection refused' : ''
          }`,
          error: fail ? 'database connection refused' : undefined,
        }),
      );
      endNs = childEnd + 1n * MS;
      if (fail) {
        status = 502;
        error = 'upstream login-js failed';
        msg = `${route.method} ${route.path} 502 upstream error`;
      }
    }
    out.push(
      record('msa-nginx', {
        traceId,
        spanId: rootId,
        method: route.method,
        path: route.path,
        status,
        startNs,
        endNs,
        msg,
        error,
      }),
    );
    for (const { log } of out) {
      const e = toPushEntry(log);
      o.logs.push(DEFAULT_TENANT, e.labels, [
        { ts: e.ts, line: e.line, meta: e.meta },
      ]);
      if (o.elasticsearch && shipsToElasticsearch(log.service)) {
        const d = ecsDocument(log);
        o.elasticsearch.add(d.index, d.source);
      }
    }
    o.traces.ingest(
      parseOtlp(otlpTraceBody(out.map(x => x.span))),
      endNs + 1_000n * MS,
    );
  }
  return count;
}
