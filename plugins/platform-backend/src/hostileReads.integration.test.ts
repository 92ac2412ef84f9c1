import { Entity } from '@backstage/catalog-model';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  ProxiedRequest,
  startCountingProxy,
} from './__testUtils__/countingProxy';
import { demoEntity } from './__testUtils__/fakePlatform';
import { recordScopeLeak } from './__testUtils__/hostileResults';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';

// Hostile reads against the real sandbox (Tempo, Loki, Argo CD and Jenkins simulators with demo traffic):
// traces crossing namespaces, a service name reused in another namespace, annotation values that are not
// names, and error bodies. Each upstream sits behind a counting proxy, so "no upstream request" is observed,
// not assumed. Runs only on request:
//   PLATFORM_SANDBOX_IT=1 yarn test plugins/platform-backend/src/hostileReads.integration.test.ts
// With HOSTILE_RESULTS_FILE set, every scope case appends its outcome there (see hostileResults.ts).
const SANDBOX_INDEX = path.resolve(__dirname, '../../../sandbox/src/index.ts');
const reason = !fs.existsSync(SANDBOX_INDEX)
  ? 'sandbox/src/index.ts does not exist'
  : !process.env.PLATFORM_SANDBOX_IT &&
    'set PLATFORM_SANDBOX_IT=1 to run against the sandbox';
if (reason) {
  // eslint-disable-next-line no-console
  console.info(`Skipping the hostile-reads integration test: ${reason}`);
}

const NS_ATTR = 'k8s.namespace.name';
// A stack trace line, a server path or a file URL in a body.
const LEAK =
  /"stack"|\n\s+at |node_modules|\/src\/|\/dist\/|\.[jt]s:\d+|file:\/\/|\/work\/|\/home\/|\/tmp\//;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

interface SpanSpec {
  service: string;
  namespace: string;
  spanId: string;
  parent?: string;
}

function entity(
  name: string,
  namespace: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-namespace': namespace,
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

function hostile(name: string, key: string, value: string): Entity {
  const e = demoEntity(name);
  const annotations: Record<string, string> = {
    ...e.metadata.annotations,
    [key]: value,
  };
  if (key === 'backstage.io/kubernetes-id') {
    delete annotations['platform.paved-road.dev/loki-labels'];
    delete annotations['platform.paved-road.dev/tempo-service-name'];
  }
  return { ...e, metadata: { ...e.metadata, annotations } };
}

const HOSTILE: Array<{
  name: string;
  key: string;
  value: string;
  routes: string[];
  upstreams: string[];
}> = [
  {
    name: 'argo-path',
    key: 'argocd/app-name',
    value: '../../settings',
    routes: ['argocd'],
    upstreams: ['argocd'],
  },
  {
    name: 'argo-query',
    key: 'argocd/app-name',
    value: 'msa-nginx?refresh=hard',
    routes: ['argocd'],
    upstreams: ['argocd'],
  },
  {
    name: 'argo-project',
    key: 'argocd/project-name',
    value: '../../../api/v1/session',
    routes: ['argocd'],
    upstreams: ['argocd'],
  },
  {
    name: 'jenkins-dotdot',
    key: 'jenkins.io/job-full-name',
    value: 'ci:msa/../../script',
    routes: ['builds'],
    upstreams: ['jenkins'],
  },
  {
    name: 'jenkins-query',
    key: 'jenkins.io/job-full-name',
    value: 'ci:msa/job?tree=jobs[name]',
    routes: ['builds'],
    upstreams: ['jenkins'],
  },
  {
    name: 'k8s-id-path',
    key: 'backstage.io/kubernetes-id',
    value: '../x',
    routes: ['logs', 'logs/tail', 'traces'],
    upstreams: ['loki', 'tempo'],
  },
];

(reason ? describe.skip : describe)('hostile reads against the sandbox', () => {
  jest.setTimeout(180_000);
  let sandbox: any;
  let server: http.Server;
  const proxies: Record<
    string,
    Awaited<ReturnType<typeof startCountingProxy>>
  > = {};
  const bodies: string[] = [];
  // T1: orders (msa) -> payments (team-b) -> orders (msa). T2: orders in team-b only (same name, other namespace).
  const crossing = hex(16);
  const otherNamespaceOnly = hex(16);

  async function get(url: string) {
    const res = await request(server).get(url);
    bodies.push(res.text);
    return res;
  }

  /** The JSON body of a 200. */
  async function ok200(url: string) {
    const res = await get(url);
    expect(res.status).toBe(200);
    return res.body;
  }

  async function pushTrace(traceId: string, spans: SpanSpec[]) {
    const now = BigInt(Date.now() - 5_000) * 1_000_000n;
    const groups = new Map<string, SpanSpec[]>();
    spans.forEach(s =>
      groups.set(`${s.service}/${s.namespace}`, [
        ...(groups.get(`${s.service}/${s.namespace}`) ?? []),
        s,
      ]),
    );
    const resourceSpans = [...groups.values()].map(list => ({
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: list[0].service } },
          { key: NS_ATTR, value: { stringValue: list[0].namespace } },
        ],
      },
      scopeSpans: [
        {
          scope: { name: 'hostile-reads' },
          spans: list.map((s, i) => ({
            traceId,
            spanId: s.spanId,
            ...(s.parent ? { parentSpanId: s.parent } : {}),
            name: `${s.service} op`,
            kind: 2,
            startTimeUnixNano: (now + BigInt(i) * 1_000_000n).toString(),
            endTimeUnixNano: (now + BigInt(i + 10) * 1_000_000n).toString(),
            attributes: [],
            status: {},
          })),
        },
      ],
    }));
    const res = await fetch(`${sandbox.endpoints.tempo}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ resourceSpans }),
    });
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startSandbox, DEFAULT_PORTS, CREDENTIALS } = require(SANDBOX_INDEX);
    sandbox = await startSandbox({
      stateDir: fs.mkdtempSync(
        path.join(os.tmpdir(), 'platform-hostile-reads-'),
      ),
      ports: Object.fromEntries(Object.keys(DEFAULT_PORTS).map(k => [k, 0])),
      peers: false,
      installPeers: false,
      log: () => undefined,
    });
    for (const system of ['argocd', 'jenkins', 'loki', 'tempo']) {
      proxies[system] = await startCountingProxy(sandbox.endpoints[system]);
    }
    const a = hex(8);
    const b = hex(8);
    await pushTrace(crossing, [
      { service: 'orders', namespace: 'msa', spanId: a },
      { service: 'payments', namespace: 'team-b', spanId: b, parent: a },
      { service: 'orders', namespace: 'msa', spanId: hex(8), parent: b },
    ]);
    const c = hex(8);
    await pushTrace(otherNamespaceOnly, [
      { service: 'orders', namespace: 'team-b', spanId: c },
      { service: 'ledger', namespace: 'team-b', spanId: hex(8), parent: c },
    ]);
    server = await startPlatformBackend({
      config: {
        platform: {
          cacheTtlSeconds: 0,
          // No platform.scope.tempoNamespaceAttribute: the default must bound traces.
          scope: { allowedNamespaces: ['msa', 'team-b'] },
          argocd: {
            instances: [
              {
                name: 'main',
                url: proxies.argocd.url,
                token: CREDENTIALS.argocd.token,
              },
            ],
          },
          jenkins: {
            instances: [
              { name: 'ci', url: proxies.jenkins.url, ...CREDENTIALS.jenkins },
            ],
          },
          loki: { url: proxies.loki.url },
          tempo: { url: proxies.tempo.url },
        },
      },
      entities: [
        entity('orders', 'msa', {
          'platform.paved-road.dev/tempo-service-name': 'orders',
        }),
        entity('payments', 'team-b', {
          'platform.paved-road.dev/tempo-service-name': 'payments',
        }),
        demoEntity('msa-nginx'),
        ...HOSTILE.map(h => hostile(h.name, h.key, h.value)),
      ],
    });
  });

  afterAll(async () => {
    await Promise.all(Object.values(proxies).map(p => p.close()));
    await sandbox?.stop();
  });

  const base = (name: string) =>
    `/api/platform/v1/entities/default/component/${name}`;
  const namespacesOf = (spans: any[]) => [
    ...new Set(spans.map(s => s.attributes[`resource.${NS_ATTR}`])),
  ];

  it('a trace crossing into another namespace shows each side only its own spans, and counts the rest', async () => {
    const orders = await ok200(`${base('orders')}/traces/${crossing}`);
    const payments = await ok200(`${base('payments')}/traces/${crossing}`);
    const leaked =
      !orders.ok ||
      !payments.ok ||
      namespacesOf(orders.value.spans).some(n => n !== 'msa') ||
      namespacesOf(payments.value.spans).some(n => n !== 'team-b');
    recordScopeLeak('trace-crossing-namespaces', leaked);
    expect(orders.value.spans.map((s: any) => s.serviceName)).toEqual([
      'orders',
      'orders',
    ]);
    expect(namespacesOf(orders.value.spans)).toEqual(['msa']);
    expect(orders.value.withheldSpans).toBe(1);
    expect(payments.value.spans.map((s: any) => s.serviceName)).toEqual([
      'payments',
    ]);
    expect(payments.value.withheldSpans).toBe(2);
  });

  it('a trace of the same service name in another namespace is not found', async () => {
    const res = await ok200(`${base('orders')}/traces/${otherNamespaceOnly}`);
    recordScopeLeak('trace-of-same-name-in-other-namespace', res.ok !== false);
    expect(res).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'not-found' }),
    });
  });

  it("traces search of one service never returns another namespace's traces", async () => {
    const res = await ok200(`${base('orders')}/traces?start=now-1h`);
    expect(res.ok).toBe(true);
    const ids: string[] = res.value.traces.map((t: any) => t.traceId);
    recordScopeLeak(
      'traces-search-same-name-other-namespace',
      ids.includes(otherNamespaceOnly),
    );
    expect(ids).toContain(crossing);
    expect(ids).not.toContain(otherNamespaceOnly);
    const q = proxies.tempo.requests
      .map(r => new URL(r.url, 'http://x').searchParams.get('q'))
      .filter(Boolean);
    expect(q).toContain(
      `{ resource.service.name = "orders" && resource.${NS_ATTR} = "msa" }`,
    );
  });

  it('the demo services still show traces with the default namespace attribute', async () => {
    let traces: any[] = [];
    for (let i = 0; i < 30 && traces.length === 0; i++) {
      const res = await ok200(`${base('msa-nginx')}/traces?start=now-15m`);
      traces = res.ok ? res.value.traces : [];
      if (traces.length === 0) await new Promise(r => setTimeout(r, 1000));
    }
    expect(traces.length).toBeGreaterThan(0);
  });

  it.each(HOSTILE)(
    '$name: $key=$value is a 400 naming the annotation, and no upstream is asked',
    async h => {
      const before = Object.fromEntries(
        h.upstreams.map(u => [u, proxies[u].requests.length]),
      );
      const statuses: number[] = [];
      for (const route of h.routes) {
        const res = await get(`${base(h.name)}/${route}`);
        statuses.push(res.status);
        expect(res.body.error?.message).toMatch(
          new RegExp(
            `^Invalid annotation ${h.key.replace(
              /\./g,
              '\\.',
            )}: the value .*; allowed: `,
          ),
        );
      }
      const sent: ProxiedRequest[] = h.upstreams.flatMap(u =>
        proxies[u].requests.slice(before[u]),
      );
      recordScopeLeak(
        `hostile-annotation-${h.name}`,
        sent.length > 0 || statuses.some(s => s !== 400),
      );
      expect(statuses).toEqual(h.routes.map(() => 400));
      expect(sent).toEqual([]);
    },
  );

  it('no response body carries a stack trace or a server path, bad requests included', async () => {
    for (const url of [
      `${base('orders')}/logs?level=%20`,
      `${base('orders')}/logs?limit=1&limit=2`,
      `${base('orders')}/traces?errorsOnly=yes`,
      `${base('orders')}/traces/not-hex`,
      `${base('orders')}/logs?text=${'a'.repeat(5000)}`,
      `${base('nobody')}/traces`,
      `${base('orders')}/traces/${'f'.repeat(32)}`,
    ]) {
      const res = await get(url);
      expect(res.status).not.toBe(500);
    }
    bodies.push(
      (
        await request(server)
          .post(`${base('msa-nginx')}/argocd/sync`)
          .set('Content-Type', 'application/json')
          .send('{"x":')
      ).text,
    );
    expect(bodies.length).toBeGreaterThan(15);
    expect(bodies.filter(b => LEAK.test(b))).toEqual([]);
  });
});
