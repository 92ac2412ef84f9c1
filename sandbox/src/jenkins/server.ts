/* eslint-disable consistent-return -- request handlers end branches with `return send...()`; the value is unused */
/**
 * Jenkins HTTP API simulator: crumb issuer + session, basic API-token auth, createItem (folders are
 * items), config.xml, job/build/queue JSON with `tree`, build triggers and console text.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  asyncHandler,
  baseUrlOf,
  parseBasicAuth,
  parseCookies,
  readBody,
  requestUrl,
  safeEqual,
  sendJson,
  sendText,
  type Handler,
} from '../http/util.ts';
import type { JenkinsController } from './controller.ts';
import { checkItemName, type Build, type Job } from './model.ts';
import { browserPage } from './pages.ts';
import {
  buildJson,
  folderJson,
  listedItem,
  jobJson,
  queueItemJson,
} from './render.ts';
import { applyTree, parseTree, TreeParseError } from './tree.ts';

export interface JenkinsSimOptions {
  controller: JenkinsController;
  username: string;
  apiToken: string;
}

const VERSION = '2.479.1';
const COOKIE = `JSESSIONID.${createHash('sha256')
  .update('sandbox-jenkins')
  .digest('hex')
  .slice(0, 8)}`;

function html(
  res: ServerResponse,
  status: number,
  title: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = `<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>\n<title>Error ${status} ${title}</title>\n</head>\n<body><h2>HTTP ERROR ${status} ${title}</h2>\n<table>\n<tr><th>URI:</th><td>${message}</td></tr>\n<tr><th>STATUS:</th><td>${status}</td></tr>\n<tr><th>MESSAGE:</th><td>${title}</td></tr>\n</table>\n</body>\n</html>\n`;
  sendText(res, status, body, 'text/html;charset=utf-8', {
    'X-Jenkins': VERSION,
    ...headers,
  });
}

/** Header values must be latin1 for Node; send the UTF-8 bytes of the message as Jenkins does. */
function headerValue(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  url: URL,
): void {
  const tree = url.searchParams.get('tree');
  let out = body;
  if (tree) out = applyTree(body, parseTree(tree));
  sendJson(res, status, out, 'application/json;charset=utf-8', {
    'X-Jenkins': VERSION,
  });
}

interface Session {
  user: string;
  crumb: string;
}

type Auth =
  | { user: string; viaToken: boolean; session?: Session }
  | { error: 'anonymous' }
  | { error: 'bad'; user: string };

/** Splits `/job/a/job/b/rest...` into the item path and the rest. */
function splitJobPath(segs: string[]): { path: string[]; rest: string[] } {
  const path: string[] = [];
  let i = 0;
  while (segs[i] === 'job' && i + 1 < segs.length) {
    path.push(segs[i + 1]);
    i += 2;
  }
  return { path, rest: segs.slice(i) };
}

const BUILD_ALIASES: Record<string, (b: Build) => boolean> = {
  lastBuild: () => true,
  lastCompletedBuild: b => !b.building,
  lastSuccessfulBuild: b =>
    !b.building && (b.result === 'SUCCESS' || b.result === 'UNSTABLE'),
  lastStableBuild: b => !b.building && b.result === 'SUCCESS',
  lastFailedBuild: b => !b.building && b.result === 'FAILURE',
  lastUnsuccessfulBuild: b => !b.building && b.result !== 'SUCCESS',
};

function findBuild(job: Job, ref: string): Build | undefined {
  if (/^[0-9]+$/.test(ref))
    return job.builds.find(b => b.number === Number(ref));
  const pred = BUILD_ALIASES[ref];
  if (!pred) return undefined;
  return [...job.builds].sort((a, b) => b.number - a.number).find(pred);
}

export function createJenkinsHandler(opts: JenkinsSimOptions): Handler {
  const { controller } = opts;
  const sessions = new Map<string, Session>();
  const crumbSalt = randomBytes(16).toString('hex');

  const authenticate = (req: IncomingMessage): Auth => {
    const creds = parseBasicAuth(req);
    const sid = parseCookies(req).get(COOKIE);
    const session = sid ? sessions.get(sid) : undefined;
    if (creds) {
      if (
        safeEqual(creds.username, opts.username) &&
        safeEqual(creds.password, opts.apiToken)
      ) {
        return { user: creds.username, viaToken: true, session };
      }
      return { error: 'bad', user: creds.username };
    }
    if (session) return { user: session.user, viaToken: false, session };
    return { error: 'anonymous' };
  };

  return asyncHandler(
    async (req, res) => {
      const url = requestUrl(req);
      const method = req.method ?? 'GET';
      let segs: string[];
      try {
        segs = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      } catch {
        return html(res, 400, 'Bad Request', url.pathname);
      }
      const base = baseUrlOf(req);

      if (
        segs.length === 0 &&
        method === 'GET' &&
        url.searchParams.has('ping')
      ) {
        return sendText(res, 200, '', 'text/plain', { 'X-Jenkins': VERSION });
      }
      if (segs[0] === 'login' && method === 'GET') {
        return sendText(
          res,
          200,
          '<html><body>Sign in to Jenkins</body></html>',
          'text/html;charset=utf-8',
          { 'X-Jenkins': VERSION },
        );
      }

      // A browser following a card's link (HTML, no credentials): a readable page instead of a 403.
      if (
        method === 'GET' &&
        !req.headers.authorization &&
        (req.headers.accept ?? '').includes('text/html')
      ) {
        const { path: pagePath, rest: pageRest } = splitJobPath(segs);
        const page = browserPage(
          controller.find(pagePath),
          pagePath,
          pageRest,
          base,
          findBuild,
        );
        if (page)
          return sendText(
            res,
            page.status,
            page.body,
            'text/html;charset=utf-8',
            { 'X-Jenkins': VERSION },
          );
      }

      const auth = authenticate(req);
      if ('error' in auth) {
        if (auth.error === 'bad') {
          return html(
            res,
            401,
            'Unauthorized',
            `Invalid password/token for user: ${auth.user}`,
            { 'WWW-Authenticate': 'Basic realm="Jenkins"' },
          );
        }
        return html(res, 403, 'Forbidden', 'Authentication required', {
          'X-You-Are-Authenticated-As': 'anonymous',
          'X-You-Are-In-Group-Disabled':
            'JENKINS-39402: use -Dhudson.security.AccessDeniedException2.REPORT_GROUP_HEADERS=true or use /whoAmI to diagnose',
          'X-Required-Permission': 'hudson.model.Hudson.Read',
        });
      }

      if (method === 'POST' && !auth.viaToken) {
        const sent = req.headers['jenkins-crumb'];
        const crumb = auth.session?.crumb;
        if (!crumb || typeof sent !== 'string' || !safeEqual(sent, crumb)) {
          return html(
            res,
            403,
            'No valid crumb was included in the request',
            url.pathname,
          );
        }
      }

      const p = segs.join('/');
      if (p === 'crumbIssuer/api/json' && method === 'GET') {
        let sid = parseCookies(req).get(COOKIE);
        let session = sid ? sessions.get(sid) : undefined;
        const headers: Record<string, string> = {};
        if (!session || !sid) {
          sid = randomBytes(16).toString('hex');
          session = {
            user: auth.user,
            crumb: createHash('sha256')
              .update(`${sid}${crumbSalt}`)
              .digest('hex'),
          };
          sessions.set(sid, session);
          headers['Set-Cookie'] = `${COOKIE}=${sid}; Path=/; HttpOnly`;
        }
        return sendJson(
          res,
          200,
          {
            _class: 'hudson.security.csrf.DefaultCrumbIssuer',
            crumb: session.crumb,
            crumbRequestField: 'Jenkins-Crumb',
          },
          'application/json;charset=utf-8',
          { 'X-Jenkins': VERSION, ...headers },
        );
      }
      if (p === 'me/api/json' || p === 'whoAmI/api/json') {
        return json(
          res,
          200,
          {
            _class: 'hudson.model.User',
            absoluteUrl: `${base}/user/${auth.user}`,
            description: null,
            fullName: auth.user,
            id: auth.user,
          },
          url,
        );
      }
      if (segs[0] === 'queue') {
        if (
          segs[1] === 'item' &&
          /^[0-9]+$/.test(segs[2] ?? '') &&
          segs[3] === 'api' &&
          segs[4] === 'json' &&
          segs.length === 5
        ) {
          const q = controller.queueItem(Number(segs[2]));
          if (!q) return html(res, 404, 'Not Found', url.pathname);
          const job = controller.find(q.jobPath);
          return json(
            res,
            200,
            queueItemJson(q, job?.type === 'job' ? job : undefined, base),
            url,
          );
        }
        if (p === 'queue/api/json')
          return json(
            res,
            200,
            { _class: 'hudson.model.Queue', discoverableItems: [], items: [] },
            url,
          );
        return html(res, 404, 'Not Found', url.pathname);
      }

      const { path, rest } = splitJobPath(segs);
      const item = controller.find(path);
      if (!item) return html(res, 404, 'Not Found', url.pathname);
      const r = rest.join('/');

      // item creation inside the root or a folder
      if (r === 'createItem') {
        if (method !== 'POST')
          return html(res, 405, 'Method Not Allowed', url.pathname);
        if (item.type !== 'folder')
          return html(res, 404, 'Not Found', url.pathname);
        const name = url.searchParams.get('name') ?? '';
        const mode = url.searchParams.get('mode');
        if (mode)
          return html(
            res,
            400,
            'Bad Request',
            'mode=copy is not supported by the sandbox',
            { 'X-Error': 'mode is not supported by the sandbox' },
          );
        const problem = checkItemName(name);
        if (problem)
          return html(res, 400, 'Bad Request', problem, {
            'X-Error': headerValue(problem),
          });
        const ct = (req.headers['content-type'] ?? '').split(';')[0].trim();
        if (!['application/xml', 'text/xml'].includes(ct)) {
          return html(
            res,
            400,
            'Bad Request',
            'Content-Type must be application/xml',
            { 'X-Error': 'No mode given' },
          );
        }
        const body = (await readBody(req, 1024 * 1024)).toString('utf8');
        const created = controller.create(path, name, body);
        if (!created.ok) {
          if (created.status === 400)
            return html(res, 400, 'Bad Request', created.error, {
              'X-Error': headerValue(created.error),
            });
          return html(
            res,
            created.status,
            created.status === 404 ? 'Not Found' : 'Server Error',
            created.error,
          );
        }
        return sendText(res, 200, '', 'text/plain', { 'X-Jenkins': VERSION });
      }

      if (r === 'config.xml') {
        if (path.length === 0) return html(res, 404, 'Not Found', url.pathname);
        if (method === 'GET')
          return sendText(res, 200, item.configXml, 'application/xml', {
            'X-Jenkins': VERSION,
          });
        if (method === 'POST') {
          const body = (await readBody(req, 1024 * 1024)).toString('utf8');
          const u = controller.updateConfig(item, body);
          if (!u.ok) return html(res, 500, 'Server Error', u.error);
          return sendText(res, 200, '', 'text/plain', { 'X-Jenkins': VERSION });
        }
        return html(res, 405, 'Method Not Allowed', url.pathname);
      }

      if (r === 'api/json') {
        if (path.length === 0) {
          return json(
            res,
            200,
            {
              _class: 'hudson.model.Hudson',
              mode: 'NORMAL',
              nodeDescription: 'the Jenkins controller (sandbox)',
              nodeName: '',
              numExecutors: 2,
              description: null,
              jobs: [...controller.root.items.values()].map(i =>
                listedItem(i, [i.name], base, url.searchParams.has('tree')),
              ),
              quietingDown: false,
              url: `${base}/`,
              useCrumbs: true,
              useSecurity: true,
            },
            url,
          );
        }
        if (item.type === 'folder')
          return json(
            res,
            200,
            folderJson(item, path, base, url.searchParams.has('tree')),
            url,
          );
        return json(
          res,
          200,
          jobJson(
            item,
            path,
            base,
            controller.pendingFor(path),
            url.searchParams.has('tree'),
          ),
          url,
        );
      }

      if (item.type !== 'job') return html(res, 404, 'Not Found', url.pathname);

      if (r === 'build' || r === 'buildWithParameters') {
        if (method !== 'POST')
          return html(res, 405, 'Method Not Allowed', url.pathname);
        if (item.disabled)
          return html(res, 409, 'Conflict', `${path.join('/')} is disabled`);
        const q = controller.schedule(path);
        res.writeHead(201, {
          Location: `${base}/queue/item/${q.id}/`,
          'X-Jenkins': VERSION,
          'Content-Length': 0,
        });
        res.end();
        return;
      }

      if (
        rest.length >= 2 &&
        (/^[0-9]+$/.test(rest[0]) || rest[0] in BUILD_ALIASES)
      ) {
        const b = findBuild(item, rest[0]);
        if (!b) return html(res, 404, 'Not Found', url.pathname);
        const sub = rest.slice(1).join('/');
        if (sub === 'api/json')
          return json(res, 200, buildJson(item, path, b, base), url);
        if (sub === 'consoleText')
          return sendText(
            res,
            200,
            `${b.log.join('\n')}\n`,
            'text/plain;charset=utf-8',
            { 'X-Jenkins': VERSION },
          );
        return html(res, 404, 'Not Found', url.pathname);
      }
      if (rest.length === 0 && method === 'GET') {
        return sendText(
          res,
          200,
          `<html><head><title>${path.join(
            ' » ',
          )} [Jenkins]</title></head><body><h1>${path.join(
            ' » ',
          )}</h1></body></html>`,
          'text/html;charset=utf-8',
          { 'X-Jenkins': VERSION },
        );
      }
      return html(res, 404, 'Not Found', url.pathname);
    },
    (err, _req, res) => {
      if (err instanceof TreeParseError) {
        html(res, 400, 'Bad Request', err.message);
        return;
      }
      if (!res.headersSent)
        html(res, 500, 'Server Error', (err as Error).message);
    },
  );
}
