import { Entity } from '@backstage/catalog-model';
import {
  AlertsValue,
  PLATFORM_ANNOTATIONS as A,
  PlatformAlert,
  PlatformAlertRule,
  SourceResult,
} from '@paved-road/backstage-plugin-platform-common';
import {
  AlertmanagerClient,
  AmAlert,
  PlatformConfig,
  PlatformSource,
  SourceCache,
  PromGroupedAlertingRule,
  PrometheusClient,
  UpstreamError,
  formatAlertmanagerMatcher,
} from '@paved-road/backstage-plugin-platform-node';
import { AlertTarget, alertTarget } from '../entityTargets';
import { alertsReason } from '../health';
import { DerivedMemo } from '../memo';
import { Cached } from '../UpstreamCache';
import { answerEach } from './sourceResults';

function matchesAll(
  labels: Record<string, string>,
  target: AlertTarget,
): boolean {
  return target.matchers.every(m => labels[m.name] === m.value);
}

function nameAllowed(name: string | undefined, target: AlertTarget): boolean {
  return !target.names || (name !== undefined && target.names.includes(name));
}

/** Alertmanager alert -> wire alert; suppressed alerts say whether a silence or an inhibition hides them. */
export function toPlatformAlert(
  alert: AmAlert,
  webUrl?: string,
): PlatformAlert {
  const silencedBy = alert.status.silencedBy ?? [];
  const inhibitedBy = alert.status.inhibitedBy ?? [];
  let state: PlatformAlert['state'] = 'firing';
  if (alert.status.state === 'suppressed') {
    state =
      silencedBy.length === 0 && inhibitedBy.length > 0
        ? 'inhibited'
        : 'silenced';
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
      ? {
          alertmanagerUrl: `${webUrl}/#/alerts?filter=${encodeURIComponent(
            `{${formatAlertmanagerMatcher('alertname', '=', name)}}`,
          )}`,
        }
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether a quiet rule can raise an alert carrying this matcher. A rule label is a template as often as a
 * literal (`namespace: '{{ $labels.destination_workload_namespace }}'`): its value is only known once the rule
 * fires, so a template may match; a literal must equal. A label the rule does not set comes from the query's
 * series: it can only survive an aggregation when the query names it (`by (namespace, service)` or a
 * selector), so an unnamed label does not count as watched.
 */
function labelCanMatch(
  rule: PromGroupedAlertingRule,
  name: string,
  value: string,
): boolean {
  const own = rule.labels[name];
  if (own !== undefined) {
    return own === value || own.includes('{{');
  }
  return new RegExp(
    `(^|[^A-Za-z0-9_])${escapeRegExp(name)}([^A-Za-z0-9_]|$)`,
  ).test(rule.query);
}

/**
 * A rule belongs to the entity when one of its alerts carries every matcher, or when (quiet) it can raise one:
 * see {@link labelCanMatch}.
 */
export function ruleMatches(
  rule: PromGroupedAlertingRule,
  target: AlertTarget,
): boolean {
  if (!nameAllowed(rule.name, target)) {
    return false;
  }
  if (rule.alerts.some(alert => matchesAll(alert.labels, target))) {
    return true;
  }
  return target.matchers.every(m => labelCanMatch(rule, m.name, m.value));
}

/** Alertmanager's alert list filtered by the entity's matchers (and its alert names, when it names some). */
export function alertmanagerFilterUrl(
  webUrl: string,
  target: AlertTarget,
): string {
  const matchers = target.matchers.map(m =>
    formatAlertmanagerMatcher(m.name, '=', m.value),
  );
  if (target.names?.length === 1) {
    matchers.push(formatAlertmanagerMatcher('alertname', '=', target.names[0]));
  } else if (target.names && target.names.length > 1) {
    matchers.push(
      formatAlertmanagerMatcher(
        'alertname',
        '=~',
        target.names.map(escapeRegExp).join('|'),
      ),
    );
  }
  return `${webUrl}/#/alerts?silenced=true&inhibited=true&filter=${encodeURIComponent(
    `{${matchers.join(',')}}`,
  )}`;
}

/** Alerts of an entity: Alertmanager (active, silenced, inhibited) plus Prometheus alerting rules. */
export class AlertsSource
  implements PlatformSource<AlertTarget, undefined, AlertsValue>
{
  readonly id = 'alerts';
  readonly annotations = [
    A.prometheusLabels,
    A.prometheusAlert,
    A.grafanaAlertLabelSelector,
    A.kubernetesNamespace,
  ];
  readonly judge = alertsReason;

  constructor(
    private readonly deps: {
      config: PlatformConfig;
      alertmanager?: AlertmanagerClient;
      prometheus?: PrometheusClient;
      cache: SourceCache;
    },
  ) {}

  private readonly values = new DerivedMemo<Cached<AlertsValue>>();

  target(entity: Entity) {
    return alertTarget(entity, this.deps.config);
  }

  async read(target: AlertTarget): Promise<Cached<AlertsValue>> {
    const { alertmanager, prometheus, cache, config } = this.deps;
    const filter = target.matchers.map(m =>
      formatAlertmanagerMatcher(m.name, '=', m.value),
    );
    const [amResult, rulesResult] = await Promise.allSettled([
      alertmanager
        ? cache.get(
            ['alertmanager', config.alertmanager!.url, 'alerts', ...filter],
            () =>
              alertmanager.alerts({
                active: true,
                silenced: true,
                inhibited: true,
                filter,
              }),
          )
        : undefined,
      prometheus
        ? // One rule list for every entity: the filtering happens here, so the cache entry is shared.
          cache.get(['prometheus', config.prometheus!.url, 'rules'], () =>
            prometheus.alertingRules(),
          )
        : undefined,
    ]);
    if (amResult.status === 'rejected') {
      throw amResult.reason;
    }
    if (!amResult.value && rulesResult.status === 'rejected') {
      throw rulesResult.reason;
    }
    const rulesEntry =
      rulesResult.status === 'fulfilled' ? rulesResult.value : undefined;
    const anchor = amResult.value ?? rulesEntry;
    if (anchor && rulesResult.status === 'fulfilled') {
      // Cached hits of the same answers for the same target derive the same value: reuse it (and its JSON text).
      const key = JSON.stringify([filter, target.names]);
      return this.values.get(anchor, key, [amResult.value, rulesEntry], () =>
        this.derive(target, amResult.value, rulesResult),
      );
    }
    return this.derive(target, amResult.value, rulesResult);
  }

  /**
   * The fleet view's alerts: one unfiltered Alertmanager read (active, silenced, inhibited) and the one rule list,
   * each entity keeping the alerts that carry every one of its matchers (Alertmanager's own filter semantics).
   * Rules are left out of the answers: the fleet counts alerts.
   */
  async readMany(
    targets: ReadonlyMap<string, AlertTarget>,
  ): Promise<Map<string, SourceResult<AlertsValue>>> {
    const { alertmanager, prometheus, cache, config } = this.deps;
    let am: Cached<AmAlert[]> | undefined;
    let rulesResult: PromiseSettledResult<
      Cached<PromGroupedAlertingRule[]> | undefined
    > = { status: 'fulfilled', value: undefined };
    return answerEach(
      targets,
      async () => {
        const [amRead, rulesRead] = await Promise.allSettled([
          alertmanager
            ? cache.get(
                ['alertmanager', config.alertmanager!.url, 'alerts', 'fleet'],
                () =>
                  alertmanager.alerts({
                    active: true,
                    silenced: true,
                    inhibited: true,
                  }),
              )
            : undefined,
          prometheus
            ? cache.get(['prometheus', config.prometheus!.url, 'rules'], () =>
                prometheus.alertingRules(),
              )
            : undefined,
        ]);
        if (amRead.status === 'rejected') throw amRead.reason;
        if (!amRead.value && rulesRead.status === 'rejected') {
          throw rulesRead.reason;
        }
        am = amRead.value;
        rulesResult = rulesRead;
      },
      target => {
        const mine = am && {
          value: am.value.filter(alert => matchesAll(alert.labels, target)),
          fetchedAt: am.fetchedAt,
        };
        const { value, fetchedAt } = this.derive(target, mine, rulesResult);
        return { ok: true, value: { ...value, rules: [] }, fetchedAt };
      },
    );
  }

  private derive(
    target: AlertTarget,
    am: Cached<AmAlert[]> | undefined,
    rulesResult: PromiseSettledResult<
      Cached<PromGroupedAlertingRule[]> | undefined
    >,
  ): Cached<AlertsValue> {
    const { config } = this.deps;
    const warnings: string[] = [];
    const rules =
      rulesResult.status === 'fulfilled' && rulesResult.value
        ? rulesResult.value.value.filter(rule => ruleMatches(rule, target))
        : [];
    if (rulesResult.status === 'rejected') {
      warnings.push(
        rulesResult.reason instanceof UpstreamError
          ? rulesResult.reason.message
          : 'Prometheus rules could not be read',
      );
    }

    const alerts: PlatformAlert[] = am
      ? am.value
          .filter(alert => nameAllowed(alert.labels.alertname, target))
          .map(alert => toPlatformAlert(alert, config.alertmanager?.webUrl))
      : [];
    // Pending alerts never reach Alertmanager; without Alertmanager, firing ones come from the rules too.
    for (const rule of rules) {
      for (const alert of rule.alerts) {
        const wanted =
          alert.state === 'pending' || (!am && alert.state === 'firing');
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
    const fetchedAt = [
      am?.fetchedAt,
      rulesResult.status === 'fulfilled'
        ? rulesResult.value?.fetchedAt
        : undefined,
    ]
      .filter((t): t is string => Boolean(t))
      .sort()[0];
    return {
      value: {
        alerts,
        rules: rules.map(toPlatformRule),
        ...(config.alertmanager?.webUrl
          ? {
              alertmanagerUrl: alertmanagerFilterUrl(
                config.alertmanager.webUrl,
                target,
              ),
            }
          : {}),
        ...(warnings.length ? { warnings } : {}),
      },
      fetchedAt: fetchedAt ?? new Date().toISOString(),
    };
  }
}
