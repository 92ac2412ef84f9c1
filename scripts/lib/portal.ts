/**
 * The portal as the scripts that start their own (benches, the hostile-writes suite) run it: the sandbox CLI on
 * its contract ports and the backend (`packages/backend`, `backstage-cli package start`) on :7007.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startProcess, stopProcess, until } from './processes.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BACKEND = 'http://127.0.0.1:7007';

/** Refuses to start when something already serves :7007 (the script starts its own backend). */
export async function assertBackendPortFree(who: string): Promise<void> {
  if (
    await fetch(`${BACKEND}/`).then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(
      `something already listens on 127.0.0.1:7007; stop it first (${who} starts its own backend)`,
    );
  }
}

/** Starts `yarn sandbox` (logging to `logFile`), waits for `sandbox ready`; returns it and its endpoints. */
export async function startSandbox(
  logFile: string,
  timeoutMs = 90_000,
): Promise<{ child: ChildProcess; endpoints: Record<string, string> }> {
  const child = startProcess(
    logFile,
    process.execPath,
    ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', 'sandbox/src/cli.ts'],
    ROOT,
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  await untilOrStop(child, () =>
    until('sandbox ready', timeoutMs, async () =>
      out.includes('sandbox ready') ? true : undefined,
    ),
  );
  const endpoints = JSON.parse(
    readFileSync(path.join(ROOT, '.sandbox', 'endpoints.json'), 'utf8'),
  );
  return { child, endpoints };
}

/**
 * Starts the backend with `app-config.yaml` plus `extraConfigs` (paths relative to packages/backend, or
 * absolute), logging to `logFile`, and waits for its readiness endpoint.
 */
export async function startBackend(
  logFile: string,
  options: { extraConfigs?: string[]; timeoutMs?: number } = {},
): Promise<ChildProcess> {
  const configs = [
    '../../app-config.yaml',
    ...(options.extraConfigs ?? []),
  ].flatMap(c => ['--config', c]);
  const child = startProcess(
    logFile,
    process.execPath,
    [
      path.join(ROOT, 'node_modules/.bin/backstage-cli'),
      'package',
      'start',
      ...configs,
    ],
    path.join(ROOT, 'packages', 'backend'),
  );
  await untilOrStop(child, () =>
    until('backend ready', options.timeoutMs ?? 180_000, async () =>
      (
        await fetch(`${BACKEND}/.backstage/health/v1/readiness`)
      ).ok
        ? true
        : undefined,
    ),
  );
  return child;
}

/** A Backstage token of the guest user (`user:default/guest`, member of platform-team). */
export function guestToken(): Promise<string> {
  return until('guest token', 30_000, async () => {
    const r = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    return r.ok
      ? ((await r.json()).backstageIdentity.token as string)
      : undefined;
  });
}

/**
 * The guest's token and JSON request headers, once the "Create MSA service" template is in the catalog: what every
 * script that runs the template waits for before its first run.
 */
export async function guestTemplateHeaders(
  timeoutMs: number,
): Promise<{ token: string; headers: Record<string, string> }> {
  const token = await guestToken();
  const headers = {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  };
  await until('template in the catalog', timeoutMs, async () =>
    (
      await fetch(
        `${BACKEND}/api/catalog/entities/by-name/template/default/msa-service`,
        { headers },
      )
    ).ok
      ? true
      : undefined,
  );
  return { token, headers };
}

/** Waits for a child to come up; stops it when it does not, so a failed start leaves no process behind. */
async function untilOrStop(
  child: ChildProcess,
  wait: () => Promise<unknown>,
): Promise<void> {
  try {
    await wait();
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}
