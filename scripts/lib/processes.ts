/**
 * Child processes and waits for the scripts that start the sandbox and the backend themselves (benches, the
 * hostile-writes suite): each child runs in its own process group, logging to a file, and is stopped with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));

/**
 * Polls `fn` every `intervalMs` until it returns a value (errors count as "not yet"); throws naming `what` after
 * `timeoutMs`.
 */
export async function until<T>(
  what: string,
  timeoutMs: number,
  fn: () => Promise<T | undefined>,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline)
      throw new Error(`${what} not within ${timeoutMs / 1000} s`);
    await sleep(intervalMs);
  }
}

/** Starts a process in its own group, its stdout and stderr written to `logFile`. */
export function startProcess(
  logFile: string,
  command: string,
  args: string[],
  cwd: string,
): ChildProcess {
  const log = createWriteStream(logFile);
  const child = spawn(command, args, {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}

/** SIGTERM to the process group, SIGKILL after 10 s. */
export async function stopProcess(
  child: ChildProcess | undefined,
): Promise<void> {
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}
