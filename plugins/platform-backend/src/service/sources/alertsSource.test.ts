import { PromGroupedAlertingRule } from '@paved-road/backstage-plugin-platform-node';
import { alertmanagerFilterUrl, ruleMatches } from './alertsSource';

function rule(
  overrides: Partial<PromGroupedAlertingRule>,
): PromGroupedAlertingRule {
  return {
    name: 'HighErrorRatio',
    group: 'msa-red',
    state: 'inactive',
    health: 'ok',
    query:
      'sum by (destination_workload_namespace, destination_workload) (rate(x[1m])) > 0.05',
    duration: 10,
    labels: {},
    annotations: {},
    alerts: [],
    ...overrides,
  } as PromGroupedAlertingRule;
}

const target = {
  matchers: [
    { name: 'namespace', value: 'msa' },
    { name: 'service', value: 'orders' },
  ],
};

describe('ruleMatches', () => {
  it('counts a quiet rule whose labels are templates of the query labels (the sandbox and most real rules)', () => {
    const templated = rule({
      labels: {
        severity: 'critical',
        namespace: '{{ $labels.destination_workload_namespace }}',
        service: '{{ $labels.destination_workload }}',
      },
    });
    expect(ruleMatches(templated, target)).toBe(true);
  });

  it('refuses a rule whose literal label names another service', () => {
    expect(
      ruleMatches(
        rule({ labels: { namespace: 'msa', service: 'payments' } }),
        target,
      ),
    ).toBe(false);
    expect(
      ruleMatches(
        rule({ labels: { namespace: 'msa', service: 'orders' } }),
        target,
      ),
    ).toBe(true);
  });

  it('counts an unset label only when the query keeps it', () => {
    expect(
      ruleMatches(
        rule({ query: 'up{job="msa-demo"} == 0', labels: {} }),
        target,
      ),
    ).toBe(false);
    expect(
      ruleMatches(
        rule({
          query: 'sum by (namespace, service) (up{job="msa-demo"}) == 0',
          labels: {},
        }),
        target,
      ),
    ).toBe(true);
    // A label name inside another identifier does not count.
    expect(
      ruleMatches(
        rule({
          query: 'sum by (namespace, my_service_x) (up) == 0',
          labels: {},
        }),
        target,
      ),
    ).toBe(false);
  });

  it('counts a rule by its alerts, and honours the alert-name list', () => {
    const firing = rule({
      labels: { service: 'other' },
      alerts: [
        {
          labels: { namespace: 'msa', service: 'orders' },
          annotations: {},
          state: 'firing',
          activeAt: 'x',
          value: '1',
        },
      ],
    } as Partial<PromGroupedAlertingRule>);
    expect(ruleMatches(firing, target)).toBe(true);
    expect(ruleMatches(firing, { ...target, names: ['TargetDown'] })).toBe(
      false,
    );
  });
});

describe('alertmanagerFilterUrl', () => {
  it('filters by every matcher, quoted for Alertmanager', () => {
    const url = alertmanagerFilterUrl('https://am.example', {
      matchers: [{ name: 'service', value: 'a"b' }],
    });
    expect(url.startsWith('https://am.example/#/alerts?')).toBe(true);
    expect(decodeURIComponent(url.split('filter=')[1])).toBe(
      '{service="a\\"b"}',
    );
  });

  it('adds the alert names the entity keeps', () => {
    const url = alertmanagerFilterUrl('https://am.example', {
      matchers: [{ name: 'namespace', value: 'msa' }],
      names: ['A.x', 'B'],
    });
    expect(decodeURIComponent(url.split('filter=')[1])).toBe(
      '{namespace="msa",alertname=~"A\\\\.x|B"}',
    );
  });
});
