import { Entity } from '@backstage/catalog-model';
import http from 'node:http';
import request from 'supertest';
import {
  ERROR_TRACE_ID,
  demoEntity,
  startFakePlatform,
} from './__testUtils__/fakePlatform';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';

// An annotation value that cannot be the Argo CD / Jenkins / Kubernetes name it is sent as is a 400 naming
// the annotation, and no upstream sees a request.
const CASES: Array<
  [
    string,
    string,
    string,
    { routes: string[]; health: string[]; upstreams: string[] },
  ]
> = [
  // [entity name, annotation, value, routes answering 400, health sources carrying the error, upstreams left alone]
  [
    'argo-path',
    'argocd/app-name',
    '../../settings',
    { routes: ['argocd'], health: ['argocd'], upstreams: ['argocd'] },
  ],
  [
    'argo-query',
    'argocd/app-name',
    'msa-nginx?refresh=hard',
    { routes: ['argocd'], health: ['argocd'], upstreams: ['argocd'] },
  ],
  [
    'argo-project',
    'argocd/project-name',
    'default/../x',
    { routes: ['argocd'], health: ['argocd'], upstreams: ['argocd'] },
  ],
  [
    'jenkins-dotdot',
    'jenkins.io/job-full-name',
    'ci:msa/../../script',
    { routes: ['builds'], health: ['builds'], upstreams: ['jenkins'] },
  ],
  [
    'jenkins-query',
    'jenkins.io/job-full-name',
    'msa/job?tree=x',
    { routes: ['builds'], health: ['builds'], upstreams: ['jenkins'] },
  ],
  [
    'k8s-id-path',
    'backstage.io/kubernetes-id',
    '../x',
    {
      routes: [
        'metrics',
        'logs',
        'logs/tail',
        'traces',
        `traces/${ERROR_TRACE_ID}`,
      ],
      health: ['metrics'],
      upstreams: ['loki', 'tempo'],
    },
  ],
];

function hostile(name: string, key: string, value: string): Entity {
  const entity = demoEntity(name);
  const annotations: Record<string, string> = {
    ...entity.metadata.annotations,
    [key]: value,
  };
  // kubernetes-id is only the fallback of these: drop them so the id is what is used.
  if (key === 'backstage.io/kubernetes-id') {
    delete annotations['platform.paved-road.dev/loki-labels'];
    delete annotations['platform.paved-road.dev/tempo-service-name'];
  }
  return { ...entity, metadata: { ...entity.metadata, annotations } };
}

describe('hostile name annotations', () => {
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let server: http.Server;

  beforeAll(async () => {
    fake = await startFakePlatform();
    server = await startPlatformBackend({
      config: fake.config(),
      entities: CASES.map(([name, key, value]) => hostile(name, key, value)),
    });
  });

  afterAll(() => fake.close());

  it.each(CASES)(
    '%s: %s=%j is a 400 naming the annotation on its routes; nothing is sent',
    async (name, key, value, expected) => {
      fake.reset();
      const base = `/api/platform/v1/entities/default/component/${name}`;
      const message = new RegExp(
        `^Invalid annotation ${key.replace(
          /\./g,
          '\\.',
        )}: the value .*; allowed: `,
      );
      for (const route of expected.routes) {
        const res = await request(server).get(`${base}/${route}`).expect(400);
        expect(res.body.error).toEqual({
          name: 'InputError',
          message: expect.stringMatching(message),
        });
      }
      // health degrades only the sources using the annotation.
      const health = await request(server).get(`${base}/health`).expect(200);
      const sources = ['argocd', 'alerts', 'metrics', 'builds'];
      expect(
        Object.fromEntries(
          sources.map(source => [source, health.body.sources[source].ok]),
        ),
      ).toEqual(
        Object.fromEntries(
          sources.map(source => [source, !expected.health.includes(source)]),
        ),
      );
      for (const source of expected.health) {
        expect(health.body.sources[source]).toEqual({
          ok: false,
          error: {
            kind: 'not-configured',
            message: expect.stringMatching(message),
          },
        });
      }
      for (const upstream of expected.upstreams) {
        expect(
          fake.servers[upstream as keyof typeof fake.servers].requests,
        ).toEqual([]);
      }
      const sent = Object.values(fake.servers).flatMap(s =>
        s.requests.map(r => `${r.path}?${r.query}`),
      );
      expect(
        sent.filter(url => decodeURIComponent(url).includes(value)),
      ).toEqual([]);
    },
  );

  it.each(CASES.filter(([, key]) => key.startsWith('argocd/')))(
    '%s: Argo CD sync is a 400 too, with nothing sent',
    async (name, key) => {
      fake.reset();
      const res = await request(server)
        .post(`/api/platform/v1/entities/default/component/${name}/argocd/sync`)
        .send({})
        .expect(400);
      expect(res.body.error).toEqual({
        name: 'InputError',
        message: expect.stringContaining(`Invalid annotation ${key}: `),
      });
      expect(fake.servers.argocd.requests).toEqual([]);
    },
  );
});
