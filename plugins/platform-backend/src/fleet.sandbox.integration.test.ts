import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { FleetValue } from '@paved-road/backstage-plugin-platform-common';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';
import { demoEntity } from './__testUtils__/fakePlatform';

// The fleet's batched reads against the sandbox's Argo CD and Jenkins simulators (the unfiltered application
// list, the root job tree). Starts the sandbox without Prometheus: PLATFORM_SANDBOX_IT=1 to run.
const SANDBOX_INDEX = path.resolve(__dirname, '../../../sandbox/src/index.ts');
const run = Boolean(process.env.PLATFORM_SANDBOX_IT);

(run ? describe : describe.skip)('the fleet view against the sandbox', () => {
  jest.setTimeout(120_000);
  let sandbox: any;

  beforeAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startSandbox, DEFAULT_PORTS } = require(SANDBOX_INDEX);
    sandbox = await startSandbox({
      stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'platform-fleet-')),
      ports: Object.fromEntries(Object.keys(DEFAULT_PORTS).map(k => [k, 0])),
      peers: false,
      installPeers: false,
      log: () => undefined,
    });
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it("reads the demo services' applications and builds in one request each", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CREDENTIALS } = require(SANDBOX_INDEX);
    const entities = ['msa-nginx', 'login-js'].map(name => {
      const entity = demoEntity(name);
      entity.metadata.annotations = {
        'argocd/app-name': name,
        'jenkins.io/job-full-name': `ci:msa/${name}`,
        'backstage.io/kubernetes-namespace': 'msa',
      };
      entity.relations = [
        { type: 'ownedBy', targetRef: 'group:default/platform-team' },
      ];
      return entity;
    });
    const server = await startPlatformBackend({
      config: {
        platform: {
          cacheTtlSeconds: 0,
          argocd: {
            instances: [
              {
                name: 'main',
                url: sandbox.endpoints.argocd,
                token: CREDENTIALS.argocd.token,
              },
            ],
          },
          jenkins: {
            instances: [
              {
                name: 'ci',
                url: sandbox.endpoints.jenkins,
                ...CREDENTIALS.jenkins,
              },
            ],
          },
        },
      },
      entities,
    });
    const value: FleetValue = (
      await request(server)
        .get('/api/platform/v1/fleet?owner=group:default/platform-team')
        .expect(200)
    ).body;
    expect(value.rows.map(r => r.name).sort()).toEqual([
      'login-js',
      'msa-nginx',
    ]);
    for (const row of value.rows) {
      expect(row.sources.argocd).toMatchObject({
        ok: true,
        value: { applications: [{ name: row.name }] },
      });
      expect(row.sources.builds).toMatchObject({
        ok: true,
        value: { jobFullName: `msa/${row.name}`, instance: 'ci' },
      });
    }
  });
});
