/**
 * The sandbox's start switches from the command line and the environment (a flag wins over its variable):
 * `--mesh istio|linkerd|istio,linkerd` / PLATFORM_SANDBOX_MESH (default istio) and
 * `--fleet N` / PLATFORM_SANDBOX_FLEET (default 0).
 */
import { MESHES, type Mesh } from './demo/metrics.ts';

export const MAX_FLEET = 5000;

export interface Switches {
  meshes: Mesh[];
  fleet: number;
}

export class SwitchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SwitchError';
  }
}

/** The value of `--name value` or `--name=value`; undefined when absent. */
function flag(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === `--${name}`) {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--'))
        throw new SwitchError(`--${name} needs a value`);
      return v;
    }
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

export function parseMeshes(value: string, source: string): Mesh[] {
  const parts = value
    .split(',')
    .map(p => p.trim())
    .filter(Boolean);
  const bad = parts.filter(p => !(MESHES as readonly string[]).includes(p));
  if (!parts.length || bad.length)
    throw new SwitchError(
      `${source} must be a comma-separated list of ${MESHES.join(
        ', ',
      )} (got ${JSON.stringify(value)})`,
    );
  return MESHES.filter(m => parts.includes(m));
}

export function parseFleet(value: string, source: string): number {
  if (!/^\d{1,5}$/.test(value.trim()) || Number(value) > MAX_FLEET)
    throw new SwitchError(
      `${source} must be a whole number from 0 to ${MAX_FLEET} (got ${JSON.stringify(
        value,
      )})`,
    );
  return Number(value);
}

export function readSwitches(
  argv: string[],
  env: Record<string, string | undefined>,
): Switches {
  const meshFlag = flag(argv, 'mesh');
  const fleetFlag = flag(argv, 'fleet');
  const meshEnv = env.PLATFORM_SANDBOX_MESH;
  const fleetEnv = env.PLATFORM_SANDBOX_FLEET;
  let meshes: Mesh[] = ['istio'];
  if (meshFlag !== undefined) meshes = parseMeshes(meshFlag, '--mesh');
  else if (meshEnv) meshes = parseMeshes(meshEnv, 'PLATFORM_SANDBOX_MESH');
  let fleet = 0;
  if (fleetFlag !== undefined) fleet = parseFleet(fleetFlag, '--fleet');
  else if (fleetEnv) fleet = parseFleet(fleetEnv, 'PLATFORM_SANDBOX_FLEET');
  return { meshes, fleet };
}
