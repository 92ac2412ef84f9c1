import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readPlatformConfig } from '@paved-road/backstage-plugin-platform-node';
import { demoEntity, startFakePlatform } from '../__testUtils__/fakePlatform';
import { createEntityObservabilityService } from '../service/createService';
import { EntityDeployer } from '../service/deploy/DeployService';
import { registerPlatformActions } from './platformActions';
import { permissionsDenying } from '../__testUtils__/permissions';

describe('platform actions in the actions registry', () => {
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let denied: Set<string>;
  const deploys: unknown[] = [];
  const registry = actionsRegistryServiceMock();
  const alice = mockCredentials.user('user:default/alice');

  beforeAll(async () => {
    fake = await startFakePlatform();
    const config = readPlatformConfig(new ConfigReader(fake.config()));
    const service = createEntityObservabilityService({
      config,
      catalog: catalogServiceMock({ entities: [demoEntity()] }),
      permissions: permissionsDenying(() => denied),
      logger: mockServices.logger.mock(),
    });
    const deployer: EntityDeployer = {
      deploy: async (request, body) => {
        deploys.push({ request, body });
        return {
          dryRun: true,
          build: body.build,
          jobFullName: 'msa/msa-nginx',
          path: 'msa-nginx.yaml',
          previousTag: '1',
          tag: String(body.build),
          diff: '',
          attempts: 1,
          commitUrl: 'http://git',
        };
      },
    };
    registerPlatformActions({ actionsRegistry: registry, service, deployer });
  });

  beforeEach(() => {
    denied = new Set();
    deploys.length = 0;
  });

  afterAll(() => fake.close());

  it('lists six actions, five read-only, each with JSON schemas for input and output', async () => {
    const { actions } = await registry.list();
    expect(actions.map(a => a.name).sort()).toEqual([
      'deploy-entity-build',
      'get-entity-alerts',
      'get-entity-builds',
      'get-entity-health',
      'query-entity-logs',
      'search-entity-traces',
    ]);
    expect(actions.filter(a => a.attributes.readOnly)).toHaveLength(5);
    for (const action of actions) {
      expect(action.schema.input).toMatchObject({
        type: 'object',
        required: expect.arrayContaining(['entityRef']),
      });
      expect(action.schema.output).toMatchObject({ type: 'object' });
    }
  });

  it("answers health with the same verdict as the route, from the caller's credentials", async () => {
    const { output } = await registry.invoke({
      id: 'test:get-entity-health',
      input: { entityRef: 'component:default/msa-nginx' },
      credentials: alice,
    });
    expect(output).toMatchObject({
      verdict: expect.any(String),
      sources: { argocd: { ok: true }, builds: { ok: true } },
    });
  });

  it("passes logs and traces input through the routes' query validation", async () => {
    const { output } = await registry.invoke({
      id: 'test:query-entity-logs',
      input: {
        entityRef: 'component:default/msa-nginx',
        limit: 5,
        level: ['error', 'warn'],
      },
      credentials: alice,
    });
    expect(output).toMatchObject({ ok: true });
    const loki = fake.servers.loki.requests.at(-1)!;
    expect(loki.query.get('limit')).toBe('5');
    expect(loki.query.get('query')).toMatch(/error|warn/);
    await expect(
      registry.invoke({
        id: 'test:search-entity-traces',
        input: {
          entityRef: 'component:default/msa-nginx',
          start: 'yesterday at noon',
        },
        credentials: alice,
      }),
    ).rejects.toThrow(/start/);
  });

  it('refuses a caller without platform.entity.read, as the routes do', async () => {
    denied.add('platform.entity.read');
    for (const id of [
      'get-entity-health',
      'get-entity-alerts',
      'get-entity-builds',
      'query-entity-logs',
      'search-entity-traces',
    ]) {
      await expect(
        registry.invoke({
          id: `test:${id}`,
          input: { entityRef: 'component:default/msa-nginx' },
          credentials: alice,
        }),
      ).rejects.toThrow(/You may not use platform\.entity\.read/);
    }
  });

  it('refuses an entity reference that is not kind:namespace/name before reading anything', async () => {
    const seen = fake.servers.argocd.requests.length;
    await expect(
      registry.invoke({
        id: 'test:get-entity-health',
        input: { entityRef: 'msa-nginx' },
        credentials: alice,
      }),
    ).rejects.toThrow(/entityRef/);
    expect(fake.servers.argocd.requests.length).toBe(seen);
  });

  it('hands the deploy to the deployer with the caller and the build', async () => {
    const { output } = await registry.invoke({
      id: 'test:deploy-entity-build',
      input: {
        entityRef: 'component:default/msa-nginx',
        build: 7,
        dryRun: true,
      },
      credentials: alice,
    });
    expect(output).toMatchObject({ tag: '7', path: 'msa-nginx.yaml' });
    expect(deploys).toEqual([
      {
        request: {
          ref: { kind: 'component', namespace: 'default', name: 'msa-nginx' },
          credentials: alice,
        },
        body: { build: 7, dryRun: true },
      },
    ]);
  });
});
