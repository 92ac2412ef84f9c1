import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { testOwnership } from '../testing/ownership';

const component = (name: string, owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
});

describe('ServiceOwnership', () => {
  const user = mockCredentials.user('user:default/mock');

  it('lets a member act for their group, normalising the owner ref', async () => {
    await expect(
      testOwnership().authorize(user, { owner: 'platform-team' }),
    ).resolves.toBe('group:default/platform-team');
  });

  it('refuses a group the user is not in unless platform.service.write is granted', async () => {
    await expect(
      testOwnership().authorize(user, { owner: 'group:default/other-team' }),
    ).rejects.toThrow(
      'user:default/mock may not act for group:default/other-team: not a member of it, and platform.service.write is not granted for it',
    );
    await expect(
      testOwnership({ permission: AuthorizeResult.ALLOW }).authorize(user, {
        owner: 'group:default/other-team',
      }),
    ).resolves.toBe('group:default/other-team');
  });

  it('refuses an owner that is not a Group or User, and a task not started by a user', async () => {
    await expect(
      testOwnership().authorize(user, { owner: 'group:default/ghosts' }),
    ).rejects.toThrow(
      'owner: group:default/ghosts is not a Group or User in the catalog',
    );
    await expect(
      testOwnership().authorize(user, { owner: 'not a ref!' }),
    ).rejects.toThrow(/is not an entity reference/);
    await expect(
      testOwnership().authorize(mockCredentials.service('plugin:catalog'), {
        owner: 'group:default/platform-team',
      }),
    ).rejects.toThrow('Only a signed-in user can create or change a service');
  });

  it('reads the recorded owner from the mark, else from the catalog owner of the recorded component', async () => {
    const ownership = testOwnership({
      entities: [component('orders', 'other-team')],
    });
    await expect(
      ownership.recordedOwner({ owner: 'group:default/Platform-Team' }),
    ).resolves.toBe('group:default/platform-team');
    await expect(
      ownership.recordedOwner({ entityRef: 'component:default/orders' }),
    ).resolves.toBe('group:default/other-team');
    await expect(
      ownership.recordedOwner({ entityRef: 'component:default/unknown' }),
    ).resolves.toBeUndefined();
  });

  it('allows a claim only for the same owner and component', async () => {
    const ownership = testOwnership();
    const request = {
      owner: 'group:default/platform-team',
      entityRef: 'component:default/orders',
    };
    await expect(
      ownership.checkClaim(
        'x',
        {
          owner: 'group:default/platform-team',
          entityRef: 'component:default/orders',
        },
        request,
      ),
    ).resolves.toEqual({ ok: true });
    await expect(
      ownership.checkClaim(
        "Jenkins job 'a/b'",
        { owner: 'group:default/other-team' },
        request,
      ),
    ).resolves.toEqual({
      ok: false,
      recordedOwner: 'group:default/other-team',
      message:
        "Jenkins job 'a/b' is owned by group:default/other-team; refusing to change it for group:default/platform-team",
    });
    await expect(ownership.checkClaim('x', {}, request)).resolves.toMatchObject(
      {
        ok: false,
        message: expect.stringContaining('x exists and records no owner'),
      },
    );
    await expect(
      ownership.checkClaim(
        'x',
        {
          owner: 'group:default/platform-team',
          entityRef: 'component:default/other',
        },
        request,
      ),
    ).resolves.toMatchObject({
      ok: false,
      message:
        'x belongs to component:default/other; refusing to reuse it for component:default/orders',
    });
  });
});
