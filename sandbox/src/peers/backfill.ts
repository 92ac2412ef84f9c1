/**
 * An hour of metrics history for the demo targets, so the sandbox's charts look like a service that has been
 * running (Prometheus only has what it scraped since start otherwise). Pure: exposition text in, OpenMetrics
 * text out, for `promtool tsdb create-blocks-from openmetrics` (peers.ts runs it before Prometheus starts).
 *
 * Every series of a target is scaled from the target's current snapshot by one factor per instant, so the
 * history keeps the snapshot's proportions: error ratio, latency distribution (histogram buckets stay
 * cumulative), span metrics. The request rate follows `ratePerSecond` with a slow ±15 % wave. Failed requests
 * (a 5xx `response_code`, an error `status_code`) only accrue during `errorBursts` windows, as the demo fails in
 * bursts: a snapshot taken during the start burst would otherwise make the whole hour fail at its ratio.
 */

export interface ExposedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+\S+)?$/;

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 1;
  while (i < text.length - 1) {
    const eq = text.indexOf('=', i);
    if (eq < 0) break;
    const name = text.slice(i, eq).trim();
    if (text[eq + 1] !== '"')
      throw new Error(`unquoted label value after ${name}`);
    let value = '';
    let j = eq + 2;
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === '\\') {
        const next = text[++j];
        value += next === 'n' ? '\n' : next;
      } else if (c === '"') {
        break;
      } else {
        value += c;
      }
    }
    labels[name] = value;
    i = j + 1;
    while (text[i] === ',' || text[i] === ' ') i++;
  }
  return labels;
}

/** The samples of a Prometheus text exposition (comments skipped; a malformed line throws). */
export function parseExposition(text: string): ExposedSample[] {
  const out: ExposedSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line.slice(0, 80)}`);
    const value = m[3] === '+Inf' ? Infinity : Number(m[3]);
    if (!Number.isFinite(value)) continue;
    out.push({ name: m[1], labels: m[2] ? parseLabels(m[2]) : {}, value });
  }
  return out;
}

function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function seriesText(name: string, labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return `${name}{${keys
    .map(k => `${k}="${escapeValue(labels[k])}"`)
    .join(',')}}`;
}

export interface BackfillTarget {
  /** Labels Prometheus adds when it scrapes the target (job, instance, the static labels). */
  targetLabels: Record<string, string>;
  exposition: string;
  /** Requests per second of the history. */
  ratePerSecond: number;
  /** The counter whose sum is the target's requests (default: the call's `requestsMetric`). */
  requestsMetric?: string;
  /** The scrape keeps exposed labels on a clash (`honor_labels: true`) instead of renaming them. */
  honorLabels?: boolean;
}

const WAVE = 0.15;
const WAVE_PERIOD_S = 900;

/** Requests served from the history's start to `t` seconds later: the integral of the waving rate. */
function servedBy(t: number, rate: number): number {
  const w = (2 * Math.PI) / WAVE_PERIOD_S;
  return rate * (t + (WAVE / w) * (1 - Math.cos(w * t)));
}

/** A failed-request series: its rate is the snapshot's only inside the bursts. */
export function isErrorSeries(
  labels: Record<string, string>,
  name = '',
): boolean {
  return (
    /^5\d\d$/.test(labels.response_code ?? '') ||
    labels.status_code === 'STATUS_CODE_ERROR' ||
    labels.classification === 'failure' ||
    name === 'traces_service_graph_request_failed_total'
  );
}

/** Seconds spent inside bursts (`lengthS` at the start of every `everyS`) from the history's start to `t`. */
function burstSecondsBy(
  t: number,
  bursts: { lengthS: number; everyS: number },
): number {
  return (
    Math.floor(t / bursts.everyS) * bursts.lengthS +
    Math.min(t % bursts.everyS, bursts.lengthS)
  );
}

/**
 * OpenMetrics text of the history over `[endS - durationS, endS)`, one sample every `stepS`. Targets whose
 * snapshot served no request yet (nothing to scale from) are left out.
 */
export function backfillOpenMetrics(o: {
  targets: BackfillTarget[];
  endS: number;
  durationS: number;
  stepS: number;
  requestsMetric: string;
  errorBursts: { lengthS: number; everyS: number };
}): string {
  const byName = new Map<string, string[]>();
  const startS = o.endS - o.durationS;
  for (const target of o.targets) {
    const samples = parseExposition(target.exposition);
    const requestsMetric = target.requestsMetric ?? o.requestsMetric;
    const served = samples
      .filter(s => s.name === requestsMetric)
      .reduce((sum, s) => sum + s.value, 0);
    if (!(served > 0)) continue;
    for (const s of samples) {
      // What the scrape would store: target labels win, a clashing exposed label becomes exported_<name>;
      // with honor_labels the exposed label wins.
      const labels: Record<string, string> = {};
      if (target.honorLabels) {
        Object.assign(labels, target.targetLabels, s.labels);
      } else {
        for (const [k, v] of Object.entries(s.labels))
          labels[k in target.targetLabels ? `exported_${k}` : k] = v;
        Object.assign(labels, target.targetLabels);
      }
      // Prometheus stores no label for an empty value.
      for (const k of Object.keys(labels))
        if (labels[k] === '') delete labels[k];
      const series = seriesText(s.name, labels);
      const lines = byName.get(s.name) ?? [];
      const error = isErrorSeries(s.labels, s.name);
      for (let t = 0; startS + t < o.endS; t += o.stepS) {
        const upTo = error
          ? target.ratePerSecond * burstSecondsBy(t, o.errorBursts)
          : servedBy(t, target.ratePerSecond);
        const factor = upTo / served;
        lines.push(
          `${series} ${Number((s.value * factor).toPrecision(12))} ${
            startS + t
          }`,
        );
      }
      byName.set(s.name, lines);
    }
  }
  const families = [...byName.keys()].sort();
  return `${families.map(name => byName.get(name)!.join('\n')).join('\n')}${
    families.length ? '\n' : ''
  }# EOF\n`;
}
