/* eslint-disable jest/no-conditional-expect -- table-driven cases assert different things per row */
import { ArgoCdInstanceConfig } from './config';
import { UpstreamError } from '../../http/UpstreamError';
import {
  FakeResponse,
  RecordedRequest,
  startFakeUpstream,
} from '../../testing/fakeUpstream';
import created from '@paved-road/fixtures/kubernetes/application-created.json';
import { ArgoCdClient } from './ArgoCdClient';

// The CR as kube-apiserver stored it, plus the status the Argo CD API adds.
const application = {
  ...created.response.body,
  status: {
    sync: { status: 'Synced', revision: 'abc123' },
    health: { status: 'Healthy' },
    operationState: {
      phase: 'Succeeded',
      startedAt: '2026-11-21T09:20:50Z',
      finishedAt: '2026-11-21T09:20:55Z',
    },
    history: [
      {
        id: 0,
        revision: 'abc123',
        deployStartedAt: '2026-11-21T09:20:50Z',
        deployedAt: '2026-11-21T09:20:55Z',
        source: created.response.body.spec.source,
      },
    ],
    summary: { images: ['harbor.sandbox.local/msa/msa-nginx:1'] },
    reconciledAt: '2026-11-21T09:21:00Z',
  },
};

async function setup(
  handler: (r: RecordedRequest) => FakeResponse,
  login = false,
) {
  const server = await startFakeUpstream(handler);
  const instance: ArgoCdInstanceConfig = {
    name: 'main',
    url: server.url,
    webUrl: server.url,
    timeoutMs: 1000,
    headers: {},
    auth: login ? { type: 'none' } : { type: 'bearer', token: 'static-token' },
    login: login ? { username: 'admin', password: 'pw-secret' } : undefined,
  };
  return { server, client: new ArgoCdClient([instance]) };
}

describe('ArgoCdClient', () => {
  it('lists by name, selector and project with the bearer token', async () => {
    const { server, client } = await setup(() => ({
      body: { items: [application] },
    }));
    const apps = await client.listApplications('main', {
      name: 'msa-nginx',
      selector: 'app.kubernetes.io/part-of=msa',
      projects: ['default', 'team'],
    });
    expect(apps[0].metadata.name).toBe('msa-nginx');
    expect(apps[0].status?.sync?.status).toBe('Synced');
    const [req] = server.requests;
    expect(req.path).toBe('/api/v1/applications');
    expect(req.query.get('selector')).toBe('app.kubernetes.io/part-of=msa');
    expect(req.query.getAll('projects')).toEqual(['default', 'team']);
    expect(req.headers.authorization).toBe('Bearer static-token');
    await server.close();
  });

  it('reads "items": null (list with fields, nothing found) as empty', async () => {
    const { server, client } = await setup(() => ({ body: { items: null } }));
    await expect(client.listApplications('main')).resolves.toEqual([]);
    await server.close();
  });

  it('maps unknown states to Unknown instead of failing', async () => {
    const odd = {
      ...application,
      status: { ...application.status, health: { status: 'Exploded' } },
    };
    const { server, client } = await setup(() => ({ body: odd }));
    const app = await client.getApplication('main', 'msa-nginx', {
      project: 'default',
    });
    expect(app.status?.health?.status).toBe('Unknown');
    expect(server.requests[0].query.get('project')).toBe('default');
    await server.close();
  });

  it('gets the resource tree', async () => {
    const { server, client } = await setup(() => ({
      body: {
        nodes: [
          {
            version: 'v1',
            kind: 'Service',
            namespace: 'msa',
            name: 'msa-nginx',
            health: { status: 'Healthy' },
          },
        ],
        orphanedNodes: [],
        hosts: [],
      },
    }));
    const tree = await client.getResourceTree('main', 'msa-nginx');
    expect(tree.nodes?.[0].kind).toBe('Service');
    expect(server.requests[0].path).toBe(
      '/api/v1/applications/msa-nginx/resource-tree',
    );
    await server.close();
  });

  it('surfaces the grpc-gateway error of a sync that is already running', async () => {
    const { server, client } = await setup(() => ({
      status: 400,
      body: {
        error: 'another operation is already in progress',
        code: 9,
        message: 'another operation is already in progress',
      },
    }));
    const error = await client
      .syncApplication('main', 'msa-nginx', { prune: true })
      .catch(e => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.status).toBe(400);
    expect(error.message).toContain('another operation is already in progress');
    expect(JSON.parse(server.requests[0].body)).toEqual({
      name: 'msa-nginx',
      prune: true,
    });
    await server.close();
  });

  it('creates with upsert', async () => {
    const { server, client } = await setup(() => ({ body: application }));
    await client.createApplication('main', created.request.body as any, {
      upsert: true,
    });
    expect(server.requests[0].method).toBe('POST');
    expect(server.requests[0].query.get('upsert')).toBe('true');
    await server.close();
  });

  it('logs in once, reuses the session, and logs in again once on 401', async () => {
    let valid = 'token-1';
    let logins = 0;
    const { server, client } = await setup(req => {
      if (req.path === '/api/v1/session') {
        logins += 1;
        expect(JSON.parse(req.body)).toEqual({
          username: 'admin',
          password: 'pw-secret',
        });
        return { body: { token: valid } };
      }
      if (req.headers.authorization !== `Bearer ${valid}`) {
        return {
          status: 401,
          body: {
            error: 'invalid session',
            code: 16,
            message: 'invalid session: token is expired',
          },
        };
      }
      return { body: { items: [application] } };
    }, true);
    await Promise.all([
      client.listApplications('main'),
      client.listApplications('main'),
    ]);
    await client.listApplications('main');
    expect(logins).toBe(1);
    valid = 'token-2';
    await Promise.all([
      client.listApplications('main'),
      client.listApplications('main'),
      client.listApplications('main'),
    ]);
    expect(logins).toBe(2);
    await server.close();
  });

  it('reports a failed login without the password', async () => {
    const { server, client } = await setup(
      () => ({
        status: 401,
        body: {
          error: 'Invalid username or password',
          code: 16,
          message: 'Invalid username or password',
        },
      }),
      true,
    );
    const error = await client.listApplications('main').catch(e => e);
    expect(error.kind).toBe('forbidden');
    expect(error.message).not.toContain('pw-secret');
    await server.close();
  });

  it('refuses an unknown instance as not-configured', async () => {
    const client = new ArgoCdClient([]);
    await expect(client.listApplications('nope')).rejects.toMatchObject({
      kind: 'not-configured',
    });
  });
});
