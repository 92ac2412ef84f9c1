import {
  AlertsValue,
  PlatformAlert,
  PlatformAlertRule,
} from '@paved-road/backstage-plugin-platform-common';
import {
  AlertmanagerClient,
  AmAlert,
  PlatformConfig,
  PromGroupedAlertingRule,
  PrometheusClient,
  UpstreamError,
  formatAlertmanagerMatcher,
} from '@paved-road/backstage-plugin-platform-node';
import { AlertTarget } from '../entityTargets';
import { DerivedMemo } from '../memo';
import { Cached, UpstreamCache } from '../UpstreamCache';

function matchesAll(labels: Record<string, string>, target: AlertTarget): boolean {
  return target.matchers.every(m => labels[m.name] === m.value);
}

function nameAllowed(name: string | undefined, target: AlertTarget): boolean {
  return !target.names || (name !== undefined && target.names.includes(name));
}

/** Alertmanager alert -> wire alert; suppressed alerts say whether a silence or an inhibition hides them. */
export function toPlatformAlert(alert: AmAlert, webUrl?: string): PlatformAlert {
  const silencedBy = alert.status.silencedBy ?? [];
  const inhibitedBy = alert.status.inhibitedBy ?? [];
  let state: PlatformAlert['state'] = 'firing';
  if (alert.status.state === 'suppressed') {
    state = silencedBy.length === 0 && inhibitedBy.length > 0 ? 'inhibited' : 'silenced';
  }
  const name = alert.labels.alertname ?? '(unnamed)';
  return {
    name,
    state,
    severity: alert.labels.severity,
    summary: alert.annotations.summary,
    description: alert.annotations.description,
    runbookUrl: alert.annotations.runbook_url,
    since: alert.startsAt,
    labels: alert.labels,
    fingerprint: alert.fingerprint,
    ...(silencedBy.length ? { silencedBy } : {}),
    ...(webUrl
      ? { alertmanagerUrl: `${webUrl}/#/alerts?filter=${encodeURIComponent(`{${formatAlertmanagerMatcher('alertname', '=', name)}}`)}` }
      : {}),
  };
}

function toPlatformRule(rule: PromGroupedAlertingRule): PlatformAlertRule {
  return {
    name: rule.name,
    group: rule.group,
    state: rule.state,
    health: rule.health,
    query: rule.query,
    durationSeconds: rule.duration,
    severity: rule.labels.severity,
    summary: rule.annotations.summary,
  };
}

/** A rule belongs to the entity when its own labels, or one of its alerts' labels, carry every matcher. */
function ruleMatches(rule: PromGroupedAlertingRule, target: AlertTarget): boolean {
  if (!nameAllowed(rule.name, target)) {
    return false;
  }
  return matchesAll(rule.labels, target) || rule.alerts.some(alert => matchesAll(alert.labels, target));
}

/** Alerts of an entity: Alertmanager (active, silenced, inhibited) plus Prometheus alerting rules. */
export class AlertsSource {
  constructor(
    private readonly deps: {
      config: PlatformConfig;
      alertmanager?: AlertmanagerClient;
      prometheus?: PrometheusClient;
      cache: UpstreamCache;
    },
  ) {}

  private readonly values = new DerivedMemo<Cached<AlertsValue>>();

  async read(target: AlertTarget): Promise<Cached<AlertsValue>> {
    const { alertmanager, prometheus, cache, config } = this.deps;
    const filter = target.matchers.map(m => formatAlertmanagerMatcher(m.name, '=', m.value));
    const [amResult, rulesResult] = await Promise.allSettled([
      alertmanager
        ? cache.get(['alertmanager', config.alertmanager!.url, 'alerts', ...filter], () =>
            alertmanager.alerts({ active: true, silenced: true, inhibited: true, filter }),
          )
        : undefined,
      prometheus
        ? // One rule list for every entity: the filtering happens here, so the cache entry is shared.
          cache.get(['prometheus', config.prometheus!.url, 'rules'], () => prometheus.alertingRules())
        : undefined,
    ]);
    if (amResult.status === 'rejected') {
      throw amResult.reason;
    }
    if (!amResult.value && rulesResult.status === 'rejected') {
      throw rulesResult.reason;
    }
    const rulesEntry = rulesResult.status === 'fulfilled' ? rulesResult.value : undefined;
    const anchor = amResult.value ?? rulesEntry;
    if (anchor && rulesResult.status === 'fulfilled') {
      // Cached hits of the same answers for the same target derive the same value: reuse it (and its JSON text).
      const key = JSON.stringify([filter, target.names]);
      return this.values.get(anchor, key, [amResult.value, rulesEntry], () => this.derive(target, amResult.value, rulesResult));
    }
    return this.derive(target, amResult.value, rulesResult);
  }

  private derive(
    target: AlertTarget,
    am: Cached<AmAlert[]> | undefined,
    rulesResult: PromiseSettledResult<Cached<PromGroupedAlertingRule[]> | undefined>,
  ): Cached<AlertsValue> {
    const { config } = this.deps;
    const warnings: string[] = [];
    const rules = rulesResult.status === 'fulfilled' && rulesResult.value
      ? rulesResult.value.value.filter(rule => ruleMatches(rule, target))
      : [];
    if (rulesResult.status === 'rejected') {
      warnings.push(rulesResult.reason instanceof UpstreamError ? rulesResult.reason.message : 'Prometheus rules could not be read');
    }

    const alerts: PlatformAlert[] = am
      ? am.value
          .filter(alert => nameAllowed(alert.labels.alertname, target))
          .map(alert => toPlatformAlert(alert, config.alertmanager?.webUrl))
      : [];
    // Pending alerts never reach Alertmanager; without Alertmanager, firing ones come from the rules too.
    for (const rule of rules) {
      for (const alert of rule.alerts) {
        const wanted = alert.state === 'pending' || (!am && alert.state === 'firing');
        if (wanted && matchesAll(alert.labels, target)) {
          alerts.push({
            name: rule.name,
            state: alert.state === 'pending' ? 'pending' : 'firing',
            severity: alert.labels.severity,
            summary: alert.annotations.summary,
            description: alert.annotations.description,
            runbookUrl: alert.annotations.runbook_url,
            since: alert.activeAt,
            labels: alert.labels,
          });
        }
      }
    }
    const fetchedAt = [am?.fetchedAt, rulesResult.status === 'fulfilled' ? rulesResult.value?.fetchedAt : undefined]
      .filter((t): t is string => Boolean(t))
      .sort()[0];
    return {
      value: { alerts, rules: rules.map(toPlatformRule), ...(warnings.length ? { warnings } : {}) },
      fetchedAt: fetchedAt ?? new Date().toISOString(),
    };
  }
}
