/* eslint-disable consistent-return -- request handlers end branches with `return send...()`; the value is unused */
/**
 * The two demo services: msa-nginx (gateway) calls login-js over HTTP, propagating W3C trace context.
 * Each exposes `/metrics` and reports logs and spans through the TelemetryShipper.
 */
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { sendJson, sendText } from '../http/util.ts';
import type { BurstClock } from './bursts.ts';
import { INGRESS_GATEWAY, OUTSIDE_MESH, type Workload } from './istio.ts';
import type { DemoWorkload, ServiceMetrics } from './metrics.ts';
import {
  SPAN_KIND_CLIENT,
  SPAN_KIND_SERVER,
  type ServiceGraphProcessor,
} from './serviceGraph.ts';
import { loggedTraceId, newTraceId } from './shapes.ts';
import type { SpanRecord, TelemetryShipper } from './telemetry.ts';

const NS = 'msa';
export const MSA_NGINX: DemoWorkload = {
  workload: 'msa-nginx',
  namespace: NS,
  port: 80,
};
export const LOGIN_JS: DemoWorkload = {
  workload: 'login-js',
  namespace: NS,
  port: 3000,
};

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function nowNs(): bigint {
  return (
    BigInt(Date.now()) * 1_000_000n +
    BigInt(Math.floor(Math.random() * 1_000_000))
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise(r => setTimeout(r, ms));
}

function parseTraceparent(
  h: string | string[] | undefined,
): { traceId: string; parentId: string } | undefined {
  const v = Array.isArray(h) ? h[0] : h;
  const m = v ? /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/.exec(v) : null;
  return m ? { traceId: m[1], parentId: m[2] } : undefined;
}

export interface DemoContext {
  shipper: TelemetryShipper;
  bursts: BurstClock;
  /** the Tempo metrics-generator stand-in, fed every span the demo sends */
  graph?: ServiceGraphProcessor;
}

/** The CLIENT span of a call to another service, shipped with the caller's SERVER span. */
interface ClientCall {
  spanId: string;
  name: string;
  startNs: bigint;
  endNs: bigint;
  status: number;
  error?: string;
}

function ship(ctx: DemoContext, span: SpanRecord): void {
  ctx.shipper.span(span);
  ctx.graph?.push(span);
}

function finish(
  ctx: DemoContext,
  metrics: ServiceMetrics,
  o: {
    service: string;
    source: Workload;
    req: IncomingMessage;
    res: ServerResponse;
    route: string;
    status: number;
    body: unknown;
    traceId: string;
    spanId: string;
    parentId?: string;
    startNs: bigint;
    error?: string;
    msg: string;
    call?: ClientCall;
  },
): void {
  const endNs = nowNs();
  const durationMs = Math.max(0, Number(endNs - o.startNs) / 1e6);
  const name = `${o.req.method} ${o.route}`;
  metrics.inbound({ source: o.source, status: o.status, durationMs });
  metrics.span({
    name,
    kind: 'SPAN_KIND_SERVER',
    error: Boolean(o.error),
    durationMs,
  });
  let level: 'info' | 'warn' | 'error' = 'info';
  if (o.status >= 500) level = 'error';
  else if (o.status >= 400) level = 'warn';
  ctx.shipper.log({
    service: o.service,
    namespace: NS,
    level,
    tsNs: endNs,
    fields: {
      ts: new Date(Number(endNs / 1_000_000n)).toISOString(),
      level,
      msg: o.msg,
      trace_id: loggedTraceId(o.traceId),
      span_id: o.spanId,
      method: o.req.method,
      path: o.route,
      status: o.status,
      duration_ms: Math.round(durationMs * 10) / 10,
    },
  });
  if (o.call) {
    metrics.span({
      name: o.call.name,
      kind: 'SPAN_KIND_CLIENT',
      error: Boolean(o.call.error),
      durationMs: Number(o.call.endNs - o.call.startNs) / 1e6,
    });
    ship(ctx, {
      service: o.service,
      namespace: NS,
      traceId: o.traceId,
      spanId: o.call.spanId,
      parentSpanId: o.spanId,
      name: o.call.name,
      kind: SPAN_KIND_CLIENT,
      startNs: o.call.startNs,
      endNs: o.call.endNs,
      attributes: [
        { key: 'http.method', value: { stringValue: o.req.method ?? 'GET' } },
        {
          key: 'http.status_code',
          value: { intValue: String(o.call.status) },
        },
      ],
      error: o.call.error,
    });
  }
  ship(ctx, {
    service: o.service,
    namespace: NS,
    traceId: o.traceId,
    spanId: o.spanId,
    parentSpanId: o.parentId,
    name,
    kind: SPAN_KIND_SERVER,
    startNs: o.startNs,
    endNs,
    attributes: [
      { key: 'http.method', value: { stringValue: o.req.method ?? 'GET' } },
      { key: 'http.route', value: { stringValue: o.route } },
      { key: 'http.status_code', value: { intValue: String(o.status) } },
    ],
    error: o.error,
  });
  sendJson(o.res, o.status, o.body);
}

export function loginJsHandler(ctx: DemoContext, metrics: ServiceMetrics) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/metrics')
      return sendText(
        res,
        200,
        metrics.registry.expose(),
        'text/plain; version=0.0.4; charset=utf-8',
      );
    const known: Record<string, string> = {
      'POST /login': '/login',
      'GET /session': '/session',
    };
    const route = known[`${req.method} ${url.pathname}`];
    if (!route) {
      sendText(res, 404, 'not found');
      return;
    }
    const tp = parseTraceparent(req.headers.traceparent);
    const traceId = tp?.traceId ?? hex(16);
    const spanId = hex(8);
    const startNs = nowNs();
    req.resume();
    const fail = ctx.bursts.shouldFail();
    const delay = fail ? 80 + Math.random() * 900 : 8 + Math.random() * 45;
    const okBody =
      route === '/login' ? { token: hex(12) } : { user: 'demo', active: true };
    void sleep(delay).then(() => {
      const status = fail ? 500 : 200;
      finish(ctx, metrics, {
        service: 'login-js',
        source: tp ? MSA_NGINX : OUTSIDE_MESH,
        req,
        res,
        route,
        status,
        body: fail ? { error: 'database connection refused' } : okBody,
        traceId,
        spanId,
        parentId: tp?.parentId,
        startNs,
        error: fail ? 'database connection refused' : undefined,
        msg: `${req.method} ${route} ${status}${
          fail ? ' database connection refused' : ''
        }`,
      });
    });
  };
}

export function msaNginxHandler(
  ctx: DemoContext,
  metrics: ServiceMetrics,
  loginJsUrl: () => string,
) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/metrics')
      return sendText(
        res,
        200,
        metrics.registry.expose(),
        'text/plain; version=0.0.4; charset=utf-8',
      );
    const routes: Record<string, { upstream?: string; method: string }> = {
      'GET /': { method: 'GET' },
      'GET /healthz': { method: 'GET' },
      'GET /api/orders': { method: 'GET', upstream: '/session' },
      'GET /api/cart': { method: 'GET', upstream: '/session' },
      'POST /api/login': { method: 'POST', upstream: '/login' },
    };
    const key = `${req.method} ${url.pathname}`;
    const r = routes[key];
    if (!r) return sendText(res, 404, 'not found');
    const traceId = newTraceId(Math.random, hex);
    const spanId = hex(8);
    const startNs = nowNs();
    req.resume();
    let call: ClientCall | undefined;
    const done = (
      status: number,
      body: unknown,
      error?: string,
      msg?: string,
    ) =>
      finish(ctx, metrics, {
        service: 'msa-nginx',
        source: INGRESS_GATEWAY,
        req,
        res,
        route: url.pathname,
        status,
        body,
        traceId,
        spanId,
        startNs,
        error,
        msg: msg ?? `${req.method} ${url.pathname} ${status}`,
        call,
      });
    void sleep(1 + Math.random() * 6).then(() => {
      if (!r.upstream) return done(200, { ok: true });
      const callSpanId = hex(8);
      const callStartNs = nowNs();
      // The caller's sidecar and its CLIENT span see the same call: one place records both.
      const called = (status: number, error?: string) => {
        const endNs = nowNs();
        call = {
          spanId: callSpanId,
          name: r.method,
          startNs: callStartNs,
          endNs,
          status,
          error,
        };
        metrics.outbound({
          destination: LOGIN_JS,
          status,
          durationMs: Number(endNs - callStartNs) / 1e6,
        });
      };
      const up = http.request(
        `${loginJsUrl()}${r.upstream}`,
        {
          method: r.method,
          headers: {
            traceparent: `00-${traceId}-${callSpanId}-01`,
            'content-type': 'application/json',
          },
          timeout: 5000,
        },
        upRes => {
          upRes.resume();
          upRes.on('end', () => {
            const code = upRes.statusCode ?? 502;
            called(code, code >= 500 ? `HTTP ${code}` : undefined);
            if (code >= 500)
              done(
                502,
                { error: 'upstream login-js failed' },
                'upstream login-js failed',
                `${req.method} ${url.pathname} 502 upstream error`,
              );
            else done(200, { ok: true });
          });
        },
      );
      up.on('timeout', () => up.destroy(new Error('upstream timed out')));
      up.on('error', () => {
        // What Envoy answers its app for an upstream that timed out or reset.
        called(504, 'upstream timed out');
        done(
          504,
          { error: 'upstream timed out' },
          'upstream login-js timed out',
          `${req.method} ${url.pathname} 504 upstream timed out`,
        );
      });
      up.end(
        r.method === 'POST' ? JSON.stringify({ user: 'demo' }) : undefined,
      );
    });
  };
}
