/* eslint-disable consistent-return -- request handlers end branches with `return send...()`; the value is unused */
/**
 * Tempo simulator: OTLP/HTTP JSON ingest plus the HTTP query API (search with TraceQL, trace by id
 * v1/v2, tags, tag values, echo).
 */
import type { ServerResponse } from 'node:http';
import { parseGoDuration } from '../durations.ts';
import {
  asyncHandler,
  BodyTooLargeError,
  readBody,
  requestUrl,
  sendJson,
  sendText,
  type Handler,
} from '../http/util.ts';
import { parseTraceIdHex, TraceIdError } from './ids.ts';
import { renderBatches, searchHit } from './render.ts';
import {
  allSpans,
  OtlpError,
  parseOtlp,
  type AnyValue,
  type TraceStore,
} from './store.ts';
import { evalSpanset, traceInfo } from './traceql/evaluate.ts';
import { referencedAttributes, type SpansetExpr } from './traceql/ast.ts';
import { parseTraceQL, TraceQLParseError } from './traceql/parser.ts';

export interface TempoSimOptions {
  store: TraceStore;
}

const INTRINSIC_TAGS = [
  'duration',
  'event:name',
  'event:timeSinceStart',
  'instrumentation:name',
  'instrumentation:version',
  'kind',
  'name',
  'rootName',
  'rootServiceName',
  'span:duration',
  'span:kind',
  'span:name',
  'span:status',
  'span:statusMessage',
  'status',
  'statusMessage',
  'trace:duration',
  'trace:rootName',
  'trace:rootService',
  'traceDuration',
];

class BadRequest extends Error {}

function bad(res: ServerResponse, msg: string): void {
  sendText(res, 400, msg, 'text/plain; charset=utf-8');
}

function intParam(v: string | null, name: string, def: number): number {
  if (v === null || v === '') return def;
  if (!/^\d+$/.test(v) || Number(v) <= 0)
    throw new BadRequest(
      `invalid ${name}: must be a positive integer, got ${JSON.stringify(v)}`,
    );
  return Number(v);
}

function durationParam(v: string | null, name: string): number | undefined {
  if (v === null || v === '') return undefined;
  const ns = parseGoDuration(v);
  if (ns === undefined)
    throw new BadRequest(
      `invalid ${name}: time: invalid duration ${JSON.stringify(v)}`,
    );
  return ns;
}

/** `tags` (logfmt) search converted to a TraceQL filter over unscoped attributes. */
function tagsToTraceQL(tags: string): string {
  const conds: string[] = [];
  const re = /([^\s=]+)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/g;
  let consumed = 0;
  for (const m of tags.matchAll(re)) {
    consumed += m[0].length;
    const key = m[1];
    const value =
      m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3] ?? '';
    const q = JSON.stringify(value);
    if (key === 'name') conds.push(`name = ${q}`);
    else if (key === 'status.code' || key === 'status')
      conds.push(
        `status = ${
          ['unset', 'ok', 'error'].includes(value) ? value : 'error'
        }`,
      );
    else if (/^[A-Za-z0-9_.\-/]+$/.test(key))
      conds.push(
        /^-?\d+$/.test(value)
          ? `(.${key} = ${q} || .${key} = ${value})`
          : `.${key} = ${q}`,
      );
    else throw new BadRequest(`invalid tags: bad key ${JSON.stringify(key)}`);
  }
  if (tags.trim() && consumed === 0)
    throw new BadRequest(`invalid tags: ${JSON.stringify(tags)} is not logfmt`);
  return conds.length ? `{ ${conds.join(' && ')} }` : '{}';
}

function valueType(v: AnyValue): { type: string; value: string } | undefined {
  if ('stringValue' in v) return { type: 'string', value: v.stringValue };
  if ('intValue' in v) return { type: 'int', value: v.intValue };
  if ('doubleValue' in v)
    return { type: 'double', value: String(v.doubleValue) };
  if ('boolValue' in v) return { type: 'bool', value: String(v.boolValue) };
  return undefined;
}

export function createTempoHandler(opts: TempoSimOptions): Handler {
  const { store } = opts;

  return asyncHandler(async (req, res) => {
    const url = requestUrl(req);
    const path = url.pathname.replace(/\/$/, '') || '/';
    const sp = url.searchParams;
    const method = req.method ?? 'GET';
    try {
      if (path === '/v1/traces') {
        if (method !== 'POST')
          return sendText(res, 405, '405 method not allowed');
        const ct = (req.headers['content-type'] ?? '')
          .split(';')[0]
          .trim()
          .toLowerCase();
        if (ct !== 'application/json') {
          return sendJson(res, 415, {
            code: 3,
            message: `unsupported content type ${JSON.stringify(
              ct,
            )}: the sandbox accepts OTLP/JSON (application/json) only`,
          });
        }
        let body: unknown;
        try {
          body = JSON.parse((await readBody(req)).toString('utf8'));
        } catch (e) {
          if (e instanceof BodyTooLargeError)
            return sendJson(res, 413, { code: 8, message: e.message });
          return sendJson(res, 400, {
            code: 3,
            message: `failed to unmarshal request body: ${
              (e as Error).message
            }`,
          });
        }
        try {
          store.ingest(parseOtlp(body));
        } catch (e) {
          if (e instanceof OtlpError)
            return sendJson(res, 400, { code: 3, message: e.message });
          throw e;
        }
        return sendJson(res, 200, { partialSuccess: {} });
      }
      if (method !== 'GET') return sendText(res, 405, '405 method not allowed');
      if (path === '/api/echo') return sendText(res, 200, 'echo');
      if (path === '/ready') return sendText(res, 200, 'ready');
      if (path === '/api/status/buildinfo')
        return sendJson(res, 200, {
          version: '2.7.2-sandbox',
          revision: 'sandbox',
          branch: 'HEAD',
          buildUser: 'sandbox',
          buildDate: '2026-11-01',
          goVersion: 'go1.23',
        });

      if (path === '/api/search') {
        const q = sp.get('q');
        const tags = sp.get('tags');
        if (q && tags)
          throw new BadRequest(
            'invalid search request: q and tags cannot both be specified',
          );
        let expr: SpansetExpr;
        try {
          expr = parseTraceQL(q ?? tagsToTraceQL(tags ?? ''));
        } catch (e) {
          if (e instanceof TraceQLParseError)
            throw new BadRequest(`invalid TraceQL query: ${e.message}`);
          throw e;
        }
        const limit = intParam(sp.get('limit'), 'limit', 20);
        const spss = intParam(sp.get('spss'), 'spss', 3);
        const minD = durationParam(sp.get('minDuration'), 'minDuration');
        const maxD = durationParam(sp.get('maxDuration'), 'maxDuration');
        if (minD !== undefined && maxD !== undefined && maxD < minD)
          throw new BadRequest(
            'invalid maxDuration: must be greater than minDuration',
          );
        const startS = sp.get('start');
        const endS = sp.get('end');
        for (const [n, v] of [
          ['start', startS],
          ['end', endS],
        ] as const) {
          if (v !== null && v !== '' && !/^\d+$/.test(v))
            throw new BadRequest(
              `invalid ${n}: strconv.ParseInt: parsing ${JSON.stringify(
                v,
              )}: invalid syntax`,
            );
        }
        const start = startS ? BigInt(startS) * 1_000_000_000n : undefined;
        const end = endS ? BigInt(endS) * 1_000_000_000n : undefined;
        if (start !== undefined && end !== undefined && end < start) {
          throw new BadRequest(
            `http parameter start must be before end. received start=${startS} end=${endS}`,
          );
        }
        const refs = referencedAttributes(expr);
        // Like Tempo (measured on 2.7.2): collection stops at `limit` and the answer holds the FIRST traces found,
        // blocks oldest first, not the newest; a windowed search sees a trace only where it was indexed.
        const hits: Record<string, unknown>[] = [];
        let inspectedBytes = 0;
        for (const t of store.inSearchOrder()) {
          if (hits.length >= limit) break;
          if (start !== undefined && t.searchEnd < start) continue;
          if (end !== undefined && t.searchStart > end) continue;
          inspectedBytes += t.bytes;
          const info = traceInfo(t);
          if (minD !== undefined && info.durationNs < minD) continue;
          if (maxD !== undefined && info.durationNs > maxD) continue;
          const matched = evalSpanset(t, info, expr);
          if (!matched) continue;
          hits.push(searchHit(t, info, matched, refs, spss));
        }
        return sendJson(res, 200, {
          traces: hits,
          metrics: {
            inspectedBytes: String(inspectedBytes),
            completedJobs: 1,
            totalJobs: 1,
          },
        });
      }

      const byId = /^\/api\/(v2\/)?traces\/([^/]+)$/.exec(path);
      if (byId) {
        let id: string;
        try {
          id = parseTraceIdHex(decodeURIComponent(byId[2]));
        } catch (e) {
          if (e instanceof TraceIdError)
            throw new BadRequest(`invalid trace id: ${e.message}`);
          throw new BadRequest('invalid trace id');
        }
        const t = store.get(id);
        if (byId[1]) {
          if (!t) return sendJson(res, 200, { trace: {} });
          return sendJson(res, 200, {
            trace: { resourceSpans: renderBatches(t) },
          });
        }
        if (!t) {
          res.writeHead(404, { 'Content-Length': 0 });
          res.end();
          return;
        }
        return sendJson(res, 200, { batches: renderBatches(t) });
      }

      const scopeParam = sp.get('scope');
      if (
        scopeParam &&
        !['span', 'resource', 'intrinsic', 'all', 'none'].includes(scopeParam)
      )
        throw new BadRequest(`invalid scope: ${scopeParam}`);
      const spanKeys = new Set<string>();
      const resKeys = new Set<string>();
      let inspected = 0;
      for (const t of store.all()) {
        inspected += t.bytes;
        for (const b of t.batches) {
          for (const kv of b.resource.attributes) resKeys.add(kv.key);
          for (const sc of b.scopeSpans)
            for (const s of sc.spans)
              for (const kv of s.attributes) spanKeys.add(kv.key);
        }
      }
      const metrics = { inspectedBytes: String(inspected) };
      if (path === '/api/search/tags') {
        const names = new Set<string>();
        if (!scopeParam || scopeParam === 'all' || scopeParam === 'span')
          spanKeys.forEach(k => names.add(k));
        if (!scopeParam || scopeParam === 'all' || scopeParam === 'resource')
          resKeys.forEach(k => names.add(k));
        return sendJson(res, 200, { tagNames: [...names].sort(), metrics });
      }
      if (path === '/api/v2/search/tags') {
        const scopes: { name: string; tags: string[] }[] = [];
        const want = (s: string) =>
          !scopeParam || scopeParam === 'all' || scopeParam === s;
        if (want('span') && spanKeys.size)
          scopes.push({ name: 'span', tags: [...spanKeys].sort() });
        if (want('resource') && resKeys.size)
          scopes.push({ name: 'resource', tags: [...resKeys].sort() });
        if (want('intrinsic'))
          scopes.push({ name: 'intrinsic', tags: INTRINSIC_TAGS });
        return sendJson(res, 200, { scopes, metrics });
      }
      const v1Values = /^\/api\/search\/tag\/([^/]+)\/values$/.exec(path);
      const v2Values = /^\/api\/v2\/search\/tag\/([^/]+)\/values$/.exec(path);
      if (v1Values || v2Values) {
        let tag: string;
        try {
          tag = decodeURIComponent((v1Values ?? v2Values)![1]);
        } catch {
          throw new BadRequest('invalid tag name');
        }
        const values = new Map<string, { type: string; value: string }>();
        let scope: 'span' | 'resource' | 'any' | 'intrinsic' = 'any';
        let key = tag;
        if (v2Values) {
          if (tag.startsWith('resource.')) {
            scope = 'resource';
            key = tag.slice(9);
          } else if (tag.startsWith('span.')) {
            scope = 'span';
            key = tag.slice(5);
          } else if (tag.startsWith('.')) key = tag.slice(1);
          else if (INTRINSIC_TAGS.includes(tag)) scope = 'intrinsic';
          else
            throw new BadRequest(
              `invalid tag: ${tag}: a v2 tag must be scoped (resource., span., .) or an intrinsic`,
            );
        }
        for (const t of store.all()) {
          for (const { span, batch } of allSpans(t)) {
            if (scope === 'intrinsic') {
              const name = tag.replace(/^span:/, '').replace(/^trace:/, '');
              let v: { type: string; value: string } | undefined;
              if (name === 'name') v = { type: 'string', value: span.name };
              else if (name === 'status')
                v = {
                  type: 'keyword',
                  value: ['unset', 'ok', 'error'][span.status.code],
                };
              else if (name === 'kind')
                v = {
                  type: 'keyword',
                  value: [
                    'unspecified',
                    'internal',
                    'server',
                    'client',
                    'producer',
                    'consumer',
                  ][span.kind],
                };
              else if (name === 'statusMessage' && span.status.message)
                v = { type: 'string', value: span.status.message };
              if (v) values.set(`${v.type}:${v.value}`, v);
              continue;
            }
            const pools = {
              span: [span.attributes],
              resource: [batch.resource.attributes],
              any: [span.attributes, batch.resource.attributes],
            }[scope];
            for (const pool of pools) {
              for (const kv of pool) {
                if (kv.key !== key) continue;
                const v = valueType(kv.value);
                if (v) values.set(`${v.type}:${v.value}`, v);
              }
            }
          }
        }
        if (v1Values)
          return sendJson(res, 200, {
            tagValues: [...values.values()].map(v => v.value),
            metrics,
          });
        return sendJson(res, 200, { tagValues: [...values.values()], metrics });
      }
      return sendText(res, 404, '404 page not found');
    } catch (e) {
      if (e instanceof BadRequest) return bad(res, e.message);
      throw e;
    }
  });
}
