/* eslint-disable consistent-return -- request handlers end branches with `return send...()`; the value is unused */
/**
 * Loki HTTP API simulator: push (JSON), query_range/query, labels, label values, series and
 * WebSocket tail. Errors are plain text, as Loki's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  asyncHandler,
  BodyTooLargeError,
  readBody,
  requestUrl,
  sendJson,
  sendText,
  type Handler,
} from '../http/util.ts';
import type { LogSelector } from './logql/ast.ts';
import {
  evalLogQuery,
  evalMetric,
  formatFloat,
  groupHits,
  matchLabel,
  runPipeline,
  selectStreams,
} from './logql/evaluate.ts';
import { LogQLParseError, LogQLValidationError } from './logql/errors.ts';
import { parseLogQL } from './logql/parser.ts';
import {
  nowNs,
  ParamError,
  parseDirection,
  parseLimit,
  parseStep,
  parseTime,
} from './params.ts';
import { queryStats } from './stats.ts';
import { lowerBound, type LogStore, type PushedEntry } from './store.ts';
import { compare } from '../order.ts';

export interface LokiSimOptions {
  store: LogStore;
  maxEntriesLimit?: number;
  /** Loki's `max_concurrent_tail_requests` per tenant (default 10). */
  maxConcurrentTails?: number;
}

/** Close code and text of a tail over the tenant's limit, as Loki 3.4.6 sends them (measured). */
export const TAIL_LIMIT_CLOSE_CODE = 1011;
export const tailLimitMessage = (count: number, limit: number) =>
  `max concurrent tail requests limit exceeded, count > limit (${count} > ${limit})`;

const JSON_CT = 'application/json; charset=UTF-8';
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const HOUR_NS = 3_600_000_000_000n;

function textError(res: ServerResponse, status: number, message: string): void {
  sendText(
    res,
    status,
    message.replace(/\n$/, ''),
    'text/plain; charset=utf-8',
    { 'X-Content-Type-Options': 'nosniff' },
  );
}

/** A metric query's answer: its series, with the stats Loki reports for a query that reads no log lines. */
function sendMetricResult(
  res: ServerResponse,
  resultType: 'vector' | 'matrix',
  result: unknown[],
  execSeconds: number,
) {
  return sendJson(
    res,
    200,
    {
      status: 'success',
      data: {
        resultType,
        result,
        stats: queryStats({
          lines: 0,
          bytes: 0,
          returned: result.length,
          postFilterLines: 0,
          execSeconds,
        }),
      },
    },
    JSON_CT,
  );
}

export function tenantOf(req: IncomingMessage): string {
  const h = req.headers['x-scope-orgid'];
  const v = Array.isArray(h) ? h[0] : h;
  return v && v.trim() ? v.trim() : 'fake';
}

function parseQuery(q: string | null) {
  if (q === null || q.trim() === '')
    throw new ParamError('query parameter is required');
  return parseLogQL(q);
}

/** Parses Loki's label set notation `{a="b", c="d"}` from a push request. */
function validatePushLabels(labels: unknown): Record<string, string> {
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels))
    throw new ParamError(
      'error at least one label pair is required per stream',
    );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) {
    if (!LABEL_NAME.test(k))
      throw new ParamError(
        `error parsing labels: invalid label name ${JSON.stringify(k)}`,
      );
    if (typeof v !== 'string')
      throw new ParamError(`error parsing labels: label ${k} must be a string`);
    if (v === '') continue;
    out[k] = v;
  }
  if (Object.keys(out).length === 0)
    throw new ParamError(
      'error at least one label pair is required per stream',
    );
  return out;
}

function stepsFor(startNs: bigint, endNs: bigint, step: number): number[] {
  const start = Number(startNs) / 1e9;
  const end = Number(endNs) / 1e9;
  const first = Math.floor(start / step) * step;
  const last = Math.ceil(end / step) * step;
  const count = Math.floor((last - first) / step) + 1;
  if (count > 11000)
    throw new ParamError(
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    );
  const out: number[] = [];
  for (let i = 0; i < count; i++)
    out.push(Number((first + i * step).toFixed(3)));
  return out;
}

export interface LokiSim {
  handler: Handler;
  /** for `server.on('upgrade', ...)`: serves `/loki/api/v1/tail` */
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  close: () => void;
}

export function createLokiSim(opts: LokiSimOptions): LokiSim {
  const { store } = opts;
  const maxLimit = opts.maxEntriesLimit ?? 5000;
  const wss = new WebSocketServer({ noServer: true });
  const maxTails = opts.maxConcurrentTails ?? 10;
  const tailsByTenant = new Map<string, number>();

  const handler = asyncHandler(async (req, res) => {
    const url = requestUrl(req);
    const path = url.pathname.replace(/\/$/, '');
    const method = req.method ?? 'GET';
    const tenant = tenantOf(req);
    const sp = url.searchParams;
    try {
      if (path === '/ready') return sendText(res, 200, 'ready\n');
      if (path === '/loki/api/v1/status/buildinfo') {
        return sendJson(
          res,
          200,
          {
            version: '3.4.6-sandbox',
            revision: 'sandbox',
            branch: 'HEAD',
            buildUser: 'sandbox',
            buildDate: '2026-11-01T00:00:00Z',
            goVersion: 'go1.23',
          },
          JSON_CT,
        );
      }
      if (path === '/loki/api/v1/push' && method === 'POST') {
        const ct = (req.headers['content-type'] ?? '')
          .split(';')[0]
          .trim()
          .toLowerCase();
        if (ct !== 'application/json') {
          return textError(
            res,
            415,
            `unsupported Content-Type ${JSON.stringify(
              ct,
            )}: the sandbox accepts application/json only`,
          );
        }
        if (
          req.headers['content-encoding'] &&
          req.headers['content-encoding'] !== 'identity'
        ) {
          return textError(
            res,
            415,
            `unsupported Content-Encoding ${String(
              req.headers['content-encoding'],
            )}`,
          );
        }
        let body: unknown;
        try {
          body = JSON.parse((await readBody(req)).toString('utf8'));
        } catch (e) {
          if (e instanceof BodyTooLargeError)
            return textError(res, 413, e.message);
          return textError(
            res,
            400,
            `loghttp.PushRequest.Streams: ReadArrayCB: expect [ or n, but found something else: ${
              (e as Error).message
            }`,
          );
        }
        const streams = (body as { streams?: unknown })?.streams;
        if (!Array.isArray(streams))
          return textError(
            res,
            400,
            'loghttp.PushRequest.Streams: expected an array of streams',
          );
        const batches: {
          labels: Record<string, string>;
          entries: {
            ts: bigint;
            line: string;
            meta?: Record<string, string>;
          }[];
        }[] = [];
        for (const s of streams) {
          const labels = validatePushLabels(
            (s as { stream?: unknown })?.stream,
          );
          const values = (s as { values?: unknown })?.values;
          if (!Array.isArray(values))
            throw new ParamError(
              'loghttp.PushRequest.Streams: values must be an array',
            );
          const entries = values.map(v => {
            if (!Array.isArray(v) || v.length < 2 || v.length > 3)
              throw new ParamError(
                'loghttp.PushRequest.Streams: each value must be [timestamp, line] or [timestamp, line, metadata]',
              );
            const [ts, line, meta] = v;
            if (typeof ts !== 'string' || !/^\d{1,19}$/.test(ts))
              throw new ParamError(
                `loghttp.PushRequest.Streams: timestamp must be a string of unix nanoseconds, got ${JSON.stringify(
                  ts,
                )}`,
              );
            if (typeof line !== 'string')
              throw new ParamError(
                'loghttp.PushRequest.Streams: log line must be a string',
              );
            let m: Record<string, string> | undefined;
            if (meta !== undefined) {
              if (
                meta === null ||
                typeof meta !== 'object' ||
                Array.isArray(meta)
              )
                throw new ParamError(
                  'loghttp.PushRequest.Streams: structured metadata must be an object',
                );
              m = {};
              for (const [k, val] of Object.entries(meta)) {
                if (!LABEL_NAME.test(k) || typeof val !== 'string')
                  throw new ParamError(
                    `invalid structured metadata ${JSON.stringify(k)}`,
                  );
                m[k] = val;
              }
            }
            return { ts: BigInt(ts), line, meta: m };
          });
          batches.push({ labels, entries });
        }
        for (const b of batches) store.push(tenant, b.labels, b.entries);
        res.writeHead(204);
        res.end();
        return;
      }
      if (method !== 'GET' && method !== 'POST')
        return textError(res, 405, 'method not allowed');

      if (
        path === '/loki/api/v1/query_range' ||
        path === '/loki/api/v1/query'
      ) {
        const started = process.hrtime.bigint();
        const expr = parseQuery(sp.get('query'));
        const limit = parseLimit(sp.get('limit'), maxLimit);
        const direction = parseDirection(sp.get('direction'));
        const categorize = String(
          req.headers['x-loki-response-encoding-flags'] ?? '',
        )
          .split(',')
          .map(s => s.trim())
          .includes('categorize-labels');
        const now = nowNs();
        if (path === '/loki/api/v1/query') {
          if (expr.kind === 'log') {
            return textError(
              res,
              400,
              'log queries are not supported as an instant query type, please change your query to a range query type',
            );
          }
          const t = parseTime(sp.get('time'), now, 'time');
          const ts = Number(t) / 1e9;
          const series = evalMetric(store, tenant, expr, [ts]);
          const result = series.map(s => ({
            metric: s.metric,
            value: [ts, formatFloat(s.points.get(ts) as number)],
          }));
          const exec = Number(process.hrtime.bigint() - started) / 1e9;
          return sendMetricResult(res, 'vector', result, exec);
        }
        const since = sp.get('since');
        const end = parseTime(sp.get('end'), now, 'end');
        let defaultStart = end - HOUR_NS;
        if (since) {
          const m = /^(\d+)(ms|s|m|h|d|w)$/.exec(since);
          if (!m)
            throw new ParamError(`invalid since: cannot parse "${since}"`);
          const unit: Record<string, bigint> = {
            ms: 1_000_000n,
            s: 1_000_000_000n,
            m: 60_000_000_000n,
            h: HOUR_NS,
            d: 24n * HOUR_NS,
            w: 168n * HOUR_NS,
          };
          defaultStart = end - BigInt(m[1]) * unit[m[2]];
        }
        const start = parseTime(sp.get('start'), defaultStart, 'start');
        if (end < start)
          throw new ParamError(
            'end timestamp must not be before or equal to start time',
          );
        if (expr.kind === 'log') {
          const { result, scanned, bytes } = evalLogQuery(store, tenant, expr, {
            startNs: start,
            endNs: end === start ? end + 1n : end,
            limit,
            direction,
            categorize,
          });
          const returned = result.reduce((n, s) => n + s.values.length, 0);
          const data: Record<string, unknown> = {
            resultType: 'streams',
            result,
          };
          data.stats = queryStats({
            lines: scanned,
            bytes,
            returned,
            postFilterLines: returned,
            execSeconds: Number(process.hrtime.bigint() - started) / 1e9,
          });
          if (categorize) data.encodingFlags = ['categorize-labels'];
          return sendJson(res, 200, { status: 'success', data }, JSON_CT);
        }
        const step = parseStep(sp.get('step'), start, end);
        const steps = stepsFor(start, end, step);
        const series = evalMetric(store, tenant, expr, steps);
        const result = series
          .map(s => ({
            metric: s.metric,
            values: [...s.points.entries()]
              .sort((a, b) => a[0] - b[0])
              .map(([t, v]) => [t, formatFloat(v)]),
          }))
          .sort((a, b) =>
            JSON.stringify(a.metric).localeCompare(JSON.stringify(b.metric)),
          );
        const exec = Number(process.hrtime.bigint() - started) / 1e9;
        return sendMetricResult(res, 'matrix', result, exec);
      }

      const end = parseTime(sp.get('end'), nowNs(), 'end');
      const start = parseTime(sp.get('start'), end - 6n * HOUR_NS, 'start');
      const active = (q?: LogSelector) =>
        (q
          ? selectStreams(store, tenant, q.matchers)
          : store.streams(tenant)
        ).filter(s => {
          const i = lowerBound(s.entries, start);
          return i < s.entries.length && s.entries[i].ts <= end;
        });
      const queryParam = sp.get('query');
      const scope = () => {
        if (!queryParam) return undefined;
        const e = parseLogQL(queryParam);
        if (e.kind !== 'log')
          throw new ParamError('only stream selectors are allowed here');
        return e;
      };

      if (path === '/loki/api/v1/labels' || path === '/loki/api/v1/label') {
        const names = new Set<string>();
        for (const s of active(scope()))
          for (const k of Object.keys(s.labels)) names.add(k);
        return sendJson(
          res,
          200,
          { status: 'success', data: [...names].sort() },
          JSON_CT,
        );
      }
      const lv = /^\/loki\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
      if (lv) {
        let name: string;
        try {
          name = decodeURIComponent(lv[1]);
        } catch {
          throw new ParamError('invalid label name');
        }
        const values = new Set<string>();
        for (const s of active(scope()))
          if (s.labels[name] !== undefined) values.add(s.labels[name]);
        if (values.size === 0)
          return sendJson(res, 200, { status: 'success' }, JSON_CT);
        return sendJson(
          res,
          200,
          { status: 'success', data: [...values].sort() },
          JSON_CT,
        );
      }
      if (path === '/loki/api/v1/series') {
        const matches = sp.getAll('match[]').concat(sp.getAll('match'));
        if (matches.length === 0)
          throw new ParamError('at least one match[] argument required');
        const seen = new Map<string, Record<string, string>>();
        for (const m of matches) {
          const e = parseLogQL(m);
          if (e.kind !== 'log' || e.stages.length)
            throw new ParamError(
              `only stream selectors are allowed in match[]: ${m}`,
            );
          for (const s of active(e)) seen.set(s.key, s.labels);
        }
        const data = [...seen.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([, l]) => {
            const out: Record<string, string> = {};
            for (const k of Object.keys(l).sort()) out[k] = l[k];
            return out;
          });
        return sendJson(res, 200, { status: 'success', data }, JSON_CT);
      }
      if (path === '/loki/api/v1/tail')
        return textError(
          res,
          400,
          "websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header",
        );
      return textError(res, 404, '404 page not found');
    } catch (e) {
      if (
        e instanceof LogQLParseError ||
        e instanceof LogQLValidationError ||
        e instanceof ParamError
      )
        return textError(res, 400, e.message);
      throw e;
    }
  });

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = requestUrl(req);
    const fail = (status: number, msg: string) => {
      socket.write(
        `HTTP/1.1 ${status} ${
          status === 400 ? 'Bad Request' : 'Not Found'
        }\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(
          msg,
        )}\r\nConnection: close\r\n\r\n${msg}`,
      );
      socket.destroy();
    };
    if (url.pathname.replace(/\/$/, '') !== '/loki/api/v1/tail')
      return fail(404, '404 page not found');
    const tenant = tenantOf(req);
    let expr: LogSelector;
    let limit: number;
    let start: bigint;
    let delayMs = 0;
    try {
      const e = parseQuery(url.searchParams.get('query'));
      if (e.kind !== 'log')
        throw new ParamError('only log queries are supported by tail');
      expr = e;
      limit = parseLimit(url.searchParams.get('limit'), maxLimit);
      start = parseTime(
        url.searchParams.get('start'),
        nowNs() - HOUR_NS,
        'start',
      );
      const d = url.searchParams.get('delay_for');
      if (d !== null && d !== '') {
        if (!/^\d+$/.test(d)) throw new ParamError(`invalid delay_for: ${d}`);
        if (Number(d) > 5)
          throw new ParamError("delay_for can't be greater than 5");
        delayMs = Number(d) * 1000;
      }
    } catch (e) {
      if (
        e instanceof LogQLParseError ||
        e instanceof LogQLValidationError ||
        e instanceof ParamError
      )
        return fail(400, e.message);
      return fail(400, String(e));
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      // Loki accepts the WebSocket, then closes it when the tenant already holds its limit of tails.
      const count = (tailsByTenant.get(tenant) ?? 0) + 1;
      if (count > maxTails) {
        ws.close(TAIL_LIMIT_CLOSE_CODE, tailLimitMessage(count, maxTails));
        return;
      }
      tailsByTenant.set(tenant, count);
      let counted = true;
      const release = () => {
        if (!counted) return;
        counted = false;
        const left = (tailsByTenant.get(tenant) ?? 1) - 1;
        if (left > 0) tailsByTenant.set(tenant, left);
        else tailsByTenant.delete(tenant);
      };
      // backlog: newest `limit` entries since start, sent oldest first
      const hits = selectStreams(store, tenant, expr.matchers)
        .flatMap(s => {
          const from = lowerBound(s.entries, start);
          return s.entries.slice(from).map(entry => ({
            stream: s,
            entry,
            p: runPipeline(s, entry, expr.stages),
          }));
        })
        .filter(
          (
            h,
          ): h is {
            stream: typeof h.stream;
            entry: typeof h.entry;
            p: NonNullable<typeof h.p>;
          } => h.p !== undefined,
        );
      hits.sort((a, b) => compare(a.entry.ts, b.entry.ts));
      const backlog = hits.slice(-limit);
      if (backlog.length)
        ws.send(
          JSON.stringify({
            streams: groupHits(backlog, false),
            dropped_entries: null,
          }),
        );
      // delay_for holds every entry at least that long after it arrives (measured: delay_for=1 gives 1.0-1.5 s
      // from push to the browser); without it entries still go out in 100 ms batches.
      const holdMs = Math.max(delayMs, 100);
      let pending: { p: PushedEntry; due: number }[] = [];
      let timer: NodeJS.Timeout | undefined;
      const flush = () => {
        timer = undefined;
        const now = Date.now();
        const batch = pending.filter(x => x.due <= now).map(x => x.p);
        pending = pending.filter(x => x.due > now);
        const matched = batch
          .map(p => ({
            stream: p.stream,
            entry: p.entry,
            p: runPipeline(p.stream, p.entry, expr.stages),
          }))
          .filter(
            (
              h,
            ): h is {
              stream: typeof h.stream;
              entry: typeof h.entry;
              p: NonNullable<typeof h.p>;
            } => h.p !== undefined,
          );
        if (matched.length && ws.readyState === ws.OPEN)
          ws.send(
            JSON.stringify({
              streams: groupHits(matched, false),
              dropped_entries: null,
            }),
          );
        if (pending.length)
          timer = setTimeout(flush, Math.max(0, pending[0].due - now));
      };
      const onPush = (p: PushedEntry) => {
        if (
          p.tenant !== tenant ||
          !expr.matchers.every(m => matchLabel(m, p.stream.labels[m.name]))
        )
          return;
        pending.push({ p, due: Date.now() + holdMs });
        if (!timer) timer = setTimeout(flush, holdMs);
      };
      store.events.on('push', onPush);
      ws.on('close', () => {
        release();
        store.events.off('push', onPush);
        if (timer) clearTimeout(timer);
      });
      ws.on('error', () => ws.terminate());
    });
  };

  return {
    handler,
    upgrade,
    close: () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  };
}
