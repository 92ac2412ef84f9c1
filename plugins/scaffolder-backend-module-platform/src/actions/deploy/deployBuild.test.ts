import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { exampleInputs } from '../../testing/examples';
import { mockContext, outputsOf } from '../../testing/context';
import { createDeployBuildAction } from './deployBuild';
import { examples } from './deployBuild.examples';

describe('platform:deploy:build', () => {
  const [[, input]] = exampleInputs(examples);
  let server: http.Server;
  let baseUrl: string;
  let seen: Array<{ url: string; authorization?: string; body: any }>;
  let answer: { status: number; body: unknown };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', chunk => {
        raw += chunk;
      });
      req.on('end', () => {
        seen.push({
          url: req.url ?? '',
          authorization: req.headers.authorization,
          body: JSON.parse(raw),
        });
        res.writeHead(answer.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/platform`;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  beforeEach(() => {
    seen = [];
  });

  const action = () =>
    createDeployBuildAction({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async (pluginId: string) =>
          baseUrl.replace('platform', pluginId),
        getExternalBaseUrl: async () => baseUrl,
      },
    });

  it("posts the build to the platform backend's deploy route on behalf of the template's user", async () => {
    answer = {
      status: 200,
      body: {
        dryRun: false,
        build: 41,
        jobFullName: 'msa/msa-nginx',
        path: 'msa-nginx.yaml',
        previousTag: '42',
        tag: '41',
        diff: '-x\n+y\n',
        commitSha: 'abc123',
        commitUrl: 'http://git/commit/abc123',
        attempts: 1,
      },
    };
    const ctx = mockContext(input);
    await action().handler(ctx as any);
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe(
      '/api/platform/v1/entities/default/component/msa-nginx/deploy',
    );
    expect(seen[0].body).toEqual({ build: 41, dryRun: false });
    // The mock auth service's on-behalf-of token names the template's user.
    expect(seen[0].authorization).toMatch(/^Bearer .*user:default\/mock/);
    expect(outputsOf(ctx)).toMatchObject({
      path: 'msa-nginx.yaml',
      previousTag: '42',
      tag: '41',
      commitSha: 'abc123',
      commitUrl: 'http://git/commit/abc123',
    });
  });

  it('asks for a preview on a dry run of the template', async () => {
    answer = {
      status: 200,
      body: {
        dryRun: true,
        build: 41,
        path: 'msa-nginx.yaml',
        previousTag: '42',
        tag: '41',
        diff: '-x\n+y\n',
        commitUrl: 'http://git',
        attempts: 1,
      },
    };
    const ctx = mockContext(input, { isDryRun: true });
    await action().handler(ctx as any);
    expect(seen[0].body).toEqual({ build: 41, dryRun: true });
    expect(outputsOf(ctx).commitSha).toBeUndefined();
  });

  it("fails the step with the backend's refusal", async () => {
    answer = {
      status: 409,
      body: {
        error: {
          name: 'ConflictError',
          message:
            'build #41 of msa/msa-nginx finished FAILURE; only a build that succeeded (SUCCESS) can be deployed',
        },
      },
    };
    await expect(action().handler(mockContext(input) as any)).rejects.toThrow(
      /refused \(409\): build #41 of msa\/msa-nginx finished FAILURE/,
    );
  });

  it('refuses input that is not an entity ref or a build number before calling anything', async () => {
    await expect(
      action().handler(
        mockContext({ entityRef: 'msa-nginx', build: 41 }) as any,
      ),
    ).rejects.toThrow(/entityRef/);
    await expect(
      action().handler(mockContext({ ...input, build: -1 }) as any),
    ).rejects.toThrow(/build/);
    expect(seen).toHaveLength(0);
  });
});
