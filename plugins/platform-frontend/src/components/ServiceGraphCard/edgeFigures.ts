import { ServiceGraphEdge } from '@paved-road/backstage-plugin-platform-common';
import { Tone } from '../common/toneColor';

/**
 * The verdict's error-ratio thresholds (the backend's `ERROR_RATIO_DEGRADED` / `ERROR_RATIO_FAILING`), so an edge is
 * red exactly when the same share on the component's own metrics would fail it.
 */
export const EDGE_ERROR_RATIO_WARNING = 0.01;
export const EDGE_ERROR_RATIO_ERROR = 0.05;

/** How an edge's error ratio reads: red at or above the failing threshold, amber above the degraded one. */
export function errorRatioTone(errorRatio: number | null): Tone {
  if (errorRatio === null) return 'neutral';
  if (errorRatio >= EDGE_ERROR_RATIO_ERROR) return 'error';
  if (errorRatio >= EDGE_ERROR_RATIO_WARNING) return 'warning';
  return 'ok';
}

/** Decimals that keep about three significant digits of a small figure, one of a large one. */
function decimals(x: number): number {
  if (x >= 10) return 1;
  if (x >= 1) return 2;
  return 3;
}

/** `12.5 req/s`, `0.04 req/s`; `–` without data. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '–';
  return `${Number(rate.toFixed(decimals(rate)))} req/s`;
}

/** `2.5%`, `0.05%`; `–` without data. */
export function formatErrorRatio(errorRatio: number | null): string {
  if (errorRatio === null) return '–';
  const percent = errorRatio * 100;
  return `${Number(percent.toFixed(decimals(percent * 10) + 1))}%`;
}

/** `35 ms`, `1.2 s`; `–` without data. */
export function formatP95(p95Ms: number | null): string {
  if (p95Ms === null) return '–';
  if (p95Ms < 1000) return `${Math.round(p95Ms * 10) / 10} ms`;
  return `${Math.round(p95Ms / 100) / 10} s`;
}

/** The name shown for a peer: its workload, with its namespace when that differs from the component's. */
export function peerLabel(
  edge: ServiceGraphEdge,
  componentNamespace: string,
): string {
  const { workload, namespace } = edge.peer;
  return namespace && namespace !== componentNamespace && !edge.peer.external
    ? `${namespace}/${workload}`
    : workload;
}
