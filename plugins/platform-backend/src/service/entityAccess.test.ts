import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { platformEntityReadPermission } from '@paved-road/backstage-plugin-platform-common';
import { demoEntity } from '../testing/fakePlatform';
import { ENTITY_READ_TTL_MS, EntityAccess } from './entityAccess';

const user = (name: string) =>
  ({ $$type: '@backstage/BackstageCredentials', principal: { type: 'user', userEntityRef: `user:default/${name}` } }) as BackstageCredentials;
const ref = { kind: 'component', namespace: 'default', name: 'msa-nginx' };

function setup() {
  let now = 1_000_000;
  const getEntityByRef = jest.fn(async () => demoEntity());
  const authorize = jest.fn(async (requests: unknown[]) => requests.map(() => ({ result: AuthorizeResult.ALLOW })));
  const access = new EntityAccess({
    catalog: { getEntityByRef } as unknown as CatalogService,
    permissions: { authorize } as unknown as PermissionsService,
    now: () => now,
  });
  return { access, getEntityByRef, authorize, advance: (ms: number) => (now += ms) };
}

describe('EntityAccess', () => {
  it('shares one catalog read between concurrent and recent requests of the same principal, authorizing each', async () => {
    const { access, getEntityByRef, authorize, advance } = setup();
    await Promise.all([1, 2, 3].map(() => access.load(ref, user('alice'), platformEntityReadPermission)));
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
    expect((getEntityByRef.mock.calls as unknown[][])[1][1]).toEqual({ credentials: user('bob') });
  });

  it('keeps neither failures nor missing entities, and still denies per request', async () => {
    const { access, getEntityByRef, authorize } = setup();
    getEntityByRef.mockRejectedValueOnce(new Error('catalog down'));
    await expect(access.load(ref, user('alice'), platformEntityReadPermission)).rejects.toMatchObject({ name: 'NotFoundError' });
    getEntityByRef.mockResolvedValueOnce(undefined as never);
    await expect(access.load(ref, user('alice'), platformEntityReadPermission)).rejects.toMatchObject({ name: 'NotFoundError' });
    await access.load(ref, user('alice'), platformEntityReadPermission);
    authorize.mockResolvedValueOnce([{ result: AuthorizeResult.DENY }] as never);
    await expect(access.load(ref, user('alice'), platformEntityReadPermission)).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(getEntityByRef).toHaveBeenCalledTimes(3);
  });
});
