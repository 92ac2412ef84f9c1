import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  FleetRow,
  FleetValue,
} from '@paved-road/backstage-plugin-platform-common';
import http from 'node:http';
import request from 'supertest';
import {
  argoApplication,
  demoEntity,
  startFakePlatform,
} from './__testUtils__/fakePlatform';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';

const TEAM = 'group:default/team';

/** A component of `owner` whose workload, job and app are all called `name`, in namespace msa. */
function component(name: string, owner = TEAM): Entity {
  const entity = demoEntity(name);
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    'argocd/app-name': name,
    'prometheus.io/labels': `service=${name}`,
    'jenkins.io/job-full-name': `ci:msa/${name}`,
    'backstage.io/kubernetes-id': name,
  };
  entity.spec = { ...entity.spec, owner, system: 'msa' };
  entity.relations = [
    { type: 'ownedBy', targetRef: owner },
    { type: 'partOf', targetRef: 'system:default/msa' },
  ];
  return entity;
}

const GENERATED = Array.from({ length: 20 }, (_, i) => `svc-${i}`);

function vectorSample(
  series: string,
  workload: string,
  namespace: string,
  value: number,
) {
  return {
    metric: {
      red_series: series,
      destination_workload: workload,
      destination_workload_namespace: namespace,
    },
    value: [Date.now() / 1000, String(value)],
  };
}

function jenkinsJob(name: string, result: string, number: number) {
  const build = {
    _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
    number,
    url: `http://jenkins.local/job/msa/job/${name}/${number}/`,
    building: false,
    result,
    timestamp: Date.now() - 60_000,
    duration: 1000,
  };
  return {
    _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
    name,
    url: `http://jenkins.local/job/msa/job/${name}/`,
    lastBuild: build,
    lastCompletedBuild: build,
  };
}

describe('GET /api/platform/v1/fleet', () => {
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let server: http.Server;
  let deniedRefs: Set<string>;

  beforeAll(async () => {
    fake = await startFakePlatform();
    server = await startPlatformBackend({
      config: fake.config(),
      entities: [
        component('msa-nginx'),
        component('login-js'),
        component('secret-svc'),
        component('their-svc', 'group:default/other-team'),
        ...GENERATED.map(name => component(name)),
      ],
      features: [
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(r => ({
              result: deniedRefs.has((r as any).resourceRef)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            })) as any,
        }).factory,
      ],
    });
  });

  beforeEach(() => {
    fake.reset();
    deniedRefs = new Set(['component:default/secret-svc']);
    fake.overrides.argocd = req =>
      req.path === '/api/v1/applications'
        ? {
            body: {
              items: [
                argoApplication(),
                {
                  ...argoApplication({ sync: 'Synced', health: 'Degraded' }),
                  metadata: { name: 'login-js', namespace: 'argocd' },
                },
              ],
            },
          }
        : undefined;
    fake.overrides.prometheus = req =>
      req.path === '/api/v1/query'
        ? {
            body: {
              status: 'success',
              data: {
                resultType: 'vector',
                result: [
                  vectorSample('rate', 'msa-nginx', 'msa', 12.5),
                  vectorSample('errorRatio', 'msa-nginx', 'msa', 0.001),
                  vectorSample('p95', 'msa-nginx', 'msa', 40),
                  // The same workload name in another namespace is someone else's.
                  vectorSample('rate', 'msa-nginx', 'other', 999),
                  vectorSample('errorRatio', 'msa-nginx', 'other', 0.9),
                ],
              },
            },
          }
        : undefined;
    fake.overrides.alertmanager = req =>
      req.path === '/api/v2/alerts'
        ? {
            body: [
              {
                labels: {
                  alertname: 'HighErrorRate',
                  service: 'login-js',
                  namespace: 'msa',
                  severity: 'critical',
                },
                annotations: { summary: 'errors' },
                startsAt: new Date().toISOString(),
                endsAt: new Date(Date.now() + 60_000).toISOString(),
                updatedAt: new Date().toISOString(),
                fingerprint: 'f1',
                receivers: [{ name: 'default' }],
                status: { state: 'active', silencedBy: [], inhibitedBy: [] },
                generatorURL: 'http://prometheus/graph',
              },
            ],
          }
        : undefined;
    fake.overrides.jenkins = req =>
      req.path === '/api/json'
        ? {
            body: {
              _class: 'hudson.model.Hudson',
              jobs: [
                {
                  _class: 'com.cloudbees.hudson.plugins.folder.Folder',
                  name: 'msa',
                  url: 'http://jenkins.local/job/msa/',
                  jobs: [
                    jenkinsJob('msa-nginx', 'SUCCESS', 7),
                    jenkinsJob('login-js', 'FAILURE', 3),
                  ],
                },
              ],
            },
          }
        : undefined;
  });

  afterAll(async () => {
    await fake.close();
  });

  const fleet = async (query: string) =>
    (await request(server).get(`/api/platform/v1/fleet?${query}`).expect(200))
      .body as FleetValue;
  const row = (value: FleetValue, name: string) =>
    value.rows.find(r => r.name === name) as FleetRow;

  it("lists the owner's components the caller may read, failing first", async () => {
    const value = await fleet(`owner=${TEAM}`);
    const names = value.rows.map(r => r.name);
    expect(names).toHaveLength(2 + GENERATED.length);
    expect(names).toEqual(expect.arrayContaining(['msa-nginx', 'login-js']));
    expect(names).not.toContain('their-svc');
    expect(names).not.toContain('secret-svc');
    expect(names[0]).toBe('login-js');
    expect(value.truncated).toBe(false);
  });

  it('reads each upstream once for the whole fleet, however many components', async () => {
    await fleet(`owner=${TEAM}`);
    const counts = Object.fromEntries(
      Object.entries(fake.servers).map(([system, s]) => [
        system,
        s.requests.map(r => r.path),
      ]),
    );
    expect(counts).toEqual({
      argocd: ['/api/v1/applications'],
      prometheus: expect.arrayContaining(['/api/v1/query', '/api/v1/rules']),
      alertmanager: ['/api/v2/alerts'],
      loki: [],
      tempo: [],
      jenkins: ['/api/json'],
    });
    expect(counts.prometheus).toHaveLength(2);
  });

  it('judges each component by its own data only: its workload in its own namespace, its app, its job, its alerts', async () => {
    const value = await fleet(`owner=${TEAM}`);
    const nginx = row(value, 'msa-nginx');
    expect(nginx.sources.metrics).toMatchObject({
      ok: true,
      value: {
        series: [
          { name: 'rate', points: [[expect.any(Number), 12.5]] },
          { name: 'errorRatio', points: [[expect.any(Number), 0.001]] },
          { name: 'p95', points: [[expect.any(Number), 40]] },
        ],
      },
    });
    expect(nginx.verdict).toBe('healthy');
    expect(nginx.sources.builds).toMatchObject({
      ok: true,
      value: { builds: [{ number: 7, result: 'SUCCESS' }] },
    });
    const login = row(value, 'login-js');
    expect(login.verdict).toBe('failing');
    expect(login.reasons.map(r => `${r.source}:${r.verdict}`)).toEqual([
      'argocd:failing',
      'alerts:failing',
      'metrics:unknown',
      'builds:degraded',
    ]);
    const generated = row(value, 'svc-3');
    expect(generated.sources.argocd).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    expect(generated.sources.alerts).toMatchObject({
      ok: true,
      value: { alerts: [] },
    });
  });

  it('one upstream down degrades its column only', async () => {
    fake.modes.prometheus = 'down';
    delete fake.overrides.prometheus;
    const value = await fleet(`owner=${TEAM}`);
    const nginx = row(value, 'msa-nginx');
    expect(nginx.sources.metrics).toMatchObject({
      ok: false,
      error: { kind: 'unreachable' },
    });
    expect(nginx.sources.argocd?.ok).toBe(true);
    expect(nginx.sources.builds?.ok).toBe(true);
    expect(value.rows).toHaveLength(2 + GENERATED.length);
  });

  it('a system selects its components', async () => {
    const value = await fleet('system=system:default/msa');
    expect(value.rows.map(r => r.name)).toContain('their-svc');
  });

  it.each([
    ['', 'give either owner (one or more) or system'],
    [`owner=${TEAM}&system=system:default/msa`, 'not both'],
    [
      'owner=component:default/x',
      'owner must be an entity ref of kind group or user',
    ],
    ['system=group:default/x', 'system must be an entity ref of kind system'],
    ['owner=a:b:c:d', 'owner must be an entity ref'],
    ['team=x', 'unknown parameter(s) team'],
  ])('%j is a 400 naming what is allowed', async (query, message) => {
    const res = await request(server)
      .get(`/api/platform/v1/fleet?${query}`)
      .expect(400);
    expect(res.body.error.message).toContain(message);
  });
});
