import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A real `git http-backend` behind a tiny node server on 127.0.0.1:0 (tests and the bench). */
export interface GitHttpServer {
  baseUrl: string;
  host: string;
  root: string;
  /** Requests seen, for asserting that no credential leaked into a URL. */
  requests: Array<{ method: string; url: string; authorization?: string }>;
  /** Hook run before a push is handed to git; return a status to refuse it. */
  beforePush?: (repoPath: string) => Promise<number | void> | number | void;
  close(): Promise<void>;
}

/** Creates a bare repository with one commit holding `files`. */
export function seedBareRepo(
  root: string,
  repoPath: string,
  files: Record<string, string>,
  branch = 'main',
) {
  const bare = path.join(root, repoPath);
  execFileSync('git', [
    'init',
    '--quiet',
    '--bare',
    '--initial-branch',
    branch,
    bare,
  ]);
  const work = mkdtempSync(path.join(os.tmpdir(), 'seed-'));
  try {
    execFileSync('git', ['init', '--quiet', '--initial-branch', branch], {
      cwd: work,
    });
    for (const [file, content] of Object.entries(files)) {
      const target = path.join(work, file);
      execFileSync('mkdir', ['-p', path.dirname(target)]);
      require('node:fs').writeFileSync(target, content);
    }
    execFileSync('git', ['add', '-A'], { cwd: work });
    execFileSync(
      'git',
      [
        '-c',
        'user.name=seed',
        '-c',
        'user.email=seed@x',
        'commit',
        '--quiet',
        '-m',
        'seed',
      ],
      { cwd: work },
    );
    execFileSync(
      'git',
      ['push', '--quiet', bare, `HEAD:refs/heads/${branch}`],
      { cwd: work },
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return bare;
}

/** Reads a file at the tip of a bare repo's branch, or undefined. */
export function readBareFile(
  bare: string,
  file: string,
  branch = 'main',
): string | undefined {
  try {
    return execFileSync(
      'git',
      ['--git-dir', bare, 'show', `${branch}:${file}`],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
  } catch {
    return undefined;
  }
}

/** Number of commits on a bare repo's branch. */
export function commitCount(bare: string, branch = 'main'): number {
  return Number(
    execFileSync('git', ['--git-dir', bare, 'rev-list', '--count', branch], {
      encoding: 'utf8',
    }).trim(),
  );
}

/**
 * Starts the server. Reads are anonymous; pushes need basic `username:token`; a push to a missing
 * repository creates it (push-to-create, like the sandbox).
 */
export async function startGitHttpServer(options: {
  username: string;
  token: string;
  root?: string;
}): Promise<GitHttpServer> {
  const root = options.root ?? mkdtempSync(path.join(os.tmpdir(), 'git-http-'));
  const expected = `Basic ${Buffer.from(
    `${options.username}:${options.token}`,
  ).toString('base64')}`;
  const state: GitHttpServer = {
    baseUrl: '',
    host: '',
    root,
    requests: [],
    close: async () => {},
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    state.requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '',
      authorization: req.headers.authorization,
    });
    const isPush =
      url.searchParams.get('service') === 'git-receive-pack' ||
      url.pathname.endsWith('/git-receive-pack');
    const authed = req.headers.authorization === expected;
    if (isPush && !authed) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' });
      res.end();
      return;
    }
    const match = /^\/(.+?\.git)\//.exec(url.pathname);
    if (!match || match[1].split('/').some(s => s === '..')) {
      res.writeHead(404);
      res.end();
      return;
    }
    const repoDir = path.join(root, match[1]);
    if (!existsSync(repoDir)) {
      if (isPush && authed) {
        execFileSync('git', [
          'init',
          '--quiet',
          '--bare',
          '--initial-branch',
          'main',
          repoDir,
        ]);
      } else {
        res.writeHead(404);
        res.end();
        return;
      }
    }
    if (
      isPush &&
      url.pathname.endsWith('/git-receive-pack') &&
      state.beforePush
    ) {
      const status = await state.beforePush(match[1]);
      if (status) {
        req.resume();
        res.writeHead(status);
        res.end('refused by test');
        return;
      }
    }
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        REQUEST_METHOD: req.method,
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
        REMOTE_ADDR: '127.0.0.1',
        ...(authed ? { REMOTE_USER: options.username } : {}),
      },
    });
    req.pipe(child.stdin);
    const chunks: Buffer[] = [];
    child.stdout.on('data', chunk => chunks.push(chunk));
    child.on('close', () => {
      const output = Buffer.concat(chunks);
      const split = output.indexOf('\r\n\r\n');
      const headerText = output.subarray(0, split).toString('latin1');
      const body = output.subarray(split + 4);
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of headerText.split('\r\n')) {
        const index = line.indexOf(':');
        const key = line.slice(0, index).trim();
        const value = line.slice(index + 1).trim();
        if (key.toLowerCase() === 'status') {
          status = Number(value.split(' ')[0]);
        } else if (key) {
          headers[key] = value;
        }
      }
      res.writeHead(status, headers);
      res.end(body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  state.host = `127.0.0.1:${port}`;
  state.baseUrl = `http://${state.host}`;
  state.close = () =>
    new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
