import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * The plugin's own user-visible strings (titles, buttons, empty states, freshness), in English. An app
 * overrides them with `createTranslationMessages({ ref: platformTranslationRef, messages: {...} })` or
 * `createTranslationResource`; messages that come from the backend are shown as they are.
 *
 * @public
 */
export const platformTranslationRef = createTranslationRef({
  id: 'platform',
  messages: {
    health: {
      title: 'Health',
      reasons: 'Reasons',
      allHealthy: 'Every source reports healthy.',
      noReason: 'No source explains the verdict.',
    },
    // A source's name in the verdict's reasons, in error titles and in loading labels.
    sources: {
      argocd: 'Argo CD',
      alerts: 'Alerts',
      metrics: 'Metrics',
      logs: 'Logs',
      traces: 'Traces',
      builds: 'Builds',
    },
    fleet: {
      title: 'Services',
      filter: 'Filter by name, owner or system',
      problemsOnly: 'Problems only',
      empty: 'No component to show.',
      truncated: 'Only the first {{limit}} components are shown.',
      shown: '{{shown}} of {{total}} components',
      pages: 'Pages',
      page: 'Page {{page}} of {{pages}}',
      previous: 'Previous',
      next: 'Next',
      noOwners:
        'Your sign-in names no group or user that owns components, so there is no fleet to show.',
      ownersDropped:
        'Only the first {{limit}} of your groups are included ({{dropped}} left out).',
      columns: {
        verdict: 'Verdict',
        name: 'Component',
        argocd: 'Argo CD',
        alerts: 'Alerts',
        rate: 'Requests/s',
        errorRatio: 'Errors',
        p95: 'p95',
        build: 'Last build',
      },
    },
    myServices: {
      title: 'My services',
      summary:
        '{{failing}} failing, {{degraded}} degraded, {{healthy}} healthy',
      problems: 'Needs attention',
      allGood: 'None of your services fails or degrades.',
      all: 'All my services',
    },
    argocdCard: {
      title: 'Argo CD',
      link: 'Argo CD',
      following: 'Following the sync operation…',
      sync: 'Sync',
      syncing: 'Syncing…',
      syncTitle: 'Sync {{apps}}?',
      syncText:
        'Argo CD will apply the desired state from git to the cluster now.',
      cancel: 'Cancel',
      syncNow: 'Sync now',
      syncFailed: 'Sync failed: {{message}}',
      syncStarted: 'Sync started for {{app}}',
      syncStatus: 'Sync status',
      healthStatus: 'Health status',
      history: 'Deployment history of {{app}}',
      revision: 'Revision',
      deployed: 'Deployed',
      emptyTitle: 'No Argo CD application found',
      emptyHint: 'The annotation selects no application in Argo CD.',
    },
    alertsCard: {
      title: 'Alerts',
      link: 'Alertmanager',
      emptyTitle: 'No alerts and no alert rules',
      emptyHint: "No Prometheus alert rule can fire for this service's labels.",
      noAlertsOneRule: 'No alerts firing (1 rule watches this service).',
      noAlertsRules: 'No alerts firing ({{rules}} rules watch this service).',
      noActiveAlerts: 'No active alerts.',
      activeAlerts: 'Active alerts',
      rulesHeading: 'Rules that can fire for this service',
      rules: 'Alert rules',
      runbook: 'Runbook',
    },
    metricsCard: {
      title: 'RED metrics',
      link: 'Explore',
      emptyTitle: 'No metrics in this range',
      emptyHint:
        'The service received no traffic, or its metrics are not scraped.',
      noData: 'No data in this range.',
      latest: 'Latest point of {{chart}}',
      charts: {
        rate: 'Request rate',
        errorRatio: 'Error ratio',
        p95: 'Latency p95',
      },
    },
    logsCard: {
      title: 'Logs',
      link: 'Explore',
      aroundTrace: 'Around the trace',
      levels: 'Log levels',
      search: 'Search',
      live: 'Live',
      traceFilter: 'trace {{id}}',
      tailStopped: 'Live tail stopped: {{message}}',
      emptyTitle: 'No log lines match',
      emptyHint: 'Widen the time range or clear the filters.',
      truncated:
        'Showing the newest {{limit}} lines; narrow the filters to see older ones.',
    },
    tracesCard: {
      title: 'Traces',
      link: 'Explore',
      minDuration: 'Min duration (ms)',
      errorsOnly: 'Errors only',
      showMore: 'Show more traces',
      emptyTitle: 'No traces match',
      emptyHint: 'Widen the time range or relax the filters.',
      traceSource: 'Trace',
      traceNotFound: 'Trace not found',
      traceNotFoundHint:
        'It may have expired from Tempo, or not been flushed yet.',
      columns: {
        started: 'Started',
        root: 'Root',
        trace: 'Trace',
        spans: 'Spans',
        duration: 'Duration',
        status: 'Status',
      },
    },
    buildsCard: {
      title: 'Builds',
      link: 'Jenkins',
      emptyTitle: 'No builds yet',
      emptyHint: 'The Jenkins job exists but has not run.',
      table: 'Builds of {{job}}',
      running: 'running',
      columns: {
        build: 'Build',
        result: 'Result',
        started: 'Started',
        duration: 'Duration',
      },
    },
    timeRange: {
      label: 'Time range',
      'now-15m': 'Last 15 minutes',
      'now-1h': 'Last hour',
      'now-6h': 'Last 6 hours',
      'now-24h': 'Last 24 hours',
      'now-7d': 'Last 7 days',
    },
    freshness: {
      updated: 'Updated {{age}} ago',
      refresh: 'Refresh {{source}}',
      seconds: '{{value}} s',
      minutes: '{{value}} min',
      hours: '{{value}} h',
    },
    states: {
      loading: 'Loading {{source}}',
      reloading: 'Reloading {{source}}',
      retry: 'Retry',
      nothingToShow: 'Nothing to show',
      errorTitle: '{{source}}: {{kind}}',
      httpStatus: '(HTTP {{status}})',
    },
    errorKinds: {
      'not-configured': 'Not configured',
      timeout: 'Timed out',
      unreachable: 'Unreachable',
      upstream: 'Upstream error',
      'bad-response': 'Unexpected response',
      forbidden: 'Not allowed',
      'not-found': 'Not found',
      request: 'Request failed',
    },
  },
});
