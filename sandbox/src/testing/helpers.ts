/** Test helpers: mount a handler on an ephemeral port, read recorded fixtures, compare JSON shapes. */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { findRepoRoot } from '../config.ts';
import { closeServer, listen, type Handler } from '../http/util.ts';

export { FREE_PORTS } from '../config.ts';

export interface Mounted {
  url: string;
  server: http.Server;
  close: () => Promise<void>;
}

export async function mount(
  handler: Handler,
  configure?: (s: http.Server) => void,
): Promise<Mounted> {
  const server = http.createServer(handler);
  configure?.(server);
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => closeServer(server),
  };
}

export interface Fixture {
  request: {
    method: string;
    path: string;
    query: Record<string, string>;
    headers: Record<string, string>;
    body: unknown;
  };
  response: { status: number; contentType: string; body: any };
}

/** Reads a recorded response of the real servers, `packages/fixtures/<rel>` (the repository's one copy). */
export function fixture(rel: string): Fixture {
  const root = findRepoRoot(process.cwd());
  return JSON.parse(
    readFileSync(path.join(root, 'packages', 'fixtures', rel), 'utf8'),
  ) as Fixture;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/**
 * Differences between the shape of `actual` and `expected`: every key of `expected` must exist in `actual`
 * with the same JSON type, recursively (arrays: element by element, tuples position by position).
 * With `strict`, keys missing from `expected` are reported too.
 */
export function shapeDiff(
  actual: unknown,
  expected: unknown,
  strict = false,
  at = '$',
): string[] {
  const ta = typeOf(actual);
  const te = typeOf(expected);
  if (ta !== te) return [`${at}: expected ${te}, got ${ta}`];
  const out: string[] = [];
  if (te === 'array') {
    const exp = expected as unknown[];
    const tuple = exp.length > 1 && new Set(exp.map(typeOf)).size > 1;
    if (tuple) {
      // a tuple such as [<unix seconds>, "<value>"]: compare position by position
      if ((actual as unknown[]).length !== exp.length)
        out.push(
          `${at}: expected a tuple of ${exp.length}, got ${
            (actual as unknown[]).length
          }`,
        );
      exp.forEach((e, i) =>
        out.push(
          ...shapeDiff((actual as unknown[])[i], e, strict, `${at}[${i}]`),
        ),
      );
      return out;
    }
    // element i is compared with the recorded element i (or the first one when the recording is shorter)
    if (exp.length)
      (actual as unknown[]).forEach((a, i) =>
        out.push(...shapeDiff(a, exp[i] ?? exp[0], strict, `${at}[${i}]`)),
      );
  } else if (te === 'object') {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    for (const k of Object.keys(e)) {
      if (!(k in a)) out.push(`${at}.${k}: missing`);
      else out.push(...shapeDiff(a[k], e[k], strict, `${at}.${k}`));
    }
    if (strict)
      for (const k of Object.keys(a))
        if (!(k in e)) out.push(`${at}.${k}: unexpected`);
  }
  return out;
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

export function basic(user: string, pass: string): string {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}
