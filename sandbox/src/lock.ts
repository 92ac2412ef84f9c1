/** Single-instance lock: `<stateDir>/sandbox.pid`, checked against a live process. */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class AlreadyRunningError extends Error {
  readonly pid: number;
  constructor(pid: number, file: string) {
    super(
      `the sandbox is already running (pid ${pid}, lock ${file}); stop it with: kill ${pid}`,
    );
    this.name = 'AlreadyRunningError';
    this.pid = pid;
  }
}

export async function acquireLock(
  stateDir: string,
): Promise<{ file: string; release: () => Promise<void> }> {
  const file = path.join(stateDir, 'sandbox.pid');
  await fs.mkdir(stateDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await fs.open(file, 'wx');
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      return {
        file,
        release: async () => {
          try {
            const pid = Number(readFileSync(file, 'utf8').trim());
            if (pid === process.pid) await fs.rm(file, { force: true });
          } catch {
            // already gone
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(
        (await fs.readFile(file, 'utf8').catch(() => '')).trim(),
      );
      if (
        Number.isInteger(pid) &&
        pid > 0 &&
        pid !== process.pid &&
        isAlive(pid)
      )
        throw new AlreadyRunningError(pid, file);
      await fs.rm(file, { force: true }); // stale
    }
  }
  throw new Error(`could not acquire ${file}`);
}

/** Kills children recorded by a previous run that died without cleaning up (only our own peers). */
export async function reapOrphans(
  stateDir: string,
  log: (m: string) => void,
): Promise<void> {
  const file = path.join(stateDir, 'children.json');
  let pids: number[] = [];
  try {
    pids = JSON.parse(await fs.readFile(file, 'utf8')) as number[];
  } catch {
    return;
  }
  for (const pid of pids) {
    if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid)) continue;
    let cmdline = '';
    try {
      cmdline = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(
        /\0/g,
        ' ',
      );
    } catch {
      continue;
    }
    if (!cmdline.includes(stateDir)) continue;
    log(`[sandbox] stopping orphaned process ${pid} from a previous run`);
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // gone
    }
  }
  await fs.rm(file, { force: true });
}

export async function recordChildren(
  stateDir: string,
  pids: number[],
): Promise<void> {
  await fs.writeFile(
    path.join(stateDir, 'children.json'),
    JSON.stringify(pids),
  );
}
