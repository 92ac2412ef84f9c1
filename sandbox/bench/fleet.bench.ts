/**
 * What `--fleet N` costs: prints `fleet_size=<n> sandbox_start_ms=<x> sandbox_start_without_fleet_ms=<x>
 * fleet_exposition_bytes=<n> fleet_exposition_ms=<x> prometheus_series=<n>` (every series Prometheus holds,
 * demo and history included).
 * Starts the whole sandbox twice on free ports (with and without the fleet, real Prometheus when installed),
 * times one scrape of the fleet's endpoint (median of 5), and counts the series Prometheus holds after its
 * first scrapes. Usage: node sandbox/bench/fleet.bench.ts [N] (default 500).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox } from '../src/sandbox.ts';
import { FREE_PORTS } from '../src/testing/helpers.ts';

async function timedStart(fleet: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sandbox-fleet-bench-'));
  const t0 = performance.now();
  const sandbox = await startSandbox({
    stateDir: dir,
    ports: FREE_PORTS,
    fleet,
  });
  const ms = performance.now() - t0;
  return {
    sandbox,
    ms,
    cleanup: async () => {
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const size = Number(process.argv[2] ?? 500);
  const base = await timedStart(0);
  await base.cleanup();
  const run = await timedStart(size);
  try {
    const url = `http://${run.sandbox.fleet!.exporterAddress}/metrics`;
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const text = await (await fetch(url)).text();
      times.push(performance.now() - t0);
      bytes = Buffer.byteLength(text);
    }
    times.sort((a, b) => a - b);
    let series = -1;
    const prom = run.sandbox.endpoints.prometheus;
    if (prom) {
      // two fleet scrapes (5 s apart) so every family is in the head block
      await new Promise(r => setTimeout(r, 11_000));
      const body = await (
        await fetch(
          `${prom}/api/v1/query?${new URLSearchParams({
            query: 'count({__name__=~".+"})',
          })}`,
        )
      ).json();
      series = Number(body.data.result[0]?.value[1] ?? -1);
    }
    process.stdout.write(
      `fleet_size=${size} sandbox_start_ms=${run.ms.toFixed(
        0,
      )} sandbox_start_without_fleet_ms=${base.ms.toFixed(
        0,
      )} fleet_exposition_bytes=${bytes} fleet_exposition_ms=${times[2].toFixed(
        1,
      )} prometheus_series=${series}\n`,
    );
  } finally {
    await run.cleanup();
  }
}

main().then(
  () => process.exit(0),
  e => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  },
);
