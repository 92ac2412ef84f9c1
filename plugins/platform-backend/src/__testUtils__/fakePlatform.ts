import { Entity } from '@backstage/catalog-model';
import alertsFixture from '@paved-road/fixtures/alertmanager/alerts.json';
import silencedFixture from '@paved-road/fixtures/alertmanager/alerts-silenced.json';
import rulesFixture from '@paved-road/fixtures/prometheus/rules-alert.json';
import lokiStreams from '@paved-road/fixtures/loki/query-range-streams.json';
import tempoSearch from '@paved-road/fixtures/tempo/search-traceql.json';
import traceWithError from '@paved-road/fixtures/tempo/trace-by-id-with-error.json';
import {
  FakeAnswer,
  FakeWebSocket,
  SeenRequest,
  startFakeServer,
} from './fakeServer';

/** How a fake upstream misbehaves. */
export type FaultMode =
  | 'ok'
  | 'down'
  | 'slow'
  | '500'
  | 'html'
  | 'truncated'
  | 'wrong-shape';

/** The upstream systems of the platform. */
export type SystemName =
  | 'argocd'
  | 'prometheus'
  | 'alertmanager'
  | 'loki'
  | 'tempo'
  | 'jenkins';

/** Credentials the fakes are configured with; no response or log line may ever contain them. */
export const SECRETS = {
  argocd: 'argo-SECRET-token-1',
  prometheus: 'prom-SECRET-token-2',
  alertmanager: 'am-SECRET-token-3',
  loki: 'loki-SECRET-token-4',
  tempo: 'tempo-SECRET-token-5',
  jenkins: 'jenkins-SECRET-token-6',
};

/** The trace id of the recorded error trace (msa-nginx -> login-js). */
export const ERROR_TRACE_ID = 'b67300518317c89eb9b17b55250a09ba';

/** Every per-entity route of the plugin, the live tail included, relative to an entity's base path. */
export const ENTITY_ROUTES = [
  'health',
  'argocd',
  'alerts',
  'metrics',
  'logs',
  'logs/tail',
  'traces',
  `traces/${ERROR_TRACE_ID}`,
  'builds',
];

/**
 * The recorded error trace with its `k8s.namespace.name` resource attribute ('default' where it was recorded)
 * set to the demo entity's namespace, msa, so the default Tempo namespace scope keeps its spans.
 */
const ERROR_TRACE_IN_MSA = JSON.parse(
  JSON.stringify(traceWithError.response.body).replace(
    /("key":"k8s\.namespace\.name","value":\{"stringValue":)"default"/g,
    '$1"msa"',
  ),
);

const now = () => new Date().toISOString();

/** An Argo CD Application as the API returns it, deployed 10 minutes ago. */
export function argoApplication(
  overrides: { sync?: string; health?: string } = {},
) {
  const deployedAt = new Date(Date.now() - 600_000).toISOString();
  return {
    metadata: {
      name: 'msa-nginx',
      namespace: 'argocd',
      labels: { 'app.kubernetes.io/part-of': 'msa' },
    },
    spec: {
      project: 'default',
      source: {
        repoURL: 'http://127.0.0.1:17080/platform/msa_deploy.git',
        path: '.',
        targetRevision: 'main',
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: 'msa',
      },
    },
    status: {
      sync: { status: overrides.sync ?? 'Synced', revision: 'c0ffee' },
      health: { status: overrides.health ?? 'Healthy' },
      operationState: {
        phase: 'Succeeded',
        startedAt: deployedAt,
        finishedAt: deployedAt,
      },
      history: [
        { id: 1, revision: 'c0ffee', deployStartedAt: deployedAt, deployedAt },
      ],
      summary: { images: ['harbor.sandbox.local/msa/msa-nginx:7'] },
      reconciledAt: now(),
    },
  };
}

function redMatrix() {
  const t = Math.floor(Date.now() / 1000);
  const values = (v: string) => [
    [t - 120, v],
    [t - 60, v],
  ];
  return {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: [
        { metric: { red_series: 'rate' }, values: values('12.5') },
        { metric: { red_series: 'errorRatio' }, values: values('0.002') },
        { metric: { red_series: 'p95' }, values: values('NaN') },
      ],
    },
  };
}

function rulesForEntity() {
  const body = JSON.parse(JSON.stringify(rulesFixture.response.body));
  const rule = body.data.groups[0].rules[0];
  rule.labels = { ...rule.labels, service: 'msa-nginx', namespace: 'msa' };
  rule.alerts[0].labels = {
    ...rule.alerts[0].labels,
    service: 'msa-nginx',
    namespace: 'msa',
  };
  const pending = JSON.parse(JSON.stringify(rule));
  pending.name = 'HighLatencyP95';
  pending.state = 'pending';
  pending.alerts[0].state = 'pending';
  pending.alerts[0].labels.alertname = 'HighLatencyP95';
  body.data.groups[0].rules.push(pending);
  return body;
}

function okAnswer(system: SystemName, req: SeenRequest): FakeAnswer {
  switch (system) {
    case 'argocd':
      if (req.path === '/api/v1/applications')
        return { body: { items: [argoApplication()] } };
      if (req.path === '/api/v1/applications/msa-nginx/sync')
        return {
          body: argoApplication({ sync: 'OutOfSync', health: 'Progressing' }),
        };
      return {
        status: 404,
        body: { error: 'not found', code: 5, message: 'not found' },
      };
    case 'prometheus':
      if (req.path === '/api/v1/query_range') return { body: redMatrix() };
      if (req.path === '/api/v1/rules') return { body: rulesForEntity() };
      return {
        status: 404,
        body: {
          status: 'error',
          errorType: 'not_found',
          error: 'no such path',
        },
      };
    case 'alertmanager':
      if (req.path === '/api/v2/alerts') {
        return {
          body: [
            ...alertsFixture.response.body,
            ...silencedFixture.response.body.map(a => ({
              ...a,
              fingerprint: 'silenced1',
            })),
          ],
        };
      }
      return { status: 404, body: 'not found' };
    case 'loki':
      if (req.path === '/loki/api/v1/query_range')
        return { body: lokiStreams.response.body };
      return {
        status: 404,
        contentType: 'text/plain',
        body: '404 page not found\n',
      };
    case 'tempo':
      if (req.path === '/api/search')
        return { body: tempoSearch.response.body };
      if (req.path === `/api/traces/${ERROR_TRACE_ID}`)
        return { body: ERROR_TRACE_IN_MSA };
      return { status: 404, contentType: 'text/plain', body: '' };
    case 'jenkins':
      if (req.path === '/job/msa/job/msa-nginx/api/json') {
        const ts = Date.now() - 3_600_000;
        return {
          body: {
            _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
            name: 'msa-nginx',
            fullName: 'msa/msa-nginx',
            url: `http://jenkins.local/job/msa/job/msa-nginx/`,
            color: 'blue',
            builds: [
              {
                number: 8,
                url: 'http://jenkins.local/job/msa/job/msa-nginx/8/',
                building: true,
                result: null,
                timestamp: ts + 60_000,
                duration: 0,
              },
              {
                number: 7,
                url: 'http://jenkins.local/job/msa/job/msa-nginx/7/',
                building: false,
                result: 'SUCCESS',
                timestamp: ts,
                duration: 42_000,
              },
            ],
          },
        };
      }
      return {
        status: 404,
        contentType: 'text/html',
        headers: { 'X-Error': 'No such job' },
        body: '<html>Not found</html>',
      };
    default:
      return { status: 500 };
  }
}

// Each system's own 500 body format.
const SERVER_ERRORS: Record<SystemName, FakeAnswer> = {
  loki: { status: 500, contentType: 'text/plain', body: 'internal error\n' },
  tempo: { status: 500, contentType: 'text/plain', body: 'internal error\n' },
  jenkins: {
    status: 500,
    contentType: 'text/html',
    headers: { 'X-Error': 'boom' },
    body: '<html>Oops</html>',
  },
  alertmanager: { status: 500, body: '"internal error"' },
  prometheus: {
    status: 500,
    body: { status: 'error', errorType: 'internal', error: 'internal error' },
  },
  argocd: {
    status: 500,
    body: { error: 'internal error', code: 13, message: 'internal error' },
  },
};

function faultAnswer(
  system: SystemName,
  mode: FaultMode,
  req: SeenRequest,
  slowMs: number,
): FakeAnswer {
  const ok = okAnswer(system, req);
  switch (mode) {
    case 'down':
      return { destroy: true };
    case 'slow':
      return { ...ok, delayMs: slowMs };
    case '500':
      return SERVER_ERRORS[system];
    case 'html':
      return {
        status: 200,
        contentType: 'text/html',
        body: '<!DOCTYPE html><html><body>Sign in to continue</body></html>',
      };
    case 'truncated': {
      const text =
        typeof ok.body === 'string' ? ok.body : JSON.stringify(ok.body);
      return { ...ok, body: text.slice(0, Math.floor(text.length / 2)) };
    }
    case 'wrong-shape':
      return {
        status: 200,
        body:
          system === 'alertmanager'
            ? { alerts: 'nope' }
            : {
                status: 'success',
                data: 42,
                items: 'x',
                traces: 'x',
                batches: 'x',
                builds: 'x',
              },
      };
    default:
      return ok;
  }
}

/** The six fake upstreams, each switchable to a fault mode. */
export async function startFakePlatform(
  options: {
    slowMs?: number;
    onLokiTail?: (socket: FakeWebSocket) => void;
  } = {},
) {
  const modes: Record<SystemName, FaultMode> = {
    argocd: 'ok',
    prometheus: 'ok',
    alertmanager: 'ok',
    loki: 'ok',
    tempo: 'ok',
    jenkins: 'ok',
  };
  const overrides: Partial<
    Record<SystemName, (req: SeenRequest) => FakeAnswer | undefined>
  > = {};
  const systems = [
    'argocd',
    'prometheus',
    'alertmanager',
    'loki',
    'tempo',
    'jenkins',
  ] as const;
  const servers = Object.fromEntries(
    await Promise.all(
      systems.map(async system => [
        system,
        await startFakeServer(
          req =>
            overrides[system]?.(req) ??
            faultAnswer(system, modes[system], req, options.slowMs ?? 1000),
          system === 'loki' ? options.onLokiTail : undefined,
        ),
      ]),
    ),
  ) as Record<SystemName, Awaited<ReturnType<typeof startFakeServer>>>;
  return {
    modes,
    servers,
    /** Per-system answer that wins over the mode when it returns one. */
    overrides,
    reset() {
      systems.forEach(s => {
        delete overrides[s];
        modes[s] = 'ok';
        servers[s].requests.length = 0;
      });
    },
    config(settings: { timeoutMs?: number; cacheTtlSeconds?: number } = {}) {
      return {
        platform: {
          timeoutMs: settings.timeoutMs ?? 2000,
          cacheTtlSeconds: settings.cacheTtlSeconds ?? 0,
          scope: {
            lokiNamespaceLabel: 'namespace',
            alertNamespaceLabel: 'namespace',
          },
          argocd: {
            instances: [
              { name: 'main', url: servers.argocd.url, token: SECRETS.argocd },
            ],
          },
          prometheus: {
            url: servers.prometheus.url,
            token: SECRETS.prometheus,
          },
          alertmanager: {
            url: servers.alertmanager.url,
            token: SECRETS.alertmanager,
          },
          loki: {
            url: servers.loki.url,
            token: SECRETS.loki,
            tenant: 'team-a',
            maxLines: 500,
          },
          tempo: { url: servers.tempo.url, token: SECRETS.tempo },
          jenkins: {
            instances: [
              {
                name: 'ci',
                url: servers.jenkins.url,
                username: 'platform',
                apiToken: SECRETS.jenkins,
              },
            ],
          },
        },
      };
    },
    close: () => Promise.all(Object.values(servers).map(s => s.close())),
  };
}

/** A demo component with every platform annotation, and the given ones added or replaced. */
export function demoEntity(
  name = 'msa-nginx',
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'argocd/app-name': 'msa-nginx',
        'argocd/project-name': 'default',
        'prometheus.io/labels': 'service=msa-nginx',
        'jenkins.io/job-full-name': 'ci:msa/msa-nginx',
        'backstage.io/kubernetes-id': 'msa-nginx',
        'backstage.io/kubernetes-namespace': 'msa',
        'platform.paved-road.dev/loki-labels': 'app=msa-nginx',
        'platform.paved-road.dev/tempo-service-name': 'msa-nginx',
        ...annotations,
      },
    },
    spec: {
      type: 'service',
      owner: 'group:default/team',
      lifecycle: 'production',
    },
  };
}
