/**
 * Elasticsearch 8.x REST simulator: `_search` and `_count` (GET and POST, on `/`, `/<indices>`), `_cat/indices`,
 * `_bulk` and `<index>/_doc` for writing, `/` for the cluster info. Auth as with security enabled: `ApiKey`
 * (base64 of `id:api_key`) or basic; wrong or missing credentials are 401 `security_exception` with
 * `WWW-Authenticate`, a user without read on a named index is 403. Indices are one shard each; a test switch
 * (`faults`) fails chosen shards (partial results: `_shards.failed > 0`, `failures[]` in a 200) or delays
 * answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CREDENTIALS } from '../credentials.ts';
import {
  asyncHandler,
  parseBasicAuth,
  readBody,
  requestUrl,
  safeEqual,
  sendJson,
  sendText,
  type Handler,
} from '../http/util.ts';
import {
  errorBody,
  EsError,
  illegalArgument,
  unauthenticated,
  unauthorized,
} from './errors.ts';
import { globMatch } from './glob.ts';
import {
  parseBody,
  parseSearch,
  renderCount,
  renderSearch,
  type ShardFault,
} from './search.ts';
import { EsStore, type EsDoc, type EsIndex } from './store.ts';

/** The answer to a document write, as a one-node cluster with one replica configured gives it. */
function created(doc: EsDoc): Record<string, unknown> {
  return {
    _index: doc.index,
    _id: doc.id,
    _version: 1,
    result: 'created',
    _shards: { total: 2, successful: 1, failed: 0 },
    _seq_no: doc.seq,
    _primary_term: 1,
  };
}

export interface EsUser {
  username: string;
  password: string;
  roles: string[];
  /** index patterns the user may read; undefined: all */
  indices?: string[];
}

export interface EsApiKey {
  id: string;
  key: string;
  name: string;
}

export interface EsFaults {
  shardFailure?: ShardFault;
  delayMs?: number;
}

export interface EsSim {
  handler: Handler;
  store: EsStore;
  /** test switches */
  faults: EsFaults;
  /** the last 200 search/count requests (method, path with query, body), newest last */
  requests: { method: string; path: string; body: string }[];
}

const VERSION = '8.15.3';

const COMMON_PARAMS = [
  'pretty',
  'human',
  'error_trace',
  'filter_path',
  'format',
];
const SEARCH_PARAMS = new Set([
  ...COMMON_PARAMS,
  'allow_no_indices',
  'allow_partial_search_results',
  'analyzer',
  'analyze_wildcard',
  'batched_reduce_size',
  'ccs_minimize_roundtrips',
  'default_operator',
  'df',
  'docvalue_fields',
  'expand_wildcards',
  'explain',
  'ignore_throttled',
  'ignore_unavailable',
  'include_named_queries_score',
  'lenient',
  'max_concurrent_shard_requests',
  'pre_filter_shard_size',
  'preference',
  'q',
  'request_cache',
  'rest_total_hits_as_int',
  'routing',
  'scroll',
  'search_type',
  'seq_no_primary_term',
  'size',
  'from',
  'sort',
  '_source',
  '_source_excludes',
  '_source_includes',
  'stats',
  'stored_fields',
  'suggest_field',
  'suggest_mode',
  'suggest_size',
  'suggest_text',
  'terminate_after',
  'timeout',
  'track_scores',
  'track_total_hits',
  'typed_keys',
  'version',
  'force_synthetic_source',
]);
const COUNT_PARAMS = new Set([
  ...COMMON_PARAMS,
  'allow_no_indices',
  'analyzer',
  'analyze_wildcard',
  'default_operator',
  'df',
  'expand_wildcards',
  'ignore_throttled',
  'ignore_unavailable',
  'lenient',
  'min_score',
  'preference',
  'q',
  'routing',
  'terminate_after',
]);
const CAT_PARAMS = new Set([
  ...COMMON_PARAMS,
  'bytes',
  'expand_wildcards',
  'health',
  'include_unloaded_segments',
  'pri',
  'time',
  'master_timeout',
  'h',
  'help',
  's',
  'v',
  'local',
]);
/** Parameters the simulator accepts but does not act on: a request using them is refused, so no test relies on them silently. */
const NOT_SIMULATED = new Set([
  'q',
  'scroll',
  'sort',
  'routing',
  'terminate_after',
  'min_score',
  'df',
  'default_operator',
]);

function bool(url: URLSearchParams, name: string, fallback: boolean): boolean {
  const v = url.get(name);
  if (v === null) return fallback;
  if (v === '' || v === 'true') return true;
  if (v === 'false') return false;
  throw illegalArgument(
    `Failed to parse value [${v}] as only [true] or [false] are allowed.`,
  );
}

function checkParams(
  url: URLSearchParams,
  allowed: Set<string>,
  path: string,
): void {
  const unknown = [...new Set(url.keys())].filter(k => !allowed.has(k));
  if (unknown.length)
    throw illegalArgument(
      `request [${path}] contains unrecognized parameter${
        unknown.length > 1 ? 's' : ''
      }: [${unknown.join('], [')}]`,
    );
  const notSimulated = [...url.keys()].filter(k => NOT_SIMULATED.has(k));
  if (notSimulated.length)
    throw illegalArgument(
      `[sandbox] parameter [${notSimulated[0]}] is real but not simulated`,
    );
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)}mb`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)}kb`;
  return `${bytes}b`;
}

export function createElasticsearchSim(
  o: {
    store?: EsStore;
    users?: EsUser[];
    apiKeys?: EsApiKey[];
    now?: () => number;
  } = {},
): EsSim {
  const c = CREDENTIALS.elasticsearch;
  const store = o.store ?? new EsStore();
  const users: EsUser[] = o.users ?? [
    { username: c.username, password: c.password, roles: ['superuser'] },
    {
      username: c.limitedUsername,
      password: c.limitedPassword,
      roles: ['other_reader'],
      indices: ['other-*'],
    },
  ];
  const apiKeys: EsApiKey[] = o.apiKeys ?? [
    { id: c.apiKeyId, key: c.apiKey, name: 'paved-road' },
  ];
  const now = o.now ?? Date.now;
  const faults: EsFaults = {};
  const requests: EsSim['requests'] = [];

  function authenticate(req: IncomingMessage, uri: string): EsUser {
    const header = req.headers.authorization;
    if (!header)
      throw unauthenticated(
        `missing authentication credentials for REST request [${uri}]`,
      );
    const apiKey = /^ApiKey\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
    if (apiKey) {
      const decoded = Buffer.from(apiKey[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const found = apiKeys.find(
        k =>
          colon > 0 &&
          safeEqual(k.id, decoded.slice(0, colon)) &&
          safeEqual(k.key, decoded.slice(colon + 1)),
      );
      if (!found)
        throw unauthenticated(
          'unable to authenticate with provided credentials and anonymous access is not allowed for this request',
        );
      return { username: found.name, password: '', roles: ['superuser'] };
    }
    const basic = parseBasicAuth(req);
    if (basic) {
      const user = users.find(
        u =>
          u.username === basic.username &&
          safeEqual(u.password, basic.password),
      );
      if (!user)
        throw unauthenticated(
          `unable to authenticate user [${basic.username}] for REST request [${uri}]`,
        );
      return user;
    }
    throw unauthenticated(
      `missing authentication credentials for REST request [${uri}]`,
    );
  }

  const mayRead = (user: EsUser, index: string) =>
    !user.indices || user.indices.some(p => globMatch(p, index));

  /** Resolves for a user: wildcards expand over readable indices only; a named unreadable index is 403. */
  function resolveFor(
    user: EsUser,
    expression: string,
    url: URLSearchParams,
    action: string,
  ): EsIndex[] {
    const parts = expression === '' ? [] : expression.split(',');
    const named = parts.filter(
      p => p !== '_all' && !p.includes('*') && !p.startsWith('-'),
    );
    const denied = named.filter(n => !mayRead(user, n));
    if (denied.length)
      throw unauthorized(action, user.username, user.roles, denied);
    const resolved = store.resolve(expression, {
      ignoreUnavailable: bool(url, 'ignore_unavailable', false),
      allowNoIndices: bool(url, 'allow_no_indices', true),
    });
    const ew = url.get('expand_wildcards');
    if (
      ew !== null &&
      !['open', 'all', 'closed', 'hidden', 'none'].some(v =>
        ew.split(',').includes(v),
      )
    )
      throw illegalArgument(
        `No enum constant org.elasticsearch.action.support.IndicesOptions.WildcardStates.${ew.toUpperCase()}`,
      );
    return resolved.filter(i => mayRead(user, i.name));
  }

  function record(method: string, path: string, body: string) {
    requests.push({ method, path, body });
    if (requests.length > 200) requests.shift();
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const url = requestUrl(req);
    const method = req.method ?? 'GET';
    const headers = { 'X-elastic-product': 'Elasticsearch' };
    const send = (status: number, body: unknown) =>
      sendJson(res, status, body, 'application/json', headers);
    try {
      let segs: string[];
      try {
        segs = url.pathname
          .split('/')
          .filter(s => s !== '')
          .map(decodeURIComponent);
      } catch {
        throw illegalArgument(
          `unable to decode the path [${url.pathname}]: bad percent-encoding`,
        );
      }
      const user = authenticate(req, url.pathname);
      if (faults.delayMs) await new Promise(r => setTimeout(r, faults.delayMs));
      const started = Date.now();
      const allowOnly = (methods: string[]) => {
        if (!methods.includes(method))
          throw new EsError(405, {
            type: 'method_not_allowed',
            reason: `Incorrect HTTP method for uri [${
              url.pathname
            }] and method [${method}], allowed: [${methods.join(', ')}]`,
          });
      };

      if (segs.length === 0) {
        allowOnly(['GET', 'HEAD']);
        send(200, {
          name: 'sandbox-es-0',
          cluster_name: 'sandbox',
          cluster_uuid: 'c2FuZGJveC1jbHVzdGVy',
          version: {
            number: VERSION,
            build_flavor: 'default',
            build_type: 'tar',
            lucene_version: '9.11.1',
            minimum_wire_compatibility_version: '7.17.0',
            minimum_index_compatibility_version: '7.0.0',
          },
          tagline: 'You Know, for Search',
        });
        return;
      }

      const last = segs[segs.length - 1];
      if ((last === '_search' || last === '_count') && segs.length <= 2) {
        allowOnly(['GET', 'POST']);
        checkParams(
          url.searchParams,
          last === '_search' ? SEARCH_PARAMS : COUNT_PARAMS,
          url.pathname,
        );
        const body = (await readBody(req)).toString('utf8');
        record(method, `${url.pathname}${url.search}`, body);
        const expression = segs.length === 2 ? segs[0] : '_all';
        if (last === '_search') {
          const parsed = parseSearch(body, url.searchParams);
          const indices = resolveFor(
            user,
            expression,
            url.searchParams,
            'indices:data/read/search',
          );
          send(
            200,
            renderSearch(
              indices,
              parsed,
              faults.shardFailure,
              now(),
              Date.now() - started,
            ),
          );
        } else {
          parseBody(body);
          const indices = resolveFor(
            user,
            expression,
            url.searchParams,
            'indices:data/read/search',
          );
          send(200, renderCount(indices, body, faults.shardFailure, now()));
        }
        return;
      }

      if (segs[0] === '_cat' && segs[1] === 'indices' && segs.length <= 3) {
        allowOnly(['GET']);
        checkParams(url.searchParams, CAT_PARAMS, url.pathname);
        const indices =
          segs.length === 3
            ? resolveFor(
                user,
                segs[2],
                url.searchParams,
                'indices:monitor/stats',
              )
            : store.all().filter(i => mayRead(user, i.name));
        const rows = indices.map(i => ({
          health: 'yellow',
          status: 'open',
          index: i.name,
          uuid: i.uuid,
          pri: '1',
          rep: '1',
          'docs.count': String(i.docs.length),
          'docs.deleted': '0',
          'store.size': sizeText(i.bytes),
          'pri.store.size': sizeText(i.bytes),
          'dataset.size': sizeText(i.bytes),
        }));
        const h = url.searchParams.get('h');
        const cols = h
          ? h.split(',')
          : Object.keys(
              rows[0] ?? {
                health: '',
                status: '',
                index: '',
                uuid: '',
                pri: '',
                rep: '',
                'docs.count': '',
                'docs.deleted': '',
                'store.size': '',
                'pri.store.size': '',
                'dataset.size': '',
              },
            );
        const picked = rows.map(r =>
          Object.fromEntries(
            cols.map(k => [k, (r as Record<string, string>)[k] ?? null]),
          ),
        );
        if (url.searchParams.get('format') === 'json') {
          send(200, picked);
          return;
        }
        const table = [
          ...(url.searchParams.has('v') ? [cols] : []),
          ...picked.map(r => cols.map(k => String(r[k] ?? ''))),
        ];
        const widths = cols.map((_, i) =>
          Math.max(...table.map(r => r[i].length)),
        );
        sendText(
          res,
          200,
          table
            .map(r => `${r.map((v, i) => v.padEnd(widths[i])).join(' ')}\n`)
            .join(''),
          'text/plain; charset=UTF-8',
          headers,
        );
        return;
      }

      if (last === '_bulk' && segs.length <= 2) {
        allowOnly(['POST', 'PUT']);
        const body = (await readBody(req)).toString('utf8');
        send(200, bulk(body, segs.length === 2 ? segs[0] : undefined, started));
        return;
      }

      if (segs.length === 2 && segs[1] === '_doc') {
        allowOnly(['POST']);
        const source = parseBody((await readBody(req)).toString('utf8'));
        const doc = store.add(segs[0], source);
        send(201, created(doc));
        return;
      }

      send(400, {
        error: `no handler found for uri [${url.pathname}] and method [${method}]`,
      });
    } catch (e) {
      if (e instanceof EsError) {
        // the security layer answers 401/403 before the REST layer adds the product header
        const buf = Buffer.from(JSON.stringify(errorBody(e)), 'utf8');
        res.writeHead(e.status, {
          'Content-Type': 'application/json',
          'Content-Length': buf.length,
          ...(e.status === 401 || e.status === 403 ? {} : headers),
          ...e.headers,
        });
        res.end(buf);
        return;
      }
      throw e;
    }
  }

  function bulk(
    body: string,
    defaultIndex: string | undefined,
    started: number,
  ): unknown {
    const lines = body.split('\n').filter(l => l.trim() !== '');
    const items: unknown[] = [];
    let errors = false;
    for (let i = 0; i < lines.length; i += 2) {
      const action = parseBody(lines[i]);
      const [op, meta] = Object.entries(action)[0] ?? [];
      const m = (meta ?? {}) as { _index?: string; _id?: string };
      const index = m._index ?? defaultIndex;
      if (
        (op !== 'create' && op !== 'index') ||
        !index ||
        i + 1 >= lines.length
      ) {
        throw illegalArgument(
          `Malformed action/metadata line [${
            i + 1
          }], expected an index or create action with an index`,
        );
      }
      try {
        const doc = store.add(index, parseBody(lines[i + 1]), m._id);
        items.push({ [op]: { ...created(doc), status: 201 } });
      } catch (e) {
        if (!(e instanceof EsError)) throw e;
        errors = true;
        items.push({
          [op]: {
            _index: index,
            _id: m._id ?? null,
            status: e.status,
            error: e.cause0,
          },
        });
      }
    }
    return { errors, took: Date.now() - started, items };
  }

  return { handler: asyncHandler(handle), store, faults, requests };
}
