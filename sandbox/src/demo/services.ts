/* eslint-disable consistent-return -- request handlers end branches with `return send...()`; the value is unused */
/**
 * The two demo services: msa-nginx (gateway) calls login-js over HTTP, propagating W3C trace context.
 * Each exposes `/metrics` and reports logs and spans through the TelemetryShipper.
 */
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { sendJson, sendText } from '../http/util.ts';
import type { BurstClock } from './bursts.ts';
import { ServiceMetrics } from './metrics.ts';
import { loggedTraceId, newTraceId } from './shapes.ts';
import type { TelemetryShipper } from './telemetry.ts';

const NS = 'msa';

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

interface Ctx {
  shipper: TelemetryShipper;
  bursts: BurstClock;
}

function finish(
  ctx: Ctx,
  metrics: ServiceMetrics,
  o: {
    service: string;
    source: string;
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
  },
): void {
  const endNs = nowNs();
  const durationMs = Math.max(0, Number(endNs - o.startNs) / 1e6);
  metrics.record({
    source: o.source,
    status: o.status,
    durationMs,
    error: o.status >= 500,
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
  ctx.shipper.span({
    service: o.service,
    namespace: NS,
    traceId: o.traceId,
    spanId: o.spanId,
    parentSpanId: o.parentId,
    name: `${o.req.method} ${o.route}`,
    kind: 2,
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

export function loginJsHandler(ctx: Ctx, metrics: ServiceMetrics) {
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
        source: tp ? 'msa-nginx' : 'unknown',
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
  ctx: Ctx,
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
    const done = (
      status: number,
      body: unknown,
      error?: string,
      msg?: string,
    ) =>
      finish(ctx, metrics, {
        service: 'msa-nginx',
        source: 'istio-ingressgateway',
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
      });
    void sleep(1 + Math.random() * 6).then(() => {
      if (!r.upstream) return done(200, { ok: true });
      const up = http.request(
        `${loginJsUrl()}${r.upstream}`,
        {
          method: r.method,
          headers: {
            traceparent: `00-${traceId}-${spanId}-01`,
            'content-type': 'application/json',
          },
          timeout: 5000,
        },
        upRes => {
          upRes.resume();
          upRes.on('end', () => {
            const code = upRes.statusCode ?? 502;
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
      up.on('error', () =>
        done(
          504,
          { error: 'upstream timed out' },
          'upstream login-js timed out',
          `${req.method} ${url.pathname} 504 upstream timed out`,
        ),
      );
      up.end(
        r.method === 'POST' ? JSON.stringify({ user: 'demo' }) : undefined,
      );
    });
  };
}
