// Shared by the backend benches: quantiles, and the child processes they run the backend and upstreams in.
import { fork } from 'node:child_process';
import path from 'node:path';

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))
  ];
}

export const p95 = (values: number[]) => quantile(values, 0.95);

/**
 * A child process speaking the bench's little IPC protocol (`{ type }` messages answered by the same type).
 * TypeScript is run through the Backstage CLI's transform, as `yarn bench` does for this file.
 */
export function child(file: string) {
  const proc = fork(path.join(__dirname, file), [], {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<string, (message: any) => void>();
  proc.on('message', (message: any) => {
    const resolve = waiting.get(message.type);
    waiting.delete(message.type);
    resolve?.(message);
  });
  const failed = new Promise<never>((_, reject) =>
    proc.once('exit', code => reject(new Error(`${file} exited (${code})`))),
  );
  failed.catch(() => undefined);
  return {
    request(
      message: { type: string; [key: string]: unknown },
      answer = message.type === 'start' ? 'ready' : message.type,
    ): Promise<any> {
      const answered = new Promise(resolve => waiting.set(answer, resolve));
      proc.send(message);
      return Promise.race([answered, failed]);
    },
    close: () =>
      new Promise<void>(resolve => {
        if (proc.exitCode !== null) {
          resolve();
          return;
        }
        proc.once('exit', () => resolve());
        proc.kill();
      }),
  };
}
