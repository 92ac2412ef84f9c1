import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  NotAllowedError,
  NotFoundError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { platformEntityReadPermission } from '@paved-road/backstage-plugin-platform-common';
import { demoEntity } from '../__testUtils__/fakePlatform';
import {
  ENTITY_READ_TTL_MS,
  EntityAccess,
  isNoEntityError,
} from './entityAccess';

const user = (name: string) =>
  ({
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: `user:default/${name}` },
  } as BackstageCredentials);
const ref = { kind: 'component', namespace: 'default', name: 'msa-nginx' };

const responseError = (status: number) =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({ error: { name: 'Error', message: `status ${status}` } }),
      {
        status,
        statusText: 'x',
        headers: { 'content-type': 'application/json' },
      },
    ) as any,
  );

function setup(catalogTimeoutMs?: number) {
  let now = 1_000_000;
  const getEntityByRef = jest.fn(async () => demoEntity());
  const authorize = jest.fn(async (requests: unknown[]) =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  );
  const access = new EntityAccess({
    catalog: { getEntityByRef } as unknown as CatalogService,
    permissions: { authorize } as unknown as PermissionsService,
    now: () => now,
    catalogTimeoutMs,
  });
  return {
    access,
    getEntityByRef,
    authorize,
    advance: (ms: number) => (now += ms),
  };
}

describe('EntityAccess', () => {
  it('shares one catalog read between concurrent and recent requests of the same principal, authorizing each', async () => {
    const { access, getEntityByRef, authorize, advance } = setup();
    await Promise.all(
      [1, 2, 3].map(() =>
        access.load(ref, user('alice'), platformEntityReadPermission),
      ),
    );
    advance(ENTITY_READ_TTL_MS - 1);
    await access.load(ref, user('alice'), platformEntityReadPermission);
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
    expect(authorize).toHaveBeenCalledTimes(4);
    advance(1);
    await access.load(ref, user('alice'), platformEntityReadPermission);
    expect(getEntityByRef).toHaveBeenCalledTimes(2);
  });

  it('never shares a read between principals', async () => {
    const { access, getEntityByRef } = setup();
    await access.load(ref, user('alice'), platformEntityReadPermission);
    await access.load(ref, user('bob'), platformEntityReadPermission);
    expect(getEntityByRef).toHaveBeenCalledTimes(2);
    expect((getEntityByRef.mock.calls as unknown[][])[1][1]).toEqual({
      credentials: user('bob'),
    });
  });

  it('keeps neither failures nor missing entities, and still denies per request', async () => {
    const { access, getEntityByRef, authorize } = setup();
    getEntityByRef.mockRejectedValueOnce(new Error('catalog down'));
    await expect(
      access.load(ref, user('alice'), platformEntityReadPermission),
    ).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
    getEntityByRef.mockResolvedValueOnce(undefined as never);
    await expect(
      access.load(ref, user('alice'), platformEntityReadPermission),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await access.load(ref, user('alice'), platformEntityReadPermission);
    authorize.mockResolvedValueOnce([
      { result: AuthorizeResult.DENY },
    ] as never);
    await expect(
      access.load(ref, user('alice'), platformEntityReadPermission),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(getEntityByRef).toHaveBeenCalledTimes(3);
  });

  it.each([
    ['a 404 answer', () => responseError(404)],
    ['a 403 answer', () => responseError(403)],
    ['a 401 answer', () => responseError(401)],
    ['a 400 answer', () => responseError(400)],
    ['NotFoundError', async () => new NotFoundError('nope')],
    ['NotAllowedError', async () => new NotAllowedError('nope')],
  ])(
    'missing or unreadable (%s) is a 404 that does not say which',
    async (_what, makeError) => {
      const { access, getEntityByRef } = setup();
      getEntityByRef.mockRejectedValueOnce((await makeError()) as never);
      await expect(
        access.load(ref, user('alice'), platformEntityReadPermission),
      ).rejects.toEqual(
        new NotFoundError(
          'No entity component:default/msa-nginx visible to you',
        ),
      );
    },
  );

  it.each([
    ['a 503 answer', () => responseError(503), /the catalog answered 503/],
    ['a 500 answer', () => responseError(500), /the catalog answered 500/],
    ['a 429 answer', () => responseError(429), /the catalog answered 429/],
    [
      'a refused connection',
      async () =>
        Object.assign(new TypeError('fetch failed'), {
          cause: new Error('connect ECONNREFUSED 10.0.0.7:7007'),
        }),
      /could not be reached/,
    ],
    ['a non-Error rejection', async () => 'boom', /could not be reached/],
  ])(
    'a catalog that is down (%s) is a 503 saying so, without internal detail',
    async (_what, makeError, why) => {
      const { access, getEntityByRef } = setup();
      getEntityByRef.mockRejectedValueOnce((await makeError()) as never);
      const error = await access
        .load(ref, user('alice'), platformEntityReadPermission)
        .catch(e => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toMatch(
        /^Cannot load component:default\/msa-nginx: /,
      );
      expect(error.message).toMatch(why);
      expect(error.message).toMatch(/try again shortly/);
      expect(error.message).not.toMatch(/10\.0\.0\.7|ECONNREFUSED/);
      // Not kept: the next request reads again.
      await access.load(ref, user('alice'), platformEntityReadPermission);
      expect(getEntityByRef).toHaveBeenCalledTimes(2);
    },
  );

  it('a catalog that does not answer in time is a 503 naming the timeout', async () => {
    const { access, getEntityByRef } = setup(50);
    getEntityByRef.mockImplementationOnce(() => new Promise(() => {}) as never);
    await expect(
      access.load(ref, user('alice'), platformEntityReadPermission),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(
        'the catalog did not answer within 50 ms',
      ),
    });
    expect(
      await access.load(ref, user('alice'), platformEntityReadPermission),
    ).toMatchObject({ metadata: { name: 'msa-nginx' } });
  });

  it('classifies catalog errors', async () => {
    expect(isNoEntityError(await responseError(404))).toBe(true);
    expect(isNoEntityError(await responseError(408))).toBe(false);
    expect(isNoEntityError(await responseError(502))).toBe(false);
    expect(isNoEntityError(new Error('x'))).toBe(false);
    expect(isNoEntityError(undefined)).toBe(false);
  });
});
