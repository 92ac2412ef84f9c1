import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import { AddressInfo } from 'node:net';
import { testActionsDeps } from '../testing/ownership';
import { testConfig } from '../testing/config';
import { createServiceCheckRouter } from './serviceCheckRouter';

describe('GET /platform/service-check', () => {
  let base: string;
  let close: () => void;

  beforeAll(async () => {
    const deps = testActionsDeps({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'payments', namespace: 'default' },
          spec: {
            type: 'service',
            lifecycle: 'production',
            owner: 'group:default/other-team',
          },
        },
      ],
    });
    const config = {
      ...testConfig({ gitHost: 'git.test' }),
      msaDeploy: undefined,
      namespaceBound: { allowedNamespaces: ['svc-*'] },
    };
    const app = express();
    app.use(
      createServiceCheckRouter({
        httpAuth: mockServices.httpAuth({
          defaultCredentials: mockCredentials.none(),
        }),
        preflight: { ...deps, config },
      }),
    );
    app.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
    const server = app.listen(0);
    base = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/platform/service-check`;
    close = () => server.close();
  });
  afterAll(() => close());

  const get = (query: string) =>
    fetch(`${base}?${query}`, {
      headers: {
        Authorization: mockCredentials.user.header('user:default/mock'),
      },
    });

  it('says a free name is available and a taken one is not, naming the owner', async () => {
    const free = await get(
      'name=orders&owner=group:default/platform-team&namespace=svc-a',
    );
    expect(await free.json()).toEqual({
      available: true,
      problems: [],
      existing: [],
      entityRef: 'component:default/orders',
    });
    const taken = await (
      await get('name=payments&owner=group:default/platform-team')
    ).json();
    expect(taken.available).toBe(false);
    expect(taken.problems).toEqual([
      'catalog entity component:default/payments is owned by group:default/other-team; refusing to change it for group:default/platform-team',
    ]);
    const outside = await (
      await get(
        'name=orders&owner=group:default/platform-team&namespace=kube-system',
      )
    ).json();
    expect(outside.problems).toEqual([
      expect.stringContaining("'kube-system' is a system namespace"),
    ]);
  });

  it('names the parameter of a bad query, and refuses callers that are not users', async () => {
    const repeated = await get('name=a&name=b&owner=x');
    expect(repeated.status).toBe(400);
    expect((await repeated.json()).error.message).toBe(
      'name: give it once, as a single value',
    );
    const unknown = await get('name=orders&owner=x&token=1');
    expect((await unknown.json()).error.message).toBe(
      'query: unknown parameter(s) token',
    );
    const badName = await get('name=Orders!&owner=x');
    expect((await badName.json()).error.message).toMatch(/^name: /);
    const anonymous = await fetch(`${base}?name=orders&owner=x`);
    expect(anonymous.status).toBe(401);
  });
});
