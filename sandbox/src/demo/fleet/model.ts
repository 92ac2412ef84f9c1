/**
 * The generated fleet: N demo components (`fleet-0001`…) owned by a few generated teams, each team with its
 * own namespace inside the demo's scope bound (`svc-*`). Pure and deterministic: component i always gets the
 * same owner, traffic profile, Argo CD state and last build, so tests and benches can predict them.
 */

export type TrafficProfile = 'healthy' | 'erroring' | 'slow' | 'idle';
export type SyncStatus = 'Synced' | 'OutOfSync';
export type HealthStatus = 'Healthy' | 'Degraded' | 'Progressing';
export type BuildResult = 'SUCCESS' | 'FAILURE';

export interface FleetGroup {
  /** catalog Group name, e.g. fleet-team-a */
  name: string;
  /** the team's Kubernetes namespace, e.g. svc-fleet-a */
  namespace: string;
}

export interface FleetComponent {
  /** catalog Component, workload, Argo CD application and Jenkins job name */
  name: string;
  namespace: string;
  owner: FleetGroup;
  profile: TrafficProfile;
  /** requests per second (0 when idle) */
  rps: number;
  /** share of requests answered with a 5xx */
  errorRatio: number;
  /** the latency under which 95 % of requests finish, in ms */
  p95Ms: number;
  sync: SyncStatus;
  health: HealthStatus;
  /** the revision Argo CD deployed, and how long ago */
  revision: string;
  deployedAgoMs: number;
  lastBuild: { result: BuildResult; ageMs: number };
}

export interface Fleet {
  groups: FleetGroup[];
  components: FleetComponent[];
}

export const FLEET_SYSTEM = 'fleet';
/** One team per started hundred components, at most this many. */
const MAX_GROUPS = 8;
const HOUR = 3600_000;

/** A small deterministic hash (FNV-1a) for per-component variation without a random source. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A number in [0, 1) derived from a component name and a purpose. */
function unit(name: string, purpose: string): number {
  return hash(`${purpose}:${name}`) / 2 ** 32;
}

function profileOf(i: number): TrafficProfile {
  // one in eight erroring, one in eight slow, one in ten idle, the rest healthy
  if (i % 8 === 3) return 'erroring';
  if (i % 8 === 6) return 'slow';
  if (i % 10 === 9) return 'idle';
  return 'healthy';
}

/**
 * Erroring components fail 10-30 % of requests, the others never: a rare error on a component serving a few
 * requests a minute would cross the alert threshold now and then, and the fleet's alerts are meant to be known.
 */
function errorRatioOf(profile: TrafficProfile, u: number): number {
  return profile === 'erroring' ? 0.1 + Math.round(u * 20) / 100 : 0;
}

function letters(i: number): string {
  return String.fromCharCode(97 + i);
}

export function fleetGroups(size: number): FleetGroup[] {
  const count = Math.max(1, Math.min(MAX_GROUPS, Math.ceil(size / 100)));
  return Array.from({ length: count }, (_, i) => ({
    name: `fleet-team-${letters(i)}`,
    namespace: `svc-fleet-${letters(i)}`,
  }));
}

export function componentName(i: number): string {
  return `fleet-${String(i + 1).padStart(4, '0')}`;
}

export function generateFleet(size: number): Fleet {
  if (!Number.isInteger(size) || size < 0)
    throw new Error(`fleet size must be a whole number >= 0 (got ${size})`);
  const groups = size > 0 ? fleetGroups(size) : [];
  const components = Array.from({ length: size }, (_, i): FleetComponent => {
    const name = componentName(i);
    const owner = groups[i % groups.length];
    const profile = profileOf(i);
    const r = (purpose: string) => unit(name, purpose);
    let sync: SyncStatus = 'Synced';
    let health: HealthStatus = 'Healthy';
    if (i % 9 === 4) sync = 'OutOfSync';
    if (i % 13 === 7) health = 'Degraded';
    else if (i % 29 === 11) health = 'Progressing';
    const revision = hash(`rev:${name}`).toString(16).padStart(8, '0');
    return {
      name,
      namespace: owner.namespace,
      owner,
      profile,
      rps:
        profile === 'idle' ? 0 : Math.round((0.2 + r('rps') * 4) * 100) / 100,
      errorRatio: errorRatioOf(profile, r('err')),
      p95Ms:
        profile === 'slow'
          ? 800 + Math.round(r('lat') * 1200)
          : 20 + Math.round(r('lat') * 180),
      sync,
      health,
      // 40 hex digits, like a git SHA
      revision: revision.repeat(5),
      deployedAgoMs: Math.round((0.5 + r('age') * 24 * 14) * HOUR),
      lastBuild: {
        result: i % 6 === 5 ? 'FAILURE' : 'SUCCESS',
        ageMs: Math.round((0.2 + r('build-age') * 72) * HOUR),
      },
    };
  });
  return { groups, components };
}
