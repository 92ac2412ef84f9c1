/** Prometheus, rules and Alertmanager configuration for the demo services (group `msa-red`). */
import { stringify } from 'yaml';

export interface ScrapeTarget {
  service: string;
  namespace: string;
  address: string;
}

export function prometheusConfig(o: {
  scrapeIntervalS: number;
  evaluationIntervalS: number;
  alertmanager: string;
  rulesFile: string;
  targets: ScrapeTarget[];
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
        static_configs: o.targets.map(t => ({
          targets: [t.address],
          labels: { service: t.service, namespace: t.namespace },
        })),
      },
    ],
  });
}

const RUNBOOK = 'https://runbooks.sandbox.local/msa';

export function rulesConfig(o: { forSeconds: number }): string {
  const byWorkload = 'destination_workload_namespace, destination_workload';
  const serviceLabels = {
    namespace: '{{ $labels.destination_workload_namespace }}',
    service: '{{ $labels.destination_workload }}',
  };
  return stringify({
    groups: [
      {
        name: 'msa-red',
        interval: '2s',
        rules: [
          {
            alert: 'HighErrorRatio',
            expr: `sum by (${byWorkload}) (rate(istio_requests_total{reporter="destination", response_code=~"5.."}[1m])) / sum by (${byWorkload}) (rate(istio_requests_total{reporter="destination"}[1m])) > 0.05`,
            for: `${o.forSeconds}s`,
            labels: { severity: 'critical', ...serviceLabels },
            annotations: {
              summary:
                '{{ $labels.destination_workload }}: more than 5% of requests fail',
              description:
                '{{ $labels.destination_workload }} in {{ $labels.destination_workload_namespace }} answers {{ $value | humanizePercentage }} of its requests with a 5xx status (last minute).',
              runbook_url: `${RUNBOOK}/HighErrorRatio`,
            },
          },
          {
            alert: 'HighLatencyP95',
            expr: `histogram_quantile(0.95, sum by (le, ${byWorkload}) (rate(istio_request_duration_milliseconds_bucket{reporter="destination"}[1m]))) > 500`,
            for: `${o.forSeconds * 3}s`,
            labels: { severity: 'warning', ...serviceLabels },
            annotations: {
              summary:
                '{{ $labels.destination_workload }}: p95 latency above 500 ms',
              description:
                'The 95th percentile request duration of {{ $labels.destination_workload }} in {{ $labels.destination_workload_namespace }} is {{ $value | humanize }} ms.',
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
