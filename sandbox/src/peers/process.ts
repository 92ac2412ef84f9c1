/** A supervised child process (Prometheus, Alertmanager): output to a log file, readiness, clean stop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export class ManagedProcess {
  readonly name: string;
  private child?: ChildProcess;
  private log?: WriteStream;
  private exited: Promise<void> = Promise.resolve();
  private tail: string[] = [];

  constructor(name: string) {
    this.name = name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return (
      !!this.child &&
      this.child.exitCode === null &&
      this.child.signalCode === null
    );
  }

  lastOutput(): string {
    return this.tail.join('').split('\n').slice(-8).join('\n');
  }

  start(bin: string, args: string[], logFile: string): void {
    this.log = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(bin, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
      },
    });
    this.child = child;
    const onData = (d: Buffer) => {
      this.log?.write(d);
      this.tail.push(d.toString('utf8'));
      if (this.tail.length > 50) this.tail.shift();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.exited = new Promise(resolve => {
      child.once('exit', () => resolve());
      child.once('error', err => {
        this.tail.push(`spawn error: ${err.message}\n`);
        resolve();
      });
    });
  }

  /** Polls `url` until it answers 2xx; throws with the process output when it does not in time. */
  async waitReady(url: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running)
        throw new Error(`${this.name} exited: ${this.lastOutput()}`);
      try {
        const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
        if (r.ok) return;
      } catch {
        // not yet
      }
      await new Promise(r => setTimeout(r, 150));
    }
    throw new Error(
      `${
        this.name
      } did not become ready at ${url} within ${timeoutMs} ms: ${this.lastOutput()}`,
    );
  }

  async stop(graceMs = 5000): Promise<void> {
    const child = this.child;
    if (child && this.running) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (this.running) child.kill('SIGKILL');
      }, graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    await new Promise<void>(resolve => {
      if (this.log) this.log.end(() => resolve());
      else resolve();
    });
    this.log = undefined;
  }
}
