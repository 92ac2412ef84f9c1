/**
 * `node sandbox/src/cli.ts`: starts the sandbox with the contract's ports, writes
 * `.sandbox/endpoints.json`, prints `sandbox ready`, and stops everything on SIGINT/SIGTERM.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { findRepoRoot, loadConfigFile } from './config.ts';
import { CREDENTIALS } from './credentials.ts';
import {
  acquireLock,
  AlreadyRunningError,
  reapOrphans,
  recordChildren,
} from './lock.ts';
import { startSandbox } from './sandbox.ts';
import { readSwitches, SwitchError } from './switches.ts';

async function main(): Promise<number> {
  const started = Date.now();
  const root = findRepoRoot(process.cwd());
  const stateDir = path.join(root, '.sandbox');
  const verbose =
    process.argv.includes('--verbose') || process.env.SANDBOX_VERBOSE === '1';
  const log = (line: string) => {
    if (verbose || !line.startsWith('[')) process.stderr.write(`${line}\n`);
  };
  let switches: ReturnType<typeof readSwitches>;
  try {
    switches = readSwitches(process.argv.slice(2), process.env);
  } catch (e) {
    if (!(e instanceof SwitchError)) throw e;
    process.stderr.write(`sandbox: ${e.message}\n`);
    return 2;
  }
  const config = loadConfigFile(
    path.join(root, 'sandbox', 'sandbox-config.yaml'),
  );

  let lock: Awaited<ReturnType<typeof acquireLock>>;
  try {
    lock = await acquireLock(stateDir);
  } catch (e) {
    if (e instanceof AlreadyRunningError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  await reapOrphans(stateDir, m => process.stderr.write(`${m}\n`));
  const endpointsFile = path.join(stateDir, 'endpoints.json');
  await fs.rm(endpointsFile, { force: true });

  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      stateDir,
      ports: config.ports,
      peers: config.peers,
      installPeers: config.installPeers,
      demo: config.demo,
      meshes: switches.meshes,
      fleet: switches.fleet,
      log,
    });
  } catch (e) {
    process.stderr.write(`sandbox failed to start: ${(e as Error).message}\n`);
    await lock.release();
    return 1;
  }
  await recordChildren(stateDir, sandbox.pids);
  await fs.writeFile(
    endpointsFile,
    `${JSON.stringify(sandbox.endpoints, null, 2)}\n`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`sandbox: ${signal}, stopping\n`);
    const hard = setTimeout(() => process.exit(1), 15_000);
    hard.unref();
    await sandbox.stop();
    await fs.rm(endpointsFile, { force: true });
    await fs.rm(path.join(stateDir, 'children.json'), { force: true });
    await lock.release();
    process.stderr.write('sandbox stopped\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));

  for (const w of sandbox.warnings) process.stderr.write(`warning: ${w}\n`);
  const lines = Object.entries(sandbox.endpoints).map(
    ([k, v]) => `  ${k.padEnd(13)} ${v}`,
  );
  if (sandbox.demo)
    lines.push(
      `  ${'msa-nginx'.padEnd(13)} ${sandbox.demo.msaNginx}/metrics`,
      `  ${'login-js'.padEnd(13)} ${sandbox.demo.loginJs}/metrics`,
    );
  if (sandbox.fleet)
    lines.push(
      `  ${'fleet'.padEnd(13)} ${
        sandbox.fleet.fleet.components.length
      } components, /metrics at http://${sandbox.fleet.exporterAddress}`,
      `  ${'fleet config'.padEnd(13)} ${path.relative(
        root,
        sandbox.fleet.appConfigFile,
      )} (add with --config to the backend)`,
    );
  process.stdout.write(
    `${lines.join('\n')}\n` +
      `  credentials   git ${CREDENTIALS.git.username}:${CREDENTIALS.git.password} | argocd bearer ${CREDENTIALS.argocd.token} | jenkins ${CREDENTIALS.jenkins.username}:${CREDENTIALS.jenkins.apiToken} | kubernetes bearer ${CREDENTIALS.kubernetes.token}\n` +
      `  endpoints     ${
        path.relative(process.cwd(), endpointsFile) || endpointsFile
      } (started in ${((Date.now() - started) / 1000).toFixed(1)} s)\n` +
      'sandbox ready\n',
  );
  return -1;
}

main().then(
  code => {
    if (code >= 0) process.exit(code);
  },
  err => {
    process.stderr.write(`sandbox: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
