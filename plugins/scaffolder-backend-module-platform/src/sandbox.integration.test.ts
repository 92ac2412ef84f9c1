import { testActionsDeps } from './testing/ownership';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// The sandbox is a sibling workspace package used only by this test.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { startSandbox, CREDENTIALS, FREE_PORTS } from '../../../sandbox/src';
import {
  GitRepository,
  JenkinsClient,
} from '@paved-road/backstage-plugin-platform-node';
import { createPlatformActions } from './actions/createActions';
import { cleanupContexts, mockContext, outputsOf } from './testing/context';
import { testConfig } from './testing/config';

jest.setTimeout(90_000);

describe('all actions against the sandbox', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let stateDir: string;
  let workspace: string;

  beforeAll(async () => {
    stateDir = mkdtempSync(path.join(os.tmpdir(), 'sandbox-'));
    sandbox = await startSandbox({
      stateDir,
      host: '127.0.0.1',
      ports: FREE_PORTS,
      peers: false,
      demo: false,
      timings: {
        argocdSyncDelayMs: 200,
        jenkinsQuietPeriodMs: 50,
        jenkinsBuildDurationMs: 200,
      },
      log: () => {},
    });
    workspace = mkdtempSync(path.join(os.tmpdir(), 'ws-'));
  });
  afterAll(async () => {
    await sandbox?.stop();
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
    cleanupContexts();
  });

  it('publishes, creates the pipeline (first build bumps the tag), adds the service, namespace and Application', async () => {
    const gitBase = sandbox.endpoints.git!;
    const gitHost = new URL(gitBase).host;
    const config = testConfig({
      gitHost,
      msaDeployUrl: `${gitBase}/platform/msa_deploy.git`,
      jenkinsUrl: sandbox.endpoints.jenkins!,
      kubernetesUrl: sandbox.endpoints.kubernetes!,
      credentials: {
        git: {
          username: CREDENTIALS.git.username,
          token: CREDENTIALS.git.password,
        },
        jenkins: CREDENTIALS.jenkins,
        kubernetesToken: CREDENTIALS.kubernetes.token,
      },
    });
    const actions = new Map(
      createPlatformActions(config, testActionsDeps()).map(action => [
        action.id,
        action,
      ]),
    );
    const run = async (id: string, input: Record<string, unknown>) => {
      const ctx = mockContext(input, { workspacePath: workspace });
      await actions.get(id)!.handler(ctx as any);
      return outputsOf(ctx);
    };
    const common = {
      serviceName: 'orders',
      entityRef: 'component:default/orders',
    };

    writeFileSync(
      path.join(workspace, 'Dockerfile'),
      'FROM nginx:1.27-alpine\n',
    );
    await run('platform:jenkins:render-jenkinsfile', {
      ...common,
      registryProject: 'msa',
    });
    const published = await run('platform:git:publish', {
      repoUrl: `${gitHost}?owner=platform&repo=orders`,
    });
    expect(published.remoteUrl).toBe(`${gitBase}/platform/orders.git`);

    const added = await run('platform:msa-deploy:add-service', {
      ...common,
      namespace: 'orders',
      registryProject: 'msa',
    });
    expect(added.changed).toBe(true);

    const pipeline = await run('platform:jenkins:create-pipeline', {
      ...common,
      jobFullName: 'msa/orders',
      registryProject: 'msa',
      sourceRepoUrl: published.remoteUrl,
      triggerBuild: true,
    });
    expect(pipeline.result).toBe('created');
    expect(pipeline.buildNumber).toBeGreaterThanOrEqual(1);

    const jenkins = new JenkinsClient(config.jenkins!.instance);
    let build = await jenkins.getBuild('msa/orders', pipeline.buildNumber);
    for (let i = 0; i < 100 && (build.building || !build.result); i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      build = await jenkins.getBuild('msa/orders', pipeline.buildNumber);
    }
    expect(build.result).toBe('SUCCESS');
    const deploy = await GitRepository.clone({
      remoteUrl: config.msaDeploy!.repoUrl,
      dir: mkdtempSync(path.join(os.tmpdir(), 'check-')),
      branch: 'main',
    });
    expect(await deploy.readFile('orders.yaml')).toContain(
      `image: harbor.sandbox.local/msa/orders:${pipeline.buildNumber}`,
    );
    rmSync(deploy.dir, { recursive: true, force: true });

    const ns = await run('platform:kubernetes:ensure-namespace', {
      namespace: 'orders',
      istioInjection: true,
      entityRef: common.entityRef,
    });
    expect(ns).toMatchObject({
      namespaceResult: 'created',
      secretResult: 'created',
    });

    const app = await run('platform:argocd:create-application', {
      ...common,
      namespace: 'orders',
      sync: true,
    });
    expect(app.via).toBe('kubernetes');

    // Re-running everything changes nothing.
    expect(
      (
        await run('platform:msa-deploy:add-service', {
          ...common,
          namespace: 'orders',
          registryProject: 'msa',
        })
      ).changed,
    ).toBe(false);
    expect(
      (
        await run('platform:jenkins:create-pipeline', {
          ...common,
          jobFullName: 'msa/orders',
          registryProject: 'msa',
          sourceRepoUrl: published.remoteUrl,
        })
      ).result,
    ).toBe('unchanged');
    expect(
      (
        await run('platform:kubernetes:ensure-namespace', {
          namespace: 'orders',
          istioInjection: true,
        })
      ).namespaceResult,
    ).toBe('unchanged');
  });
});
