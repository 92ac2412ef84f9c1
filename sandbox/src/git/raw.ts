/**
 * File reads over plain HTTP, the way Backstage's URL readers fetch `catalog-info.yaml`:
 *
 * - `GET|HEAD /<owner>/<repo>(.git)?/raw/<branch or 40-hex commit>/<path>` (Backstage's FetchUrlReader), plus
 *   Gitea's spellings `/raw/branch/<branch>/<path>`, `/raw/commit/<sha>/<path>` and the web view
 *   `/src/branch/<branch>/<path>` (served as the raw bytes: the sandbox has no HTML views);
 * - `GET /api/v1/repos/<owner>/<repo>/contents/<path>?ref=<branch or sha>`: Gitea's contents API for a file
 *   (JSON, base64 `content`), which Backstage's GiteaUrlReader calls when `integrations.gitea` lists the host.
 *
 * Every segment is validated strictly; git runs with argument arrays only (`git cat-file --batch-check` fed
 * the object name on stdin, then `git show <blob sha>`). Missing repository, ref or file, or a path naming a
 * directory: 404 plain text. The blob sha is the ETag (`If-None-Match` answers 304).
 */
import { execFile, spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendText } from '../http/util.ts';
import { gitEnv } from './gitCli.ts';
import type { RepoId, RepoRoot } from './repos.ts';

const BRANCH = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/;
const COMMIT = /^[0-9a-f]{40}$/;
const PATH_SEGMENT = /^[A-Za-z0-9._@+-]{1,255}$/;
const MAX_PATH_SEGMENTS = 32;
const MAX_PATH_LENGTH = 1024;
/** Files above this are refused (the sandbox's repos hold small text files). */
const MAX_BLOB_BYTES = 16 * 1024 * 1024;

export interface RawTarget {
  /** fully qualified ref (`refs/heads/<branch>`) or a commit sha */
  rev: string;
  /** repository-relative path, `/`-separated */
  path: string;
}

function validBranch(branch: string): boolean {
  return (
    BRANCH.test(branch) &&
    !branch.includes('..') &&
    !branch.endsWith('.') &&
    !branch.endsWith('.lock')
  );
}

/** `refs/heads/<branch>` or the sha itself; undefined when `ref` is neither a valid branch name nor a sha. */
function revOf(ref: string): string | undefined {
  if (COMMIT.test(ref)) return ref;
  if (validBranch(ref)) return `refs/heads/${ref}`;
  return undefined;
}

/** Validates a repository-relative path given as segments; undefined when any segment is not acceptable. */
function joinPath(pathSegs: string[]): string | undefined {
  if (pathSegs.length === 0 || pathSegs.length > MAX_PATH_SEGMENTS)
    return undefined;
  if (pathSegs.some(s => !PATH_SEGMENT.test(s) || /^\.+$/.test(s)))
    return undefined;
  const path = pathSegs.join('/');
  return path.length > MAX_PATH_LENGTH ? undefined : path;
}

/**
 * Parses the segments after `raw` (or `src`): `<ref>/<path>`, or Gitea's `branch/<branch>/<path>` and
 * `commit/<sha>/<path>` (so a branch literally named `branch` or `commit` needs that long form, as on Gitea).
 * Undefined when any segment is not acceptable.
 */
export function parseRawTarget(segs: string[]): RawTarget | undefined {
  let rest = segs;
  let rev: string | undefined;
  if (segs[0] === 'branch' && segs.length >= 3) {
    rev = validBranch(segs[1]) ? `refs/heads/${segs[1]}` : undefined;
    rest = segs.slice(2);
  } else if (segs[0] === 'commit' && segs.length >= 3) {
    rev = COMMIT.test(segs[1]) ? segs[1] : undefined;
    rest = segs.slice(2);
  } else if (segs.length >= 2) {
    rev = revOf(segs[0]);
    rest = segs.slice(1);
  }
  const path = rev ? joinPath(rest) : undefined;
  return rev && path ? { rev, path } : undefined;
}

const CONTENT_TYPES: Record<string, string> = {
  yaml: 'application/yaml; charset=utf-8',
  yml: 'application/yaml; charset=utf-8',
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
};

/**
 * Content type from the extension; other text is `text/plain` (HTML and scripts too, like a raw host:
 * never rendered or run by a browser), other binary `application/octet-stream`.
 */
export function rawContentType(filePath: string, body: Buffer): string {
  const base = filePath.slice(filePath.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const known = CONTENT_TYPES[ext];
  if (known) return known;
  return body.subarray(0, 8000).includes(0)
    ? 'application/octet-stream'
    : 'text/plain; charset=utf-8';
}

/** `<sha> <type> <size>` of one object name, or undefined when it does not exist. */
function batchCheck(
  gitDir: string,
  name: string,
): Promise<{ sha: string; type: string; size: number } | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch-check'], {
      cwd: gitDir,
      env: gitEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', code => {
      if (code !== 0) {
        reject(new Error(`git cat-file exited with ${code}: ${err.trim()}`));
        return;
      }
      const m = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(out.trim());
      resolve(m ? { sha: m[1], type: m[2], size: Number(m[3]) } : undefined);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${name}\n`);
  });
}

function showBlob(gitDir: string, sha: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['show', sha],
      {
        cwd: gitDir,
        env: gitEnv(),
        encoding: 'buffer',
        maxBuffer: MAX_BLOB_BYTES + 1024,
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `git show failed: ${String(stderr).trim() || error.message}`,
            ),
          );
        else resolve(stdout);
      },
    );
  });
}

function notFound(res: ServerResponse, what: string): void {
  sendText(res, 404, `${what}\n`, 'text/plain; charset=utf-8', {
    'X-Content-Type-Options': 'nosniff',
  });
}

function methodAllowed(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  sendText(res, 405, 'method not allowed\n', 'text/plain; charset=utf-8', {
    Allow: 'GET, HEAD',
  });
  return false;
}

/** The blob at `target` in repository `id`; answers 404 itself and resolves undefined when there is none. */
async function findBlob(
  res: ServerResponse,
  repos: RepoRoot,
  id: RepoId,
  target: RawTarget | undefined,
) {
  if (!target) {
    notFound(res, 'Not Found');
    return undefined;
  }
  if (!(await repos.exists(id))) {
    notFound(res, `repository ${id.owner}/${id.name} not found`);
    return undefined;
  }
  const gitDir = repos.dirOf(id);
  const object = await batchCheck(gitDir, `${target.rev}:${target.path}`);
  if (!object || object.type !== 'blob') {
    notFound(
      res,
      `${target.path} not found at ${target.rev.replace(/^refs\/heads\//, '')}`,
    );
    return undefined;
  }
  if (object.size > MAX_BLOB_BYTES) {
    sendText(
      res,
      500,
      `${target.path} is larger than the sandbox serves (${MAX_BLOB_BYTES} bytes)\n`,
    );
    return undefined;
  }
  return { gitDir, sha: object.sha, size: object.size };
}

/** Serves one raw file; `rawSegs` are the decoded path segments after `/<owner>/<repo>/raw/` (or `/src/`). */
export async function serveRaw(
  req: IncomingMessage,
  res: ServerResponse,
  repos: RepoRoot,
  id: RepoId,
  rawSegs: string[],
): Promise<void> {
  if (!methodAllowed(req, res)) return;
  const target = parseRawTarget(rawSegs);
  const object = await findBlob(res, repos, id, target);
  if (!target || !object) return;
  const gitDir = object.gitDir;
  const etag = `"${object.sha}"`;
  const headers = {
    ETag: etag,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').some(t => t.trim().replace(/^W\//, '') === etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const body = await showBlob(gitDir, object.sha);
  res.writeHead(200, {
    ...headers,
    'Content-Type': rawContentType(target.path, body),
    'Content-Length': body.length,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Gitea's `GET /api/v1/repos/<owner>/<repo>/contents/<path>?ref=<branch or sha>` for a file (the default
 * branch when `ref` is absent): `{ name, path, sha, type: 'file', size, encoding: 'base64', content, ... }`.
 * Directories answer 404 here (Gitea lists them; the sandbox's readers only read files).
 */
export async function serveContents(
  req: IncomingMessage,
  res: ServerResponse,
  repos: RepoRoot,
  id: RepoId,
  pathSegs: string[],
  ref: string | null,
  baseUrl: string,
): Promise<void> {
  if (!methodAllowed(req, res)) return;
  let rev: string | undefined = 'HEAD';
  if (ref !== null) rev = revOf(ref);
  const path = joinPath(pathSegs);
  const target = rev && path ? { rev, path } : undefined;
  const object = await findBlob(res, repos, id, target);
  if (!target || !object) return;
  const body = await showBlob(object.gitDir, object.sha);
  const branch = ref ?? 'main';
  const web = `${baseUrl}/${id.owner}/${id.name}`;
  sendJson(
    res,
    200,
    {
      name: target.path.slice(target.path.lastIndexOf('/') + 1),
      path: target.path,
      sha: object.sha,
      type: 'file',
      size: object.size,
      encoding: 'base64',
      content: body.toString('base64'),
      target: null,
      url: `${baseUrl}/api/v1/repos/${id.owner}/${id.name}/contents/${target.path}?ref=${branch}`,
      html_url: `${web}/src/branch/${branch}/${target.path}`,
      git_url: `${baseUrl}/api/v1/repos/${id.owner}/${id.name}/git/blobs/${object.sha}`,
      download_url: `${web}/raw/branch/${branch}/${target.path}`,
      submodule_git_url: null,
    },
    'application/json;charset=utf-8',
    { ETag: `"${object.sha}"`, 'X-Content-Type-Options': 'nosniff' },
  );
}
