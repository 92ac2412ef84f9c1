import { testWriteAccess } from '../../testing/ownership';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { createMsaDeployAddServiceAction } from './addService';
import {
  GitHttpServer,
  commitCount,
  readBareFile,
  seedBareRepo,
  startGitHttpServer,
} from '../../testing/gitHttpServer';
import { cleanupContexts, mockContext, outputsOf } from '../../testing/context';
import { GIT_TOKEN, GIT_USER, testConfig } from '../../testing/config';

const SEED = {
  'msa-nginx.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: msa-nginx\nspec:\n  template:\n    spec:\n      containers:\n        - name: msa-nginx\n          image: harbor.sandbox.local/msa/msa-nginx:1\n',
  'apps/msa-nginx.yaml':
    'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: msa-nginx\n',
};

const input = {
  serviceName: 'orders',
  entityRef: 'component:default/orders',
  namespace: 'msa',
  registryProject: 'msa',
  port: 8080,
  replicas: 2,
};

// Each case runs git clone/commit/push against a git http-backend: ~1-5 s alone, several times that when the
// machine's cores are shared with other suites.
jest.setTimeout(30_000);

describe('platform:msa-deploy:add-service', () => {
  let git: GitHttpServer;
  let bare: string;

  beforeEach(async () => {
    git = await startGitHttpServer({ username: GIT_USER, token: GIT_TOKEN });
    bare = seedBareRepo(git.root, 'platform/msa_deploy.git', SEED);
  });
  afterEach(async () => {
    await git.close();
    rmSync(git.root, { recursive: true, force: true });
    cleanupContexts();
  });

  it('audits created, updated and unchanged entries, and a refused one with its path', async () => {
    const access = testWriteAccess();
    const action = createMsaDeployAddServiceAction({
      ...access,
      config: testConfig({ gitHost: git.host }),
    });
    await action.handler(mockContext(input) as any);
    await action.handler(mockContext({ ...input, replicas: 3 }) as any);
    const last = mockContext({ ...input, replicas: 3 });
    await action.handler(last as any);
    await expect(
      action.handler(
        mockContext({ ...input, entityRef: 'component:team-b/orders' }) as any,
      ),
    ).rejects.toThrow(/refusing to reuse it/);
    const target = {
      repository: `${git.baseUrl}/platform/msa_deploy.git`,
      branch: 'main',
      path: 'orders.yaml',
      applicationPath: 'apps/orders.yaml',
    };
    const ended = access.audited.ended();
    expect(ended.map(event => [event.status, event.meta.outcome])).toEqual([
      ['succeeded', 'created'],
      ['succeeded', 'updated'],
      ['succeeded', 'unchanged'],
      ['failed', undefined],
    ]);
    expect(ended[2].meta).toEqual({
      action: 'platform:msa-deploy:add-service',
      taskId: 'mock-task-id',
      initiator: 'user:default/mock',
      service: 'component:default/orders',
      owner: 'group:default/platform-team',
      target,
      outcome: 'unchanged',
      commit: outputsOf(last).commitSha,
    });
    expect(ended[3].meta).toMatchObject({
      service: 'component:team-b/orders',
      target,
    });
    expect(ended[3].eventId).toBe('platform-msa-deploy-entry');
    expect(JSON.stringify(access.audited.events)).not.toContain(GIT_TOKEN);
  });

  it('commits the manifest entry and the Application, and outputs the commit', async () => {
    const action = createMsaDeployAddServiceAction({
      ...testWriteAccess(),
      config: testConfig({ gitHost: git.host }),
    });
    const ctx = mockContext(input);
    await action.handler(ctx as any);
    const out = outputsOf(ctx);
    expect(out.changed).toBe(true);
    expect(out.paths).toEqual(['apps/orders.yaml', 'orders.yaml']);
    expect(out.commitSha).toMatch(/^[0-9a-f]{40}$/);
    expect(
      execFileSync('git', ['--git-dir', bare, 'rev-parse', 'main'], {
        encoding: 'utf8',
      }).trim(),
    ).toBe(out.commitSha);

    const manifest = readBareFile(bare, 'orders.yaml')!;
    expect(manifest).toContain('image: harbor.sandbox.local/msa/orders:latest');
    const [deployment, service] = parseAllDocuments(manifest).map(d =>
      d.toJS(),
    );
    expect(deployment.metadata.annotations['backstage.io/entity-ref']).toBe(
      'component:default/orders',
    );
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.imagePullSecrets).toEqual([
      { name: 'docker-config-secret' },
    ]);
    expect(service.kind).toBe('Service');

    const app = parse(readBareFile(bare, 'apps/orders.yaml')!);
    expect(app).toMatchObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'orders',
        namespace: 'argocd',
        labels: {
          'app.kubernetes.io/part-of': 'msa',
          'backstage.io/kubernetes-id': 'orders',
        },
        annotations: { 'backstage.io/entity-ref': 'component:default/orders' },
      },
      spec: {
        project: 'default',
        source: {
          repoURL: `http://${git.host}/platform/msa_deploy.git`,
          targetRevision: 'main',
          path: '.',
          directory: { include: 'orders.yaml' },
        },
        destination: { namespace: 'msa' },
      },
    });
    const log = execFileSync(
      'git',
      ['--git-dir', bare, 'log', '-1', '--format=%s%n%an'],
      { encoding: 'utf8' },
    );
    expect(log).toContain(
      'Add orders (component:default/orders) to msa_deploy',
    );
    expect(log).toContain('Backstage Scaffolder');
  });

  it('sends the token only as an Authorization header, never in a URL', async () => {
    const action = createMsaDeployAddServiceAction({
      ...testWriteAccess(),
      config: testConfig({ gitHost: git.host }),
    });
    await action.handler(mockContext(input) as any);
    expect(git.requests.some(r => r.authorization)).toBe(true);
    expect(
      git.requests.every(
        r => !r.url.includes(GIT_TOKEN) && !r.url.includes('@'),
      ),
    ).toBe(true);
  });

  it('makes no commit when the same input runs twice, and keeps a tag the pipeline bumped', async () => {
    const action = createMsaDeployAddServiceAction({
      ...testWriteAccess(),
      config: testConfig({ gitHost: git.host }),
    });
    await action.handler(mockContext(input) as any);
    const before = commitCount(bare);
    const second = mockContext(input);
    await action.handler(second as any);
    expect(outputsOf(second).changed).toBe(false);
    expect(commitCount(bare)).toBe(before);

    // The pipeline bumps the tag; a re-run must not roll it back.
    const work = mkdtempSync(path.join(os.tmpdir(), 'bump-'));
    execFileSync('git', ['clone', '--quiet', bare, work]);
    const file = path.join(work, 'orders.yaml');
    const bumped = require('node:fs')
      .readFileSync(file, 'utf8')
      .replace('orders:latest', 'orders:7');
    writeFileSync(file, bumped);
    execFileSync(
      'git',
      [
        '-c',
        'user.name=j',
        '-c',
        'user.email=j@x',
        'commit',
        '-qam',
        'updated the image tag to 7',
      ],
      { cwd: work },
    );
    execFileSync('git', ['push', '-q', 'origin', 'HEAD:main'], { cwd: work });
    rmSync(work, { recursive: true, force: true });
    const third = mockContext(input);
    await action.handler(third as any);
    expect(outputsOf(third).changed).toBe(false);
    expect(readBareFile(bare, 'orders.yaml')).toContain('orders:7');
  });

  it("refuses to replace another service's entry", async () => {
    const action = createMsaDeployAddServiceAction({
      ...testWriteAccess(),
      config: testConfig({ gitHost: git.host }),
    });
    await expect(
      action.handler(
        mockContext({
          ...input,
          serviceName: 'msa-nginx',
          entityRef: 'component:default/intruder',
        }) as any,
      ),
    ).rejects.toThrow(
      /msa_deploy file 'msa-nginx.yaml' exists and records no owner/,
    );
    await action.handler(mockContext(input) as any);
    await expect(
      action.handler(
        mockContext({ ...input, entityRef: 'component:team-b/orders' }) as any,
      ),
    ).rejects.toThrow(
      /belongs to component:default\/orders; refusing to reuse it for component:team-b\/orders/,
    );
    const otherTeam = createMsaDeployAddServiceAction({
      ...testWriteAccess({ memberOf: ['group:default/other-team'] }),
      config: testConfig({ gitHost: git.host }),
    });
    await expect(
      otherTeam.handler(
        mockContext({
          ...input,
          owner: 'group:default/other-team',
          replicas: 5,
        }) as any,
      ),
    ).rejects.toThrow(
      /'orders.yaml' is owned by group:default\/platform-team; refusing to change it for group:default\/other-team/,
    );
    await expect(
      action.handler(mockContext({ ...input, namespace: 'elsewhere' }) as any),
    ).rejects.toThrow(
      /deploys orders to namespace 'msa'; refusing to move it to 'elsewhere'/,
    );
  });

  it('re-applies onto the new head when another commit lands first (non-fast-forward)', async () => {
    let raced = false;
    git.beforePush = () => {
      if (raced) return;
      raced = true;
      seedConcurrentCommit(bare, 'other.yaml', 'kind: ConfigMap\n');
    };
    const action = createMsaDeployAddServiceAction({
      ...testWriteAccess(),
      config: testConfig({ gitHost: git.host }),
    });
    const ctx = mockContext(input);
    await action.handler(ctx as any);
    expect(outputsOf(ctx).changed).toBe(true);
    expect(readBareFile(bare, 'other.yaml')).toBe('kind: ConfigMap\n');
    expect(readBareFile(bare, 'orders.yaml')).toContain('orders:latest');
  });

  describe('concurrent runs in one backend (batched)', () => {
    const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
    const runOf = (serviceName: string, extra: object = {}) =>
      mockContext({
        ...input,
        serviceName,
        entityRef: `component:default/${serviceName}`,
        ...extra,
      });
    const pushes = () =>
      git.requests.filter(r => r.url.endsWith('/git-receive-pack')).length;

    it('lands every run with its own commit, in fewer pushes than runs', async () => {
      const action = createMsaDeployAddServiceAction({
        ...testWriteAccess(),
        config: testConfig({ gitHost: git.host }),
      });
      const contexts = names.map(name => runOf(name));
      await Promise.all(contexts.map(ctx => action.handler(ctx as any)));
      const shas = contexts.map(ctx => outputsOf(ctx).commitSha);
      expect(new Set(shas).size).toBe(names.length);
      expect(contexts.every(ctx => outputsOf(ctx).changed)).toBe(true);
      expect(commitCount(bare)).toBe(1 + names.length);
      for (const name of names) {
        expect(readBareFile(bare, `${name}.yaml`)).toContain(`msa/${name}:`);
        expect(readBareFile(bare, `apps/${name}.yaml`)).toContain(name);
      }
      const isAncestor = (sha: string) => () =>
        execFileSync('git', [
          '--git-dir',
          bare,
          'merge-base',
          '--is-ancestor',
          sha,
          'main',
        ]);
      for (const sha of shas) {
        expect(isAncestor(sha)).not.toThrow();
      }
      expect(pushes()).toBeLessThan(names.length);
    });

    it('fails only the run that is refused; the others in its batch land, and nothing of the refused one', async () => {
      const action = createMsaDeployAddServiceAction({
        ...testWriteAccess(),
        config: testConfig({ gitHost: git.host }),
      });
      const runs = [
        ...names.slice(0, 2).map(name => runOf(name)),
        // msa-nginx.yaml exists (the seed) and records no owner: refused
        runOf('msa-nginx', { entityRef: 'component:default/intruder' }),
        ...names.slice(2).map(name => runOf(name)),
      ];
      const settled = await Promise.allSettled(
        runs.map(ctx => action.handler(ctx as any)),
      );
      expect(settled.map(s => s.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      expect((settled[2] as PromiseRejectedResult).reason.message).toMatch(
        /msa_deploy file 'msa-nginx.yaml' exists and records no owner/,
      );
      expect(readBareFile(bare, 'msa-nginx.yaml')).toBe(SEED['msa-nginx.yaml']);
      expect(readBareFile(bare, 'apps/msa-nginx.yaml')).toBe(
        SEED['apps/msa-nginx.yaml'],
      );
      expect(commitCount(bare)).toBe(1 + names.length);
      for (const name of names) {
        expect(readBareFile(bare, `${name}.yaml`)).toBeDefined();
      }
    });

    it('re-applies the whole batch when another commit lands first', async () => {
      let raced = 0;
      git.beforePush = () => {
        // the second push is the first batch of more than one run
        if (++raced === 2)
          seedConcurrentCommit(bare, 'other.yaml', 'kind: ConfigMap\n');
      };
      const action = createMsaDeployAddServiceAction({
        ...testWriteAccess(),
        config: testConfig({ gitHost: git.host }),
      });
      const contexts = names.map(name => runOf(name));
      await Promise.all(contexts.map(ctx => action.handler(ctx as any)));
      expect(readBareFile(bare, 'other.yaml')).toBe('kind: ConfigMap\n');
      expect(commitCount(bare)).toBe(2 + names.length);
      for (const name of names) {
        expect(readBareFile(bare, `${name}.yaml`)).toBeDefined();
      }
    });

    it('pushes run by run when the remote refuses a batch, so one refusal fails one run only', async () => {
      let seen = 0;
      git.beforePush = () => (++seen === 2 ? 403 : undefined);
      const action = createMsaDeployAddServiceAction({
        ...testWriteAccess(),
        config: testConfig({ gitHost: git.host }),
      });
      const contexts = names.map(name => runOf(name));
      const settled = await Promise.allSettled(
        contexts.map(ctx => action.handler(ctx as any)),
      );
      expect(settled.every(s => s.status === 'fulfilled')).toBe(true);
      expect(commitCount(bare)).toBe(1 + names.length);
      expect(seen).toBeGreaterThan(2);
    });
  });

  it('fails clearly when the push is refused, and a re-run completes without duplicates', async () => {
    git.beforePush = () => 403;
    const action = createMsaDeployAddServiceAction({
      ...testWriteAccess(),
      config: testConfig({ gitHost: git.host }),
    });
    await expect(action.handler(mockContext(input) as any)).rejects.toThrow(
      /git push failed|Pushing to msa_deploy failed/,
    );
    expect(readBareFile(bare, 'orders.yaml')).toBeUndefined();
    git.beforePush = undefined;
    await action.handler(mockContext(input) as any);
    await action.handler(mockContext(input) as any);
    expect(commitCount(bare)).toBe(2);
  });

  it('dry run returns the diff and pushes nothing', async () => {
    const action = createMsaDeployAddServiceAction({
      ...testWriteAccess(),
      config: testConfig({ gitHost: git.host }),
    });
    const ctx = mockContext(input, { isDryRun: true });
    await action.handler(ctx as any);
    const out = outputsOf(ctx);
    expect(out.diff).toContain('+++ b/orders.yaml');
    expect(out.diff).toContain(
      '+          image: harbor.sandbox.local/msa/orders:latest',
    );
    expect(commitCount(bare)).toBe(1);
  });

  it('writes the values layout with a chart and a helm Application', async () => {
    const action = createMsaDeployAddServiceAction({
      ...testWriteAccess(),
      config: testConfig({ gitHost: git.host, layout: 'values' }),
    });
    const ctx = mockContext(input);
    await action.handler(ctx as any);
    expect(outputsOf(ctx).paths).toContain('services/orders/values.yaml');
    const values = parse(readBareFile(bare, 'services/orders/values.yaml')!);
    expect(values.image).toEqual({
      repository: 'harbor.sandbox.local/msa/orders',
      tag: 'latest',
      pullSecrets: ['docker-config-secret'],
    });
    expect(
      parse(readBareFile(bare, 'apps/orders.yaml')!).spec.source.path,
    ).toBe('services/orders');
  });

  it.each([
    ['serviceName', '../etc'],
    ['serviceName', 'Orders'],
    ['serviceName', 'a'.repeat(64)],
    ['serviceName', 'orders\nkind: Secret'],
    ['namespace', 'msa; rm -rf /'],
    ['entityRef', 'component:default/orders"\n  evil: true'],
    ['port', 0],
    ['port', 70000],
    ['replicas', 21],
    ['registryProject', 'msa/../../x'],
  ])('rejects %s = %j before touching git', async (field, value) => {
    const action = createMsaDeployAddServiceAction({
      ...testWriteAccess(),
      config: testConfig({ gitHost: git.host }),
    });
    await expect(
      action.handler(mockContext({ ...input, [field]: value }) as any),
    ).rejects.toThrow(new RegExp(`Invalid input: ${field}`));
    expect(git.requests).toHaveLength(0);
  });
});

function seedConcurrentCommit(bare: string, file: string, content: string) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'race-'));
  execFileSync('git', ['clone', '--quiet', bare, work]);
  writeFileSync(path.join(work, file), content);
  execFileSync('git', ['add', file], { cwd: work });
  execFileSync(
    'git',
    [
      '-c',
      'user.name=r',
      '-c',
      'user.email=r@x',
      'commit',
      '-qm',
      'concurrent',
    ],
    { cwd: work },
  );
  execFileSync('git', ['push', '-q', 'origin', 'HEAD:main'], { cwd: work });
  rmSync(work, { recursive: true, force: true });
}
