/** Sandbox settings: contract defaults, overridable in `sandbox/sandbox-config.yaml`. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const ENDPOINT_KEYS = [
  'prometheus',
  'alertmanager',
  'git',
  'argocd',
  'jenkins',
  'loki',
  'tempo',
  'kubernetes',
  'elasticsearch',
] as const;
export type EndpointKey = (typeof ENDPOINT_KEYS)[number];
export type PortKey = EndpointKey | 'msaNginx' | 'loginJs';

/** Default ports from docs/integration-contract.md. */
export const DEFAULT_PORTS: Record<PortKey, number> = {
  prometheus: 17090,
  alertmanager: 17093,
  git: 17080,
  argocd: 17081,
  jenkins: 17082,
  loki: 17100,
  tempo: 17200,
  kubernetes: 17443,
  elasticsearch: 17920,
  msaNginx: 17301,
  loginJs: 17302,
};

/** Every sandbox port 0, so each server takes a free one: a test or bench runs beside a developer's sandbox. */
export const FREE_PORTS = Object.fromEntries(
  Object.keys(DEFAULT_PORTS).map(key => [key, 0]),
) as Record<PortKey, number>;

export interface SandboxFileConfig {
  ports?: Partial<Record<PortKey, number>>;
  peers?: boolean;
  installPeers?: boolean;
  demo?: boolean;
}

/** Walks up from `start` to the directory holding `yarn.lock` (the repository root). */
export function findRepoRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'yarn.lock'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no yarn.lock found above ${start}`);
    dir = parent;
  }
}

function checkPort(key: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 65535)
    throw new Error(
      `sandbox-config.yaml: ports.${key} must be an integer between 0 and 65535`,
    );
  return v;
}

export function loadConfigFile(file: string): SandboxFileConfig {
  if (!existsSync(file)) return {};
  const raw = parse(readFileSync(file, 'utf8')) as unknown;
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new Error(`${file}: expected a mapping`);
  const r = raw as Record<string, unknown>;
  const out: SandboxFileConfig = {};
  if (r.ports !== undefined) {
    if (typeof r.ports !== 'object' || r.ports === null)
      throw new Error(`${file}: ports must be a mapping`);
    out.ports = {};
    for (const [k, v] of Object.entries(r.ports)) {
      if (!(k in DEFAULT_PORTS))
        throw new Error(
          `${file}: unknown port key ${k} (known: ${Object.keys(
            DEFAULT_PORTS,
          ).join(', ')})`,
        );
      out.ports[k as PortKey] = checkPort(k, v);
    }
  }
  for (const k of ['peers', 'installPeers', 'demo'] as const) {
    if (r[k] !== undefined) {
      if (typeof r[k] !== 'boolean')
        throw new Error(`${file}: ${k} must be true or false`);
      out[k] = r[k] as boolean;
    }
  }
  return out;
}
