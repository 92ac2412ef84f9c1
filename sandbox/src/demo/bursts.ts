/** When login-js fails: one burst at start, then one every `everyMs`, each `lengthMs` long. */

export interface BurstSchedule {
  /** length of each burst */
  lengthMs: number;
  /** time between burst starts */
  everyMs: number;
  /** share of login-js requests answered with 500 during a burst */
  errorRate: number;
  /** whether a burst starts immediately */
  atStart: boolean;
}

export const DEFAULT_BURSTS: BurstSchedule = {
  lengthMs: 40_000,
  everyMs: 300_000,
  errorRate: 0.5,
  atStart: true,
};

export class BurstClock {
  private readonly t0: number;
  private readonly s: BurstSchedule;
  constructor(s: BurstSchedule, t0 = Date.now()) {
    this.s = s;
    this.t0 = t0;
  }
  bursting(now = Date.now()): boolean {
    const offset = this.s.atStart ? 0 : this.s.everyMs;
    const t = now - this.t0 - offset;
    if (t < 0) return false;
    return t % this.s.everyMs < this.s.lengthMs;
  }
  shouldFail(now = Date.now(), rnd = Math.random()): boolean {
    return this.bursting(now) && rnd < this.s.errorRate;
  }
}
