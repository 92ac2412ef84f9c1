/**
 * Browsable repositories for the links the portal shows (`/<owner>/<repo>`, `/<owner>/<repo>/commit/<sha>`),
 * through Debian's gitweb (`/usr/share/gitweb/gitweb.cgi`, a CGI like git http-backend) at `/gitweb/`.
 * Read-only, GET only; gitweb needs perl's CGI module (Debian: libcgi-pm-perl). Without gitweb the routes
 * answer a plain-text 503 naming what is missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { sendText } from '../http/util.ts';
import { validRepoId, type RepoId } from './repos.ts';

export const GITWEB_CGI = '/usr/share/gitweb/gitweb.cgi';
const STATIC_DIR = '/usr/share/gitweb/static';
const STATIC_TYPES: Record<string, string> = {
  '.css': 'text/css',
  '.js': 'application/javascript',
  '.png': 'image/png',
};

/** What a browser asked for: a gitweb view, or one of gitweb's static files. */
export type GitwebRoute =
  | { kind: 'cgi'; query: string }
  | { kind: 'static'; file: string };

/**
 * The gitweb route of a path, or undefined when it is not one: `/<owner>/<repo>` (summary),
 * `/<owner>/<repo>/commit/<sha>`, `/gitweb/?<gitweb's own query>`, `/gitweb/static/<file>`.
 */
export function gitwebRoute(
  segs: string[],
  search: string,
): GitwebRoute | undefined {
  if (segs[0] === 'gitweb') {
    if (segs.length === 1)
      return { kind: 'cgi', query: search.replace(/^\?/, '') };
    if (
      segs.length === 3 &&
      segs[1] === 'static' &&
      /^[a-z-]+\.(css|js|png)$/.test(segs[2])
    )
      return { kind: 'static', file: segs[2] };
    return undefined;
  }
  const id: RepoId | undefined =
    segs.length >= 2
      ? validRepoId(segs[0], segs[1].replace(/\.git$/, ''))
      : undefined;
  if (!id) return undefined;
  const project = encodeURIComponent(`${id.owner}/${id.name}.git`);
  if (segs.length === 2)
    return { kind: 'cgi', query: `p=${project};a=summary` };
  if (
    segs.length === 4 &&
    segs[2] === 'commit' &&
    /^[0-9a-f]{4,64}$/.test(segs[3])
  ) {
    return { kind: 'cgi', query: `p=${project};a=commit;h=${segs[3]}` };
  }
  return undefined;
}

let available: boolean | undefined;

/** Whether gitweb can run here: its script and perl's CGI module (checked once). */
export function gitwebAvailable(): boolean {
  if (available === undefined) {
    try {
      accessSync(GITWEB_CGI, constants.R_OK);
      available =
        spawnSync('perl', ['-MCGI', '-e', '1'], {
          stdio: 'ignore',
          timeout: 10_000,
        }).status === 0;
    } catch {
      available = false;
    }
  }
  return available;
}

/** gitweb's configuration: the repositories' root and the static files under `/gitweb/static/`. */
export function gitwebConfig(projectRoot: string): string {
  const perlString = (s: string) =>
    `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return [
    `our $projectroot = ${perlString(projectRoot)};`,
    `our $site_name = 'Sandbox git';`,
    `our @stylesheets = ('/gitweb/static/gitweb.css');`,
    `our $javascript = '/gitweb/static/gitweb.js';`,
    `our $logo = '/gitweb/static/git-logo.png';`,
    `our $favicon = '/gitweb/static/git-favicon.png';`,
    `our $home_link = '/gitweb/';`,
    `our $my_uri = '/gitweb/';`,
    `our $base_url = '/gitweb/';`,
    '1;',
    '',
  ].join('\n');
}

/** Serves one gitweb route; `configFile` is written once by the caller from {@link gitwebConfig}. */
export async function serveGitweb(
  req: IncomingMessage,
  res: ServerResponse,
  route: GitwebRoute,
  configFile: string,
): Promise<void> {
  if (route.kind === 'static') {
    const body = await fs
      .readFile(path.join(STATIC_DIR, route.file))
      .catch(() => undefined);
    if (!body) {
      sendText(res, 404, 'Not Found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': STATIC_TYPES[path.extname(route.file)],
      'Content-Length': body.length,
      'Cache-Control': 'max-age=3600',
    });
    res.end(body);
    return;
  }
  if (!gitwebAvailable()) {
    sendText(
      res,
      503,
      `gitweb is not installed (${GITWEB_CGI}; Debian package git, plus libcgi-pm-perl)\n`,
    );
    return;
  }
  const host = req.headers.host ?? 'localhost';
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    GATEWAY_INTERFACE: 'CGI/1.1',
    REQUEST_METHOD: 'GET',
    QUERY_STRING: route.query,
    SCRIPT_NAME: '/gitweb/',
    PATH_INFO: '',
    REQUEST_URI: `/gitweb/?${route.query}`,
    SERVER_NAME: host.replace(/:\d+$/, ''),
    SERVER_PORT: /:(\d+)$/.exec(host)?.[1] ?? '80',
    SERVER_PROTOCOL: 'HTTP/1.1',
    HTTP_HOST: host,
    GITWEB_CONFIG: configFile,
    GITWEB_CONFIG_SYSTEM: '/dev/null',
  };
  const output = await new Promise<Buffer>((resolve, reject) => {
    const child = spawn('perl', [GITWEB_CGI], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      if (code === 0 || chunks.length > 0) resolve(Buffer.concat(chunks));
      else
        reject(
          new Error(
            `gitweb exited with ${code}: ${stderr.trim().slice(0, 300)}`,
          ),
        );
    });
  });
  const split =
    output.indexOf('\r\n\r\n') >= 0
      ? output.indexOf('\r\n\r\n')
      : output.indexOf('\n\n');
  const sepLength = output.indexOf('\r\n\r\n') >= 0 ? 4 : 2;
  const head = split >= 0 ? output.subarray(0, split).toString('latin1') : '';
  const body = split >= 0 ? output.subarray(split + sepLength) : output;
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status')
      status = Number.parseInt(value, 10) || 200;
    else headers[name] = value;
  }
  headers['Content-Length'] = String(body.length);
  res.writeHead(status, headers);
  res.end(body);
}
