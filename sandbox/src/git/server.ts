/**
 * Git smart HTTP: runs `git http-backend` as a CGI per request. Anonymous read; push needs basic auth
 * with the sandbox credentials; the first authenticated push to a missing repository creates it.
 * Every ref change made by a push is emitted as a `ref-update` event. `/<owner>/<repo>/raw/<branch>/<path>`
 * serves single files (see raw.ts) for Backstage's URL reader.
 */
import { spawn } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  asyncHandler,
  baseUrlOf,
  parseBasicAuth,
  pathSegments,
  requestUrl,
  safeEqual,
  sendText,
  type Handler,
} from '../http/util.ts';
import { promises as fs } from 'node:fs';
import { gitEnv } from './gitCli.ts';
import { gitwebConfig, gitwebRoute, serveGitweb } from './gitweb.ts';
import { serveContents, serveRaw } from './raw.ts';
import { RepoRoot, validRepoId, type RepoId } from './repos.ts';

export interface RefUpdate {
  owner: string;
  name: string;
  ref: string;
  /** previous sha, or undefined for a new ref */
  before?: string;
  /** new sha, or undefined for a deleted ref */
  after?: string;
}

export interface GitServerOptions {
  repos: RepoRoot;
  username: string;
  password: string;
  /** receives `ref-update` events (RefUpdate) */
  events: EventEmitter;
}

const GIT_SUFFIXES = [
  'info/refs',
  'HEAD',
  'git-upload-pack',
  'git-receive-pack',
];

function unauthorized(res: ServerResponse): void {
  sendText(
    res,
    401,
    'authentication required to push\n',
    'text/plain; charset=utf-8',
    {
      'WWW-Authenticate': 'Basic realm="sandbox git"',
    },
  );
}

/** Splits `/owner/name(.git)/rest...` */
function parseRepoPath(
  segs: string[],
): { id: RepoId; rest: string } | undefined {
  if (segs.length < 3) return undefined;
  const id = validRepoId(segs[0], segs[1]);
  if (!id) return undefined;
  const rest = segs.slice(2).join('/');
  if (!GIT_SUFFIXES.includes(rest) && !rest.startsWith('objects/'))
    return undefined;
  if (rest.split('/').some(s => s === '..' || s === '.')) return undefined;
  return { id, rest };
}

/** Runs http-backend and relays its CGI response. Resolves once the response is finished. */
function runCgi(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  pathInfo: string,
  query: string,
  remoteUser: string | undefined,
): Promise<void> {
  return new Promise(resolve => {
    const env: Record<string, string> = {
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: pathInfo,
      REQUEST_METHOD: req.method ?? 'GET',
      QUERY_STRING: query,
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
      GATEWAY_INTERFACE: 'CGI/1.1',
    };
    if (req.headers['content-length'] !== undefined)
      env.CONTENT_LENGTH = String(req.headers['content-length']);
    if (req.headers['content-encoding'])
      env.HTTP_CONTENT_ENCODING = String(req.headers['content-encoding']);
    if (req.headers['git-protocol'])
      env.GIT_PROTOCOL = String(req.headers['git-protocol']);
    if (remoteUser) env.REMOTE_USER = remoteUser;
    const child = spawn('git', ['http-backend'], {
      env: gitEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let headerBuf = Buffer.alloc(0);
    let headersDone = false;
    let stderr = '';
    const finish = () => resolve();
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      headerBuf = Buffer.concat([headerBuf, chunk]);
      let end = headerBuf.indexOf('\r\n\r\n');
      let sepLen = 4;
      if (end < 0) {
        end = headerBuf.indexOf('\n\n');
        sepLen = 2;
      }
      if (end < 0) return;
      headersDone = true;
      const head = headerBuf.subarray(0, end).toString('latin1');
      const body = headerBuf.subarray(end + sepLen);
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.split(/\r?\n/)) {
        const c = line.indexOf(':');
        if (c <= 0) continue;
        const k = line.slice(0, c).trim();
        const v = line.slice(c + 1).trim();
        if (k.toLowerCase() === 'status') status = parseInt(v, 10) || 200;
        else headers[k] = v;
      }
      res.writeHead(status, headers);
      if (body.length) res.write(body);
    });
    child.on('error', err => {
      if (!res.headersSent)
        sendText(res, 500, `git http-backend failed: ${err.message}\n`);
      else res.destroy();
      finish();
    });
    child.on('close', code => {
      if (!headersDone) {
        if (!res.headersSent)
          sendText(
            res,
            500,
            `git http-backend exited with ${code}: ${stderr.trim()}\n`,
          );
      } else res.end();
      finish();
    });
    req.pipe(child.stdin);
    child.stdin.on('error', () => undefined);
    res.on('close', () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    });
  });
}

export function createGitHandler(opts: GitServerOptions): Handler {
  const { repos } = opts;
  const locks = new Map<string, Promise<void>>();
  let gitwebConf: Promise<string> | undefined;
  const gitwebConfigFile = () => {
    gitwebConf ??= (async () => {
      const file = `${repos.root}.gitweb.conf`;
      await fs.writeFile(file, gitwebConfig(repos.root));
      return file;
    })();
    return gitwebConf;
  };

  const withRepoLock = async (key: string, fn: () => Promise<void>) => {
    const prev = locks.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>(r => {
      release = r;
    });
    const chained = prev.then(() => mine);
    locks.set(key, chained);
    await prev;
    try {
      await fn();
    } finally {
      release();
      if (locks.get(key) === chained) locks.delete(key);
    }
  };

  return asyncHandler(async (req, res) => {
    const url = requestUrl(req);
    if (url.pathname === '/' || url.pathname === '/healthz') {
      sendText(res, 200, 'sandbox git http-backend\n');
      return;
    }
    const segs = pathSegments(url.pathname);
    const contentsApi =
      segs &&
      segs.length >= 7 &&
      segs[0] === 'api' &&
      segs[1] === 'v1' &&
      segs[2] === 'repos' &&
      segs[5] === 'contents';
    const fileRead =
      segs && segs.length >= 3 && (segs[2] === 'raw' || segs[2] === 'src');
    if (segs && (contentsApi || fileRead)) {
      const readId = contentsApi
        ? validRepoId(segs[3], segs[4])
        : validRepoId(segs[0], segs[1]);
      const readCreds = parseBasicAuth(req);
      if (
        readId &&
        readCreds &&
        !(
          safeEqual(readCreds.username, opts.username) &&
          safeEqual(readCreds.password, opts.password)
        )
      ) {
        unauthorized(res);
        return;
      }
      if (readId && contentsApi) {
        await serveContents(
          req,
          res,
          repos,
          readId,
          segs.slice(6),
          url.searchParams.get('ref'),
          baseUrlOf(req),
        );
        return;
      }
      if (readId) {
        await serveRaw(req, res, repos, readId, segs.slice(3));
        return;
      }
    }
    // A browser on a repository or commit link: gitweb's pages (see gitweb.ts).
    const web =
      segs && req.method === 'GET' ? gitwebRoute(segs, url.search) : undefined;
    if (web) {
      await serveGitweb(req, res, web, await gitwebConfigFile());
      return;
    }
    const parsed = segs ? parseRepoPath(segs) : undefined;
    if (!parsed) {
      sendText(res, 404, 'Not Found\n');
      return;
    }
    const { id, rest } = parsed;
    const service = url.searchParams.get('service');
    const isPush =
      rest === 'git-receive-pack' ||
      (rest === 'info/refs' && service === 'git-receive-pack');
    let remoteUser: string | undefined;
    const creds = parseBasicAuth(req);
    if (creds) {
      if (
        !(
          safeEqual(creds.username, opts.username) &&
          safeEqual(creds.password, opts.password)
        )
      ) {
        unauthorized(res);
        return;
      }
      remoteUser = creds.username;
    }
    if (isPush && !remoteUser) {
      unauthorized(res);
      return;
    }
    if (
      rest === 'info/refs' &&
      service === 'git-receive-pack' &&
      !(await repos.exists(id))
    ) {
      await repos.ensureBare(id);
    }
    const pathInfo = `/${id.owner}/${id.name}.git/${rest}`;
    const query = url.search.startsWith('?') ? url.search.slice(1) : '';
    if (rest === 'git-receive-pack' && req.method === 'POST') {
      await withRepoLock(`${id.owner}/${id.name}`, async () => {
        const before = await repos.refs(id);
        await runCgi(req, res, repos.root, pathInfo, query, remoteUser);
        const after = await repos.refs(id);
        for (const [ref, sha] of after) {
          if (before.get(ref) !== sha) {
            opts.events.emit('ref-update', {
              owner: id.owner,
              name: id.name,
              ref,
              before: before.get(ref),
              after: sha,
            } satisfies RefUpdate);
          }
        }
        for (const [ref, sha] of before) {
          if (!after.has(ref))
            opts.events.emit('ref-update', {
              owner: id.owner,
              name: id.name,
              ref,
              before: sha,
            } satisfies RefUpdate);
        }
      });
      return;
    }
    await runCgi(req, res, repos.root, pathInfo, query, remoteUser);
  });
}
