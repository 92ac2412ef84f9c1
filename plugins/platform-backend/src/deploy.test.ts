import { execFileSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { captureLogger } from './__testUtils__/captureLogger';
import {
  SECRETS,
  demoEntity,
  startFakePlatform,
} from './__testUtils__/fakePlatform';
import { startPlatformBackend } from './__testUtils__/startPlatformBackend';
import { permissionsDenying } from './__testUtils__/permissions';

// The sandbox's git server (real git http-backend) with its seeded msa_deploy: msa-nginx.yaml, manifest layout,
// owner marks of group:default/platform-team, image harbor.sandbox.local/msa/msa-nginx:1.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startTestGit } = require(path.resolve(
  __dirname,
  '../../../sandbox/src/testing/gitServer.ts',
));

const OWNER = 'group:default/platform-team';
const GIT_TOKEN = 'sandbox-git-token';
const BASE = '/api/platform/v1/entities/default/component';
const JOB = '/job/msa/job/msa-nginx';

function entity(name: string, owner: string) {
  const e = demoEntity(name);
  e.metadata.annotations!['backstage.io/kubernetes-id'] = 'msa-nginx';
  e.spec!.owner = owner;
  return e;
}

const BUILDS: Record<number, { building: boolean; result: string | null }> = {
  5: { building: false, result: 'SUCCESS' },
  6: { building: false, result: 'FAILURE' },
  7: { building: false, result: 'SUCCESS' },
  8: { building: true, result: null },
};

describe('POST .../deploy against a real git server', () => {
  jest.setTimeout(60_000);
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  let git: any;
  let server: http.Server;
  let denied: Set<string>;
  const log = captureLogger();

  const show = (file: string) =>
    execFileSync(
      'git',
      [
        '--git-dir',
        git.repos.dirOf({ owner: 'platform', name: 'msa_deploy' }),
        'show',
        `main:${file}`,
      ],
      { encoding: 'utf8' },
    );
  const head = () =>
    execFileSync(
      'git',
      [
        '--git-dir',
        git.repos.dirOf({ owner: 'platform', name: 'msa_deploy' }),
        'rev-parse',
        'main',
      ],
      { encoding: 'utf8' },
    ).trim();
  const deploy = (body: unknown, name = 'msa-nginx') =>
    request(server)
      .post(`${BASE}/${name}/deploy`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));

  beforeAll(async () => {
    fake = await startFakePlatform();
    fake.overrides.jenkins = req => {
      const match = new RegExp(`^${JOB}/(\\d+)/api/json$`).exec(req.path);
      if (!match) return undefined;
      const build = BUILDS[Number(match[1])];
      return build
        ? {
            body: {
              number: Number(match[1]),
              url: `http://jenkins.local${JOB}/${match[1]}/`,
              ...build,
            },
          }
        : { status: 404, contentType: 'text/html', body: 'Not Found' };
    };
    git = await startTestGit();
    const host = new URL(git.url).host;
    const base = fake.config();
    server = await startPlatformBackend({
      config: {
        platform: {
          ...base.platform,
          scaffolder: {
            allowedGitHosts: [host],
            git: {
              plainHttpHosts: [host],
              username: 'platform',
              token: GIT_TOKEN,
            },
            msaDeploy: { repoUrl: git.deployUrl, layout: 'manifest' },
          },
        },
      },
      entities: [
        entity('msa-nginx', OWNER),
        entity('impostor', 'group:default/team-b'),
      ],
      logger: log.logger,
      features: [permissionsDenying(() => denied).factory],
    });
  });

  beforeEach(() => {
    denied = new Set();
  });

  afterAll(async () => {
    await fake.close();
    await git?.close();
  });

  it('previews the commit of a dry run (the image line of msa-nginx.yaml) and pushes nothing', async () => {
    const before = head();
    const res = await deploy({ build: 7, dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: true,
      build: 7,
      jobFullName: 'msa/msa-nginx',
      path: 'msa-nginx.yaml',
      previousTag: '1',
      tag: '7',
      attempts: 1,
    });
    expect(res.body.commitSha).toBeUndefined();
    expect(res.body.diff).toMatch(
      /-\s+image: harbor\.sandbox\.local\/msa\/msa-nginx:1\n\+\s+image: harbor\.sandbox\.local\/msa\/msa-nginx:7\n/,
    );
    expect(head()).toBe(before);
    expect(JSON.stringify(res.body)).not.toContain(GIT_TOKEN);
  });

  it('commits the tag, then refuses the same build as already live and rolls back to an older build', async () => {
    const before = show('msa-nginx.yaml');
    const res = await deploy({ build: 7 });
    expect(res.status).toBe(200);
    expect(res.body.commitSha).toBe(head());
    expect(res.body.commitUrl).toBe(
      `${git.deployUrl.replace(/\.git$/, '')}/commit/${head()}`,
    );
    const after = show('msa-nginx.yaml');
    expect(after).toBe(
      before.replace(
        'image: harbor.sandbox.local/msa/msa-nginx:1',
        'image: harbor.sandbox.local/msa/msa-nginx:7',
      ),
    );
    expect(after).not.toBe(before);

    const again = await deploy({ build: 7 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/build 7 is already/);

    const back = await deploy({ build: 5 });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ previousTag: '7', tag: '5' });
    expect(show('msa-nginx.yaml')).toContain('msa-nginx:5');
    expect(
      log.lines.some(
        line => line.includes('deploy-build') && line.includes('succeeded'),
      ),
    ).toBe(true);
  });

  it.each([
    [6, 409, /finished FAILURE; only a build that succeeded/],
    [8, 409, /still running/],
    [99, 404, /Jenkins has no build #99 of msa\/msa-nginx/],
  ])(
    'refuses build #%p (%p) without touching msa_deploy',
    async (build, status, message) => {
      const before = head();
      const res = await deploy({ build });
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
      expect(head()).toBe(before);
    },
  );

  it('refuses a caller without platform.deploy.write before asking Jenkins or git', async () => {
    denied.add('platform.deploy.write');
    const jenkinsSeen = fake.servers.jenkins.requests.length;
    const before = head();
    const res = await deploy({ build: 7 });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/platform\.deploy\.write/);
    expect(fake.servers.jenkins.requests.length).toBe(jenkinsSeen);
    expect(head()).toBe(before);
  });

  it('refuses an entity whose owner is not the one the msa_deploy entry records', async () => {
    const before = head();
    const res = await deploy({ build: 7 }, 'impostor');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /belongs to group:default\/platform-team, not to group:default\/team-b/,
    );
    expect(head()).toBe(before);
  });

  it.each([
    [{}, /build is required/],
    [{ build: '7' }, /build must be a whole number/],
    [{ build: 7.5 }, /build must be a whole number/],
    [{ build: 0 }, /build must be from 1/],
    [{ build: 7, dryRun: 'yes' }, /dryRun must be true or false/],
    [
      { build: 7, branch: 'x' },
      /unknown parameter\(s\) branch; allowed: build, dryRun/,
    ],
  ])('answers 400 for body %j', async (body, message) => {
    const res = await deploy(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers a malformed body with what the route takes', async () => {
    const res = await request(server)
      .post(`${BASE}/msa-nginx/deploy`)
      .set('Content-Type', 'application/json')
      .send('{"build":');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid request: the body is not valid JSON; deploy takes {"build": <number>, "dryRun"?: <boolean>}',
    );
  });

  it('never logged a credential (git token, Jenkins token) in any of the above', () => {
    expect(log.lines.length).toBeGreaterThan(0);
    for (const line of log.lines) {
      expect(line).not.toContain(GIT_TOKEN);
      expect(line).not.toContain(SECRETS.jenkins);
    }
  });
});
