import {
  AlertsValue,
  ArgoCdValue,
  BuildsValue,
  HealthReason,
  HealthVerdict,
  MetricsValue,
  SourceResult,
} from '@paved-road/backstage-plugin-platform-common';

/** Error ratios (last point) at which metrics count as degraded / failing. */
export const ERROR_RATIO_DEGRADED = 0.01;
export const ERROR_RATIO_FAILING = 0.05;

const RANK: Record<HealthVerdict, number> = {
  unknown: 0,
  healthy: 1,
  degraded: 2,
  failing: 3,
};

/** Argo CD's part of the verdict. */
export function argoReason(value: ArgoCdValue): HealthReason {
  // The worst of failing/degraded; `unknown` only when nothing is worse than healthy and an app is unknown.
  let verdict: HealthVerdict = 'healthy';
  let anyUnknown = false;
  const problems: string[] = [];
  for (const app of value.applications) {
    let v: HealthVerdict = 'healthy';
    if (app.healthStatus === 'Degraded' || app.healthStatus === 'Missing')
      v = 'failing';
    else if (
      app.healthStatus === 'Progressing' ||
      app.healthStatus === 'Suspended' ||
      app.syncStatus === 'OutOfSync'
    )
      v = 'degraded';
    else if (
      app.operation?.phase === 'Failed' ||
      app.operation?.phase === 'Error'
    )
      v = 'degraded';
    else if (app.healthStatus === 'Unknown' || app.syncStatus === 'Unknown')
      v = 'unknown';
    if (v !== 'healthy')
      problems.push(
        `${app.name} is ${app.syncStatus}/${app.healthStatus}${
          app.operation && app.operation.phase !== 'Succeeded'
            ? ` (last operation ${app.operation.phase})`
            : ''
        }`,
      );
    if (v === 'unknown') anyUnknown = true;
    else if (RANK[v] > RANK[verdict]) verdict = v;
  }
  return {
    source: 'argocd',
    verdict: verdict === 'healthy' && anyUnknown ? 'unknown' : verdict,
    message: problems.length
      ? problems.join('; ')
      : `${value.applications.length} application(s) Synced and Healthy`,
  };
}

/** The alerts' part of the verdict. */
export function alertsReason(value: AlertsValue): HealthReason {
  const firing = value.alerts.filter(a => a.state === 'firing');
  const critical = firing.filter(a => a.severity === 'critical');
  if (critical.length) {
    return {
      source: 'alerts',
      verdict: 'failing',
      message: `${critical.length} critical alert(s) firing: ${[
        ...new Set(critical.map(a => a.name)),
      ].join(', ')}`,
    };
  }
  if (firing.length) {
    return {
      source: 'alerts',
      verdict: 'degraded',
      message: `${firing.length} alert(s) firing: ${[
        ...new Set(firing.map(a => a.name)),
      ].join(', ')}`,
    };
  }
  const pending = value.alerts.filter(a => a.state === 'pending').length;
  return {
    source: 'alerts',
    verdict: 'healthy',
    message: pending
      ? `No alert firing (${pending} pending)`
      : 'No alert firing',
  };
}

/** The RED metrics' part of the verdict: the last error ratio. */
export function metricsReason(value: MetricsValue): HealthReason {
  const errors = value.series.find(s => s.name === 'errorRatio')?.points ?? [];
  const last = [...errors].reverse().find(([, v]) => v !== null)?.[1];
  if (last === undefined || last === null) {
    return {
      source: 'metrics',
      verdict: 'unknown',
      message: 'No request metrics in the range',
    };
  }
  const percent = `${(last * 100).toFixed(1)}%`;
  if (last >= ERROR_RATIO_FAILING)
    return {
      source: 'metrics',
      verdict: 'failing',
      message: `Error ratio ${percent}`,
    };
  if (last >= ERROR_RATIO_DEGRADED)
    return {
      source: 'metrics',
      verdict: 'degraded',
      message: `Error ratio ${percent}`,
    };
  return {
    source: 'metrics',
    verdict: 'healthy',
    message: `Error ratio ${percent}`,
  };
}

/** The builds' part of the verdict: the last finished build. */
export function buildsReason(value: BuildsValue): HealthReason {
  const last = value.builds.find(b => b.result !== 'RUNNING');
  if (!last) {
    return {
      source: 'builds',
      verdict: 'unknown',
      message: 'No finished build',
    };
  }
  let verdict: HealthVerdict = 'unknown';
  if (last.result === 'SUCCESS') verdict = 'healthy';
  else if (last.result === 'FAILURE' || last.result === 'UNSTABLE')
    verdict = 'degraded';
  return {
    source: 'builds',
    verdict,
    message: `Last build #${last.number}: ${last.result}`,
  };
}

/** One judged source's result and how it turns a value into a reason. */
export interface JudgedResult {
  source: string;
  result: SourceResult<unknown>;
  judge(value: unknown): HealthReason;
}

/**
 * One verdict over the sources, in the order given: the worst of failing/degraded/healthy; `unknown` when
 * nothing could be judged. A source that is not configured is left out; one that failed adds an `unknown` reason
 * and keeps the verdict from claiming `healthy` (a dead alerts source cannot vouch that nothing fires).
 */
export function healthVerdict(judged: JudgedResult[]): {
  verdict: HealthVerdict;
  reasons: HealthReason[];
} {
  const reasons: HealthReason[] = [];
  let anySourceFailed = false;
  for (const { source, result, judge } of judged) {
    if (result.ok) reasons.push(judge(result.value));
    else if (result.error.kind !== 'not-configured') {
      anySourceFailed = true;
      reasons.push({
        source,
        verdict: 'unknown',
        message: result.error.message,
      });
    }
  }
  const worst = reasons.reduce<HealthVerdict>(
    (acc, r) => (RANK[r.verdict] > RANK[acc] ? r.verdict : acc),
    'unknown',
  );
  const verdict = worst === 'healthy' && anySourceFailed ? 'unknown' : worst;
  return { verdict, reasons };
}
