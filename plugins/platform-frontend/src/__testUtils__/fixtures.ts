import { Entity } from '@backstage/catalog-model';
import {
  AlertsValue,
  ArgoCdValue,
  BuildsValue,
  ServiceGraphValue,
  HealthValue,
  LogLine,
  LogsValue,
  MetricsValue,
  SourceResult,
  TraceDetail,
  TracesValue,
} from '@paved-road/backstage-plugin-platform-common';

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'msa-nginx',
    namespace: 'default',
    annotations: {
      'argocd/app-name': 'msa-nginx',
      'prometheus.io/labels': 'service=msa-nginx',
      'jenkins.io/job-full-name': 'msa/msa-nginx',
      'backstage.io/kubernetes-id': 'msa-nginx',
    },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

export const fetchedAt = '2026-01-01T12:00:00.000Z';

export function ok<T>(value: T): SourceResult<T> {
  return { ok: true, value, fetchedAt };
}

export const argocd: ArgoCdValue = {
  applications: [
    {
      name: 'msa-nginx',
      instance: 'main',
      project: 'default',
      destinationNamespace: 'msa',
      syncStatus: 'OutOfSync',
      healthStatus: 'Degraded',
      healthMessage: 'Deployment has 0/2 ready replicas',
      revision: '0123456789abcdef0123456789abcdef01234567',
      revisionUrl: 'https://git.example/msa_deploy/commit/0123456',
      operation: {
        phase: 'Failed',
        message: 'one or more objects failed to apply',
      },
      images: ['harbor.example/msa/msa-nginx:42'],
      history: [
        {
          id: 1,
          revision: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
          deployedAt: '2026-01-01T10:00:00Z',
        },
        {
          id: 2,
          revision: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
          deployedAt: '2026-01-01T11:00:00Z',
          revisionUrl: 'https://git.example/msa_deploy/commit/bbbbbbb',
        },
      ],
      webUrl: 'https://argocd.example/applications/msa-nginx',
    },
  ],
};

export const alerts: AlertsValue = {
  alerts: [
    {
      name: 'HighErrorRate',
      state: 'firing',
      severity: 'critical',
      summary: 'More than 5% of requests fail',
      runbookUrl: 'https://runbooks.example/high-error-rate',
      since: '2026-01-01T11:50:00Z',
      labels: { service: 'msa-nginx' },
      fingerprint: 'f1',
      alertmanagerUrl: 'https://am.example/#/alerts?fingerprint=f1',
    },
    {
      name: 'SlowRequests',
      state: 'silenced',
      severity: 'warning',
      labels: { service: 'msa-nginx' },
      fingerprint: 'f2',
    },
    {
      name: 'PodRestarting',
      state: 'pending',
      severity: 'warning',
      labels: { service: 'msa-nginx' },
      fingerprint: 'f3',
    },
  ],
  rules: [
    {
      name: 'HighErrorRate',
      group: 'msa',
      state: 'firing',
      health: 'ok',
      query: 'x',
      durationSeconds: 60,
    },
  ],
};

const t0 = Date.parse('2026-01-01T11:00:00Z') / 1000;
export const metrics: MetricsValue = {
  start: '2026-01-01T11:00:00Z',
  end: '2026-01-01T12:00:00Z',
  stepSeconds: 60,
  series: [
    {
      name: 'rate',
      unit: 'req/s',
      points: [
        [t0, 1],
        [t0 + 60, 2],
        [t0 + 120, null],
        [t0 + 180, 3],
      ],
    },
    {
      name: 'errorRatio',
      unit: 'ratio',
      points: [
        [t0, 0],
        [t0 + 60, 0.1],
      ],
    },
    { name: 'p95', unit: 'ms', points: [] },
  ],
  deployMarkers: [
    {
      at: '2026-01-01T11:30:00Z',
      revision: 'bbbbbbbbbbbb',
      application: 'msa-nginx',
    },
  ],
  exploreUrl: 'https://grafana.example/explore?x',
};

export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

export function logLine(i: number, overrides: Partial<LogLine> = {}): LogLine {
  return {
    timestampNs: String(
      BigInt(Date.parse('2026-01-01T11:59:00Z')) * 1000000n +
        BigInt(i) * 1000000n,
    ),
    line: `GET /api/login ${i}`,
    level: 'info',
    labels: { app: 'msa-nginx' },
    ...overrides,
  };
}

export const logs: LogsValue = {
  lines: [
    logLine(3, {
      level: 'error',
      line: 'upstream timed out',
      traceId: TRACE_ID,
    }),
    logLine(2, { level: 'warn', line: 'slow upstream' }),
    logLine(1),
  ],
  truncated: false,
  limit: 1000,
  exploreUrl: 'https://grafana.example/explore?logs',
};

export const traces: TracesValue = {
  traces: [
    {
      traceId: TRACE_ID,
      rootServiceName: 'msa-nginx',
      rootTraceName: 'GET /login',
      startTime: '2026-01-01T11:59:00Z',
      durationMs: 120,
      error: true,
      spanCount: 3,
    },
  ],
};

const base = BigInt(Date.parse('2026-01-01T11:59:00Z')) * 1000000n;
export const trace: TraceDetail = {
  traceId: TRACE_ID,
  spans: [
    {
      spanId: 'b',
      parentSpanId: 'a',
      serviceName: 'login-js',
      name: 'POST /auth',
      kind: 'server',
      startTimeNs: String(base + 10000000n),
      durationNs: 100000000,
      status: 'error',
      statusMessage: 'password store unreachable',
      attributes: { 'http.status_code': 500, 'http.route': '/auth' },
      events: [
        {
          timeNs: String(base + 20000000n),
          name: 'exception',
          attributes: { type: 'Timeout' },
        },
      ],
    },
    {
      spanId: 'a',
      serviceName: 'msa-nginx',
      name: 'GET /login',
      kind: 'server',
      startTimeNs: String(base),
      durationNs: 120000000,
      status: 'unset',
      attributes: { 'http.method': 'GET' },
      events: [],
    },
    {
      spanId: 'c',
      parentSpanId: 'missing-parent',
      serviceName: 'login-js',
      name: 'orphan',
      kind: 'internal',
      startTimeNs: String(base + 5000000n),
      durationNs: 1000000,
      status: 'ok',
      attributes: {},
      events: [],
    },
  ],
};

export const builds: BuildsValue = {
  jobFullName: 'msa/msa-nginx',
  instance: 'default',
  jobUrl: 'https://jenkins.example/job/msa/job/msa-nginx/',
  builds: [
    {
      number: 41,
      result: 'SUCCESS',
      startedAt: '2026-01-01T10:00:00Z',
      durationMs: 95000,
      url: 'https://jenkins.example/job/msa/job/msa-nginx/41/',
    },
    {
      number: 42,
      result: 'FAILURE',
      startedAt: '2026-01-01T11:00:00Z',
      durationMs: 30000,
      url: 'https://jenkins.example/job/msa/job/msa-nginx/42/',
    },
  ],
};

export const health: HealthValue = {
  verdict: 'failing',
  reasons: [
    { source: 'argocd', verdict: 'failing', message: 'msa-nginx is Degraded' },
    {
      source: 'alerts',
      verdict: 'degraded',
      message: '1 critical alert firing',
    },
    { source: 'builds', verdict: 'healthy', message: 'last build succeeded' },
  ],
  sources: {
    argocd: ok(argocd),
    alerts: ok(alerts),
    metrics: ok(metrics),
    builds: ok(builds),
  },
};

export const serviceGraph: ServiceGraphValue = {
  workload: 'msa-nginx',
  namespace: 'msa',
  metrics: 'istio',
  windowSeconds: 300,
  callers: [
    {
      peer: {
        workload: 'istio-ingressgateway',
        namespace: 'istio-system',
        external: false,
      },
      rate: 12.4,
      errorRatio: 0.002,
      p95Ms: 48,
    },
    {
      peer: { workload: 'unknown', namespace: 'unknown', external: true },
      rate: 0.4,
      errorRatio: 0.07,
      p95Ms: 120,
    },
  ],
  callees: [
    {
      peer: {
        workload: 'login-js',
        namespace: 'msa',
        external: false,
        entityRef: 'component:default/login-js',
      },
      rate: 6.2,
      errorRatio: 0.012,
      p95Ms: 35,
    },
  ],
};
