/** Prometheus, rules and Alertmanager configuration for the demo services (group `msa-red`). */
import { stringify } from 'yaml';

export interface ScrapeTarget {
  service: string;
  namespace: string;
  address: string;
}

/**
 * A job whose exposed labels are kept as they are (`honor_labels`): the Tempo metrics-generator stand-in (real
 * Tempo remote-writes its series, so no target labels) and the generated fleet (one endpoint for many
 * workloads, each series carrying its own namespace).
 */
export interface ExporterJob {
  job: string;
  address: string;
  scrapeIntervalS?: number;
}

export function prometheusConfig(o: {
  scrapeIntervalS: number;
  evaluationIntervalS: number;
  alertmanager: string;
  rulesFile: string;
  targets: ScrapeTarget[];
  exporters?: ExporterJob[];
}): string {
  return stringify({
    global: {
      scrape_interval: `${o.scrapeIntervalS}s`,
      scrape_timeout: `${Math.max(1, o.scrapeIntervalS - 1)}s`,
      evaluation_interval: `${o.evaluationIntervalS}s`,
      external_labels: { cluster: 'sandbox' },
    },
    alerting: {
      alertmanagers: [
        { static_configs: [{ targets: [o.alertmanager] }], timeout: '5s' },
      ],
    },
    rule_files: [o.rulesFile],
    scrape_configs: [
      {
        job_name: 'msa-demo',
        metrics_path: '/metrics',
        // Linkerd's series carry the pod's namespace as Linkerd's own scrape config sets it: keep it.
        honor_labels: true,
        static_configs: o.targets.map(t => ({
          targets: [t.address],
          labels: { service: t.service, namespace: t.namespace },
        })),
      },
      ...(o.exporters ?? []).map(e => ({
        job_name: e.job,
        metrics_path: '/metrics',
        honor_labels: true,
        ...(e.scrapeIntervalS
          ? {
              scrape_interval: `${e.scrapeIntervalS}s`,
              scrape_timeout: `${Math.max(1, e.scrapeIntervalS - 1)}s`,
            }
          : {}),
        static_configs: [{ targets: [e.address] }],
      })),
    ],
  });
}

const RUNBOOK = 'https://runbooks.sandbox.local/msa';

/** The metric family the alert rules read: Istio's when the demo exposes it, else Linkerd's. */
export type RulesMesh = 'istio' | 'linkerd';

function redRules(mesh: RulesMesh): {
  errorRatio: string;
  p95: string;
  namespace: string;
  workload: string;
} {
  if (mesh === 'linkerd') {
    const by = 'namespace, deployment';
    return {
      errorRatio: `sum by (${by}) (rate(response_total{direction="inbound", classification="failure"}[1m])) / sum by (${by}) (rate(response_total{direction="inbound"}[1m])) > 0.05`,
      p95: `histogram_quantile(0.95, sum by (le, ${by}) (rate(response_latency_ms_bucket{direction="inbound"}[1m]))) > 500`,
      namespace: 'namespace',
      workload: 'deployment',
    };
  }
  const by = 'destination_workload_namespace, destination_workload';
  return {
    errorRatio: `sum by (${by}) (rate(istio_requests_total{reporter="destination", response_code=~"5.."}[1m])) / sum by (${by}) (rate(istio_requests_total{reporter="destination"}[1m])) > 0.05`,
    p95: `histogram_quantile(0.95, sum by (le, ${by}) (rate(istio_request_duration_milliseconds_bucket{reporter="destination"}[1m]))) > 500`,
    namespace: 'destination_workload_namespace',
    workload: 'destination_workload',
  };
}

export function rulesConfig(o: {
  forSeconds: number;
  mesh?: RulesMesh;
}): string {
  const red = redRules(o.mesh ?? 'istio');
  const ns = `{{ $labels.${red.namespace} }}`;
  const workload = `{{ $labels.${red.workload} }}`;
  const serviceLabels = { namespace: ns, service: workload };
  return stringify({
    groups: [
      {
        name: 'msa-red',
        interval: '2s',
        rules: [
          {
            alert: 'HighErrorRatio',
            expr: red.errorRatio,
            for: `${o.forSeconds}s`,
            labels: { severity: 'critical', ...serviceLabels },
            annotations: {
              summary: `${workload}: more than 5% of requests fail`,
              description: `${workload} in ${ns} answers {{ $value | humanizePercentage }} of its requests with a 5xx status (last minute).`,
              runbook_url: `${RUNBOOK}/HighErrorRatio`,
            },
          },
          {
            alert: 'HighLatencyP95',
            expr: red.p95,
            for: `${o.forSeconds * 3}s`,
            labels: { severity: 'warning', ...serviceLabels },
            annotations: {
              summary: `${workload}: p95 latency above 500 ms`,
              description: `The 95th percentile request duration of ${workload} in ${ns} is {{ $value | humanize }} ms.`,
              runbook_url: `${RUNBOOK}/HighLatencyP95`,
            },
          },
          {
            alert: 'TargetDown',
            expr: 'up{job="msa-demo"} == 0',
            for: `${o.forSeconds * 3}s`,
            labels: {
              severity: 'critical',
              namespace: '{{ $labels.namespace }}',
              service: '{{ $labels.service }}',
            },
            annotations: {
              summary: '{{ $labels.service }}: metrics endpoint down',
              description:
                'Prometheus cannot scrape {{ $labels.instance }} ({{ $labels.service }} in {{ $labels.namespace }}).',
              runbook_url: `${RUNBOOK}/TargetDown`,
            },
          },
        ],
      },
    ],
  });
}

export function alertmanagerConfig(): string {
  return stringify({
    route: {
      receiver: 'null',
      group_by: ['alertname', 'namespace', 'service'],
      group_wait: '1s',
      group_interval: '5s',
      repeat_interval: '1h',
    },
    receivers: [{ name: 'null' }],
  });
}
