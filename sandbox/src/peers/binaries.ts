/** Locates the Debian Prometheus/Alertmanager binaries, installing the packages with apt when allowed. */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface PeerBinaries {
  prometheus?: string;
  alertmanager?: string;
}

export function findExecutable(names: string[]): string | undefined {
  const dirs = (process.env.PATH ?? '')
    .split(path.delimiter)
    .concat(['/usr/bin', '/usr/local/bin', '/usr/sbin']);
  for (const name of names) {
    for (const dir of dirs) {
      if (!dir) continue;
      const full = path.join(dir, name);
      try {
        accessSync(full, constants.X_OK);
        return full;
      } catch {
        // keep looking
      }
    }
  }
  return undefined;
}

export function findPeerBinaries(): PeerBinaries {
  return {
    prometheus: findExecutable(['prometheus']),
    alertmanager: findExecutable(['prometheus-alertmanager', 'alertmanager']),
  };
}

function run(
  cmd: string,
  args: string[],
  timeoutMs: number,
): Promise<{ ok: boolean; output: string }> {
  return new Promise(resolve => {
    execFile(
      cmd,
      args,
      {
        timeout: timeoutMs,
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        maxBuffer: 16 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        resolve({
          ok: !err,
          output: `${stdout}${stderr}`.trim().split('\n').slice(-5).join('\n'),
        });
      },
    );
  });
}

/**
 * Returns the binaries, running `apt-get update` + `apt-get install -y prometheus prometheus-alertmanager`
 * first when they are missing, we are root and `install` is allowed. `reason` explains a failure.
 */
export async function ensurePeerBinaries(
  install: boolean,
  log: (m: string) => void,
): Promise<PeerBinaries & { reason?: string }> {
  let found = findPeerBinaries();
  if (found.prometheus && found.alertmanager) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = findExecutable(['apt-get']);
  if (!install)
    return {
      ...found,
      reason:
        'prometheus/alertmanager binaries not found and installing is disabled',
    };
  if (!isRoot || !apt) {
    return {
      ...found,
      reason: `prometheus/alertmanager binaries not found; install them with: sudo apt-get install -y prometheus prometheus-alertmanager${
        isRoot ? '' : ' (not running as root, so the sandbox did not try)'
      }`,
    };
  }
  log(
    '[peers] prometheus/alertmanager missing: apt-get update && apt-get install -y prometheus prometheus-alertmanager',
  );
  const upd = await run(apt, ['update'], 180_000);
  if (!upd.ok) log(`[peers] apt-get update failed: ${upd.output}`);
  const inst = await run(
    apt,
    [
      'install',
      '-y',
      '--no-install-recommends',
      'prometheus',
      'prometheus-alertmanager',
    ],
    300_000,
  );
  found = findPeerBinaries();
  if (found.prometheus && found.alertmanager) return found;
  return {
    ...found,
    reason: `apt-get install prometheus prometheus-alertmanager failed: ${inst.output}`,
  };
}
